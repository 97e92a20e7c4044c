import assert from 'node:assert/strict';
import * as path from 'node:path';
import { transcriptProjectsDir } from '../../../src/core/cost/transcriptLocation';

describe('cost: where the transcripts are', () => {
  it('expands only a leading ~ in CLAUDE_CONFIG_DIR, not a ~ folder further down', () => {
    assert.equal(transcriptProjectsDir({ homeDir: '/home/dev', env: { CLAUDE_CONFIG_DIR: '/srv/~/cc' } }), path.join('/srv/~/cc', 'projects'));
    assert.equal(transcriptProjectsDir({ homeDir: '/home/dev', env: { CLAUDE_CONFIG_DIR: '/srv/~' } }), path.join('/srv/~', 'projects'));
    assert.equal(transcriptProjectsDir({ homeDir: '/home/dev', env: { CLAUDE_CONFIG_DIR: '~/cc/~/x' } }), path.join('/home/dev', 'cc', '~', 'x', 'projects'));
  });
});
