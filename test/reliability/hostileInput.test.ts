// Suite 4: hostile input. Property tests (fast-check) that parsers and writers never
// crash on random input and that values from users, org files or the network that must
// be refused are refused with a complete sentence.
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse as parseJsonc } from 'jsonc-parser';
import { formatCsv, parseCsv } from '../../src/core/admin/csvFormat';
import { planSsoProfileWrite } from '../../src/core/awsConfig/ssoProfilePlan';
import { planClaudeSettings } from '../../src/core/claudeSettings/settingsPlan';
import { parseTranscriptLine } from '../../src/core/cost/transcriptLine';
import { scanTranscripts } from '../../src/core/cost/transcriptScanner';
import { parseOrgDefaults } from '../../src/core/orgDefaults/validateOrgDefaults';
import { isUserFacingError } from '../../src/core/runtime/userFacingError';
import { isInvalid } from '../../src/core/validation/invalidValue';
import { validateRegion } from '../../src/core/validation/awsRegion';
import { validateApplicationInferenceProfileArn } from '../../src/core/validation/inferenceProfileIds';
import { validateStartUrl } from '../../src/core/validation/startUrl';
import { validateVerificationUrl } from '../../src/core/validation/verificationUrl';
import { runCli } from '../../src/cli/runCli';
import { setEnv } from '../emulator/testSupport';
import { makeTempHome } from '../support/tempHome';
import { crashState } from './support/writerStates';

const counts: Record<string, number> = {};
function tried(name: string): void {
  counts[name] = (counts[name] ?? 0) + 1;
}

/** A refusal must be a whole sentence: starts with a capital or a quote, ends with a full stop. */
function assertSentence(error: unknown, what: string): void {
  assert.ok(isUserFacingError(error), `${what}: not a UserFacingError: ${String(error)}`);
  assert.match(error.message.trim(), /[.)]$/, `${what}: ${error.message}`);
  assert.ok(error.message.length > 20, `${what}: ${error.message}`);
}

const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const host = fc.stringMatching(/^[a-z0-9-]{1,20}$/);

describe('reliability: hostile input (property)', function () {
  this.timeout(120_000);
  after(() => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`\n  hostile input: ${String(total)} cases tried, 0 violations (assertions passed)`);
    for (const [name, n] of Object.entries(counts)) console.log(`    ${name.padEnd(34)} ${String(n)}`);
  });

  it('start URLs that are http://, carry credentials or name a non-AWS host are refused with a sentence', () => {
    const bad = fc.oneof(
      host.map((h) => `http://${h}.awsapps.com/start`),
      fc.tuple(host, host).map(([u, h]) => `https://${u}:pw@${h}.awsapps.com/start`),
      fc.tuple(host, host).map(([u, h]) => `https://${u}@${h}.awsapps.com/start`),
      host.map((h) => `https://${h}.awsapps.com.evil.example/start`),
      host.map((h) => `https://${h}.example.com/start`),
      host.map((h) => `https://awsapps.com.${h}.net/start`),
      anyText.filter((t) => !/^https:\/\//.test(t.trim())),
    );
    fc.assert(
      fc.property(bad, (url) => {
        tried('start URL refusals');
        const result = validateStartUrl(url);
        assert.ok(isInvalid(result), `accepted ${JSON.stringify(url)}`);
        assertSentence(result, url);
      }),
      { numRuns: 400 },
    );
    assert.ok(!isInvalid(validateStartUrl('https://d-1234567890.awsapps.com/start')));
  });

  it('a verification URL from IAM Identity Center that is not https on an AWS domain is never accepted', () => {
    const bad = fc.oneof(
      host.map((h) => `http://device.sso.us-east-1.amazonaws.com/?user_code=${h}`),
      host.map((h) => `https://${h}.example.com/device`),
      host.map((h) => `https://amazonaws.com.${h}.io/device`),
      host.map((h) => `javascript:alert('${h}')`),
      host.map((h) => `file:///etc/${h}`),
      fc.tuple(host, host).map(([u, h]) => `https://${u}@${h}.net/?x=device.sso.us-east-1.amazonaws.com`),
    );
    fc.assert(
      fc.property(bad, (url) => {
        tried('verification URL refusals');
        const result = validateVerificationUrl(url);
        assert.ok(isInvalid(result), `accepted ${url}`);
        assertSentence(result, url);
      }),
      { numRuns: 300 },
    );
    assert.ok(!isInvalid(validateVerificationUrl('https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH')));
  });

  it('region strings with path or URL characters are refused', () => {
    const bad = fc.tuple(fc.constantFrom('us-east-1', 'eu-west-1', ''), fc.constantFrom('/', '..', '\\', '?', '#', '@', ':', '%2f', ' ', '\n', '.evil.com'), fc.constantFrom('', 'x', '/etc/passwd')).map(([a, b, c]) => `${a}${b}${c}`);
    fc.assert(
      fc.property(bad, (region) => {
        tried('region refusals');
        const result = validateRegion(region);
        // Surrounding blanks are trimmed away; what is accepted must be a bare region code.
        if (!isInvalid(result)) assert.match(result, /^[a-z]{2}(-[a-z]+)+-\d+$/, `accepted ${JSON.stringify(region)} as ${result}`);
        else assertSentence(result, region);
      }),
      { numRuns: 300 },
    );
  });

  it('ARNs of the wrong shape are refused; the right shape is accepted', () => {
    const good = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/k3v9q2m7x1ab';
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.constantFrom('', '/', ':', ' ', 'x', '*', '..'), fc.boolean(), (at, insert, remove) => {
        tried('ARN mutations');
        const mutated = good.slice(0, at) + insert + good.slice(at + (remove ? 1 : 0));
        const result = validateApplicationInferenceProfileArn(mutated);
        if (isInvalid(result)) assertSentence(result, mutated);
        else assert.match(result.arn, /^arn:aws(-[a-z]+)*:bedrock:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:application-inference-profile\/[a-z0-9]+$/, `accepted ${mutated}`);
      }),
      { numRuns: 500 },
    );
  });

  it('CSV output neutralises formula cells (=, +, -, @) and round-trips every other cell', () => {
    const cell = fc.oneof(fc.string({ maxLength: 30 }), fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string({ maxLength: 20 })).map(([a, b]) => `${a}${b}`));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
        tried('CSV rows');
        const parsed = parseCsv(formatCsv(rows));
        assert.ok(parsed.ok, JSON.stringify(parsed));
        // Every cell reads back as written, except that a formula gets a leading quote.
        assert.deepEqual(
          parsed.records.map((r) => r.cells),
          // A row of one empty cell is a blank line, which CSV readers skip.
          rows.filter((row) => row.length > 1 || row[0] !== '').map((row) => row.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c))),
        );
        for (const record of parsed.records) for (const c of record.cells) assert.ok(!/^[=+\-@]/.test(c), `formula cell written: ${c}`);
      }),
      { numRuns: 300 },
    );
  });

  it('the INI editor never crashes and is idempotent on random files (BOM, CRLF, tabs, unicode, duplicates, long lines)', () => {
    const piece = fc.oneof(
      fc.constantFrom('[profile claude-code]', '[sso-session claude-code]', '[default]', '[profile claude-code]', '\ufeff', '\t[profile x]', 'region = a', 'sso_session=b', '  nested = 1', '# c', ';', '[', ']', '='),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('a', '中', '😀', '\t'), minLength: 5000, maxLength: 9000 }),
    );
    const file = fc.tuple(fc.array(piece, { maxLength: 20 }), fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 5 })).map(([parts, eols]) => parts.map((p, i) => p + (eols[i % eols.length] ?? '\n')).join(''));
    fc.assert(
      fc.property(file, (text) => {
        tried('INI files');
        const request = crashState(0).profile;
        try {
          const once = planSsoProfileWrite(text, request);
          assert.equal(planSsoProfileWrite(once.text, request).text, once.text);
        } catch (error) {
          assertSentence(error, 'INI');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the settings merger keeps every unknown key of random JSON, or refuses with a sentence', () => {
    const desired = crashState(1).settings;
    fc.assert(
      fc.property(fc.oneof(fc.json(), anyText, fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue()).map((o) => JSON.stringify(o, null, 3))), (text) => {
        tried('settings files');
        let plan;
        try {
          plan = planClaudeSettings(text, desired);
        } catch (error) {
          assertSentence(error, 'settings');
          return;
        }
        // JSON.parse keeps a "__proto__" key as an own property, as the merged text does;
        // jsonc-parser's parse assigns it and so drops it. JSONC (comments, trailing commas) needs the latter.
        const before: unknown = text.trim() === '' ? {} : parseKeepingEveryKey(text);
        const after = JSON.parse(plan.after) as Record<string, unknown>;
        assert.ok(typeof before === 'object' && before !== null && !Array.isArray(before), 'only an object is merged');
        for (const key of Object.keys(before)) if (key !== 'env' && key !== 'awsAuthRefresh') assert.deepEqual(after[key], (before as Record<string, unknown>)[key], key);
        assert.equal((after['env'] as Record<string, unknown>)['AWS_REGION'], desired.awsRegion);
      }),
      { numRuns: 400 },
    );
  });

  it('the transcript reader takes random bytes and truncated lines without throwing', async () => {
    fc.assert(
      fc.property(anyText, (line) => {
        tried('transcript lines');
        assert.ok(['usage', 'other', 'malformed'].includes(parseTranscriptLine(line).kind));
      }),
      { numRuns: 500 },
    );
    const { home, remove } = await makeTempHome('reliability-transcripts-');
    try {
      const dir = path.join(home, 'projects', 'p');
      await fs.mkdir(dir, { recursive: true });
      const good = JSON.stringify({ timestamp: new Date().toISOString(), requestId: 'r', message: { id: 'm', model: 'claude-sonnet-4', usage: { input_tokens: 10, output_tokens: 5 } } });
      const samples = fc.sample(fc.uint8Array({ maxLength: 400 }), { numRuns: 40, seed: 7 });
      for (const [i, bytes] of samples.entries()) {
        await fs.writeFile(path.join(dir, `s${String(i)}.jsonl`), Buffer.concat([Buffer.from(`${good}\n`), Buffer.from(bytes), Buffer.from(`\n${good.slice(0, i * 3)}`)]));
        tried('transcript files');
      }
      const { stats } = await scanTranscripts({ projectsDir: path.join(home, 'projects'), now: new Date() });
      assert.equal(stats.files, samples.length);
    } finally {
      await remove();
    }
  });

  it('the org defaults loader refuses random documents with sentences and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), anyText, fc.dictionary(fc.constantFrom('ssoStartUrl', 'ssoRegion', 'allowedRegions', 'accountId', 'locked', 'budget', 'x'), fc.jsonValue()).map((o) => JSON.stringify(o))), (text) => {
        tried('org defaults documents');
        const checked = parseOrgDefaults(text);
        if (!checked.ok) {
          assert.ok(checked.problems.length > 0);
          for (const problem of checked.problems) assert.ok(problem.trim().length > 10, problem);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('random CLI arguments end in an exit code and text, never an exception', async () => {
    const { home, remove } = await makeTempHome('reliability-cli-');
    // Nothing reachable: any AWS call fails fast instead of reaching the network.
    const restore = setEnv({ HOME: home, AWS_CONFIG_FILE: path.join(home, 'config'), AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined });
    try {
      const word = fc.oneof(
        fc.constantFrom('login', 'logout', 'configure', 'test-connection', 'admin', 'help', '--help', '-h', '--profile', '--region', '--start-url', '--arn', '--json', '--yes', '--dry-run', '--', '-', '=', 'http://x', 'us-east-1/..'),
        fc.string({ maxLength: 12 }),
      );
      const samples = fc.sample(fc.array(word, { maxLength: 5 }), { numRuns: 120, seed: 42 });
      for (const argv of samples) {
        tried('CLI argument lists');
        let out = '';
        const code = await Promise.race([
          runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (out += t), stdinIsTTY: false }),
          new Promise<number>((resolve) => setTimeout(() => { resolve(-1); }, 10_000)),
        ]);
        assert.ok([0, 1, 2].includes(code), `${JSON.stringify(argv)} → ${String(code)}\n${out}`);
        if (code !== 0) assert.ok(out.trim().length > 0, `${JSON.stringify(argv)} failed silently`);
      }
    } finally {
      restore();
      await remove();
    }
  });
});

function parseKeepingEveryKey(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return parseJsonc(text);
  }
}
