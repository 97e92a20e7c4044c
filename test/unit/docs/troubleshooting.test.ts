import assert from 'node:assert/strict';
import { collectUserFacingErrors, undocumentedCodes } from '../../../scripts/troubleshooting';

describe('README troubleshooting section', () => {
  it('finds the errors the product raises, each with a sentence', () => {
    const errors = collectUserFacingErrors();
    assert.ok(errors.length > 20, `only ${errors.length} errors found; the collector is probably broken`);
    for (const error of errors) assert.match(error.sentence, /\S/, `${error.code} in ${error.file} has no sentence`);
  });

  it('lists every error code raised in src/ (regenerate with: node --import tsx scripts/troubleshooting.ts)', () => {
    assert.deepEqual(undocumentedCodes(), []);
  });
});
