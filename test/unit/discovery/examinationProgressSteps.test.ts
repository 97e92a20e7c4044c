import assert from 'node:assert/strict';
import { everyPercent, examinedText } from '../../../src/core/discovery/examinationProgressSteps';
import type { ExaminationProgress } from '../../../src/core/discovery/pacedExamination';

describe('progress of the full examination', () => {
  it('passes on the start, about one update per step, and the end', () => {
    const seen: ExaminationProgress[] = [];
    const report = everyPercent(10, (p) => seen.push(p));
    for (let examined = 0; examined <= 9000; examined++) report({ examined, total: 9000 });
    assert.equal(seen.length, 11);
    assert.deepEqual(seen[0], { examined: 0, total: 9000 });
    assert.deepEqual(seen[1], { examined: 900, total: 9000 });
    assert.deepEqual(seen.at(-1), { examined: 9000, total: 9000 });
  });

  it('reads "examined 1,200 of 9,000"', () => {
    assert.equal(examinedText({ examined: 1200, total: 9000 }), 'examined 1,200 of 9,000 inference profiles');
  });
});
