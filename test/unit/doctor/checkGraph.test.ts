import assert from 'node:assert/strict';
import { runCheckGraph, type CheckDefinition, type CheckResult } from '../../../src/core/doctor/checkGraph';
import type { SetupCheckId } from '../../../src/core/doctor/setupCheck';
import { formatSetupReportText, setupReportJson } from '../../../src/core/doctor/setupReportText';
import { silentLogger } from '../../../src/core/runtime/logger';
import { registerSecret } from '../../../src/core/secrets/redact';

function check(id: SetupCheckId, needs: SetupCheckId[], run: (signal: AbortSignal) => Promise<CheckResult>, timeoutMs = 2000): CheckDefinition {
  return { id, title: `Check ${id}`, needs, timeoutMs, timeoutAdvice: 'try again', run };
}

const after = (ms: number, result: CheckResult, signal?: AbortSignal): Promise<CheckResult> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      resolve(result);
    }, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  });

describe('runCheckGraph', () => {
  it('runs independent checks at the same time and keeps the order of the definitions', async () => {
    // Each check waits for the test to answer it, so "at the same time" is an order of
    // events (all three started before any finished), not a stopwatch reading.
    const answer = new Map<SetupCheckId, (result: CheckResult) => void>();
    const waiting = (id: SetupCheckId) => (): Promise<CheckResult> => new Promise((resolve) => answer.set(id, resolve));
    let now = 1_000;
    const graph = runCheckGraph([check('aws-profile', [], waiting('aws-profile')), check('claude-cli', [], waiting('claude-cli')), check('bearer-token', [], waiting('bearer-token'))], {
      logger: silentLogger,
      clock: () => now,
    });
    await new Promise(setImmediate);
    assert.deepEqual([...answer.keys()], ['aws-profile', 'claude-cli', 'bearer-token'], 'concurrent, not one after another');
    now += 10;
    answer.get('bearer-token')?.({ status: 'pass', detail: 'c' });
    await new Promise(setImmediate);
    now += 140;
    answer.get('claude-cli')?.({ status: 'warn', detail: 'b' });
    answer.get('aws-profile')?.({ status: 'pass', detail: 'a' });
    const checks = await graph;
    assert.deepEqual(checks.map((c) => `${c.id}:${c.status}`), ['aws-profile:pass', 'claude-cli:warn', 'bearer-token:pass']);
    assert.deepEqual(checks.map((c) => c.durationMs), [150, 150, 10], 'each check timed on the clock it was given');
  });

  it('skips a check whose prerequisite failed, and one whose prerequisite was skipped, without running them', async () => {
    let ran = 0;
    const counted = (): Promise<CheckResult> => {
      ran++;
      return Promise.resolve({ status: 'pass', detail: 'ran' });
    };
    const checks = await runCheckGraph(
      [
        check('aws-profile', [], () => Promise.resolve({ status: 'fail', detail: 'no profile' })),
        check('credentials', ['aws-profile'], counted),
        check('identity', ['credentials'], counted),
        check('claude-cli', [], counted),
      ],
      { logger: silentLogger },
    );
    assert.deepEqual(checks.map((c) => c.status), ['fail', 'skip', 'skip', 'pass']);
    assert.equal(checks[1]?.detail, 'Skipped because "Check aws-profile" failed; fix that first.');
    assert.equal(checks[2]?.detail, 'Skipped because "Check credentials" was skipped; fix that first.');
    assert.equal(ran, 1);
  });

  it('a warning does not block the checks that need it', async () => {
    const checks = await runCheckGraph(
      [check('sso-token', [], () => Promise.resolve({ status: 'warn', detail: 'expired, refreshable' })), check('credentials', ['sso-token'], () => Promise.resolve({ status: 'pass', detail: 'ok' }))],
      { logger: silentLogger },
    );
    assert.deepEqual(checks.map((c) => c.status), ['warn', 'pass']);
  });

  it('fails a check at its time limit, aborts its signal, and does not wait for it', async () => {
    let aborted = false;
    // The hung check never settles: the report coming back at all shows it was not waited for.
    const checks = await runCheckGraph(
      [
        check(
          'identity',
          [],
          (signal) => {
            signal.addEventListener('abort', () => (aborted = true));
            return new Promise<CheckResult>(() => undefined);
          },
          100,
        ),
        check('claude-cli', [], () => after(20, { status: 'pass', detail: 'fine' })),
      ],
      { logger: silentLogger },
    );
    const [hung] = checks;
    assert.ok(hung);
    assert.equal(hung.status, 'fail');
    assert.equal(hung.detail, 'Check identity: no answer within 0.1 s, so the check was stopped; try again.');
    assert.equal(aborted, true);
    assert.equal(checks[1]?.status, 'pass');
  });

  it('turns an unexpected error into that check\'s failure, with secrets masked', async () => {
    registerSecret('sekrit-token-value-123');
    const checks = await runCheckGraph(
      [check('credentials', [], () => Promise.reject(new TypeError('boom near sekrit-token-value-123')))],
      { logger: silentLogger },
    );
    const [failed] = checks;
    assert.ok(failed);
    assert.equal(failed.status, 'fail');
    assert.match(failed.detail, /could not be checked \(TypeError: boom near «redacted»\)/);
    assert.ok(!failed.detail.includes('sekrit-token-value-123'));
  });

  it('refuses a definition that needs a check defined after it', async () => {
    await assert.rejects(
      runCheckGraph([check('identity', ['credentials'], () => Promise.resolve({ status: 'pass', detail: '' }))], { logger: silentLogger }),
      /needs credentials, which is not defined before it/,
    );
  });
});

describe('setup report text and JSON', () => {
  const checks = [
    { id: 'aws-profile' as const, title: 'AWS profile', status: 'pass' as const, detail: 'Profile ok.', locations: [{ file: '/h/.aws/config' }] },
    {
      id: 'bearer-token' as const,
      title: 'Bearer token',
      status: 'fail' as const,
      detail: 'Set in .bashrc; value tok-abcdef-987654 must not show.',
      locations: [{ file: '/h/.bashrc', line: 2 }],
      fix: { title: 'Remove it', command: 'bedrockOnboarding.removeBearerToken' },
    },
    { id: 'identity' as const, title: 'Identity', status: 'skip' as const, detail: 'Skipped.' },
  ];

  it('lists each check with its icon, where, the fix, and a summary; secrets masked', () => {
    registerSecret('tok-abcdef-987654');
    const text = formatSetupReportText(checks, 'Setup check');
    assert.equal(
      text,
      [
        'Setup check',
        '',
        '✓ AWS profile: Profile ok.',
        '✗ Bearer token: Set in .bashrc; value «redacted» must not show.',
        '    at /h/.bashrc:2',
        '    Fix: Remove it',
        '– Identity: Skipped.',
        '',
        'Claude Code on Bedrock will not work until the failures are fixed (1 passed, 0 warnings, 1 failed, 1 skipped).',
        '',
      ].join('\n'),
    );
  });

  it('prints the --json shape with locations for every check', () => {
    const parsed = JSON.parse(setupReportJson(checks)) as { ok: boolean; checks: { id: string; status: string; locations: { file: string; line: number | null }[]; detail: string }[] };
    assert.equal(parsed.ok, false);
    assert.deepEqual(parsed.checks.map((c) => c.id), ['aws-profile', 'bearer-token', 'identity']);
    assert.deepEqual(parsed.checks[1]?.locations, [{ file: '/h/.bashrc', line: 2 }]);
    assert.deepEqual(parsed.checks[2]?.locations, []);
    assert.ok(!JSON.stringify(parsed).includes('tok-abcdef-987654'));
  });
});
