import assert from 'node:assert/strict';
import type { BearerTokenFinding } from '../../../src/core/bearerToken/bearerTokenFinding';
import { planBearerTokenRemoval } from '../../../src/core/bearerToken/bearerTokenRemoval';
import { findingLocation } from '../../../src/core/bearerToken/bearerTokenReport';

describe('bearer token report and removal plan', function () {
  it('names a file finding without a line by the file alone', function () {
    const finding: BearerTokenFinding = {
      kind: 'fish-universal-variables',
      file: '/home/dev/.config/fish/fish_variables',
      source: 'fish universal variables',
      commented: false,
      fix: { action: 'edit-by-hand', file: '/home/dev/.config/fish/fish_variables', summary: 'Run set -e -U AWS_BEARER_TOKEN_BEDROCK in fish.' },
    };
    assert.equal(findingLocation(finding), '/home/dev/.config/fish/fish_variables (fish universal variables)');
  });

  it('gives an instruction shared by several findings once', function () {
    const summary = 'Ask your administrator to remove AWS_BEARER_TOKEN_BEDROCK from the managed settings.';
    const managed = (file: string): BearerTokenFinding => ({
      kind: 'managed-settings',
      file,
      line: 3,
      source: 'Claude Code managed settings',
      commented: false,
      fix: { action: 'ask-admin', file, summary },
    });
    const plan = planBearerTokenRemoval([managed('/etc/claude-code/managed-settings.json'), managed('/etc/claude-code/managed-settings.d/10-team.json')]);
    assert.deepEqual(plan, { edits: [], instructions: [summary] });
  });
});
