import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import fc from 'fast-check';
import { removeBearerTokens } from '../../../src/core/bearerToken/bearerTokenRemoval';
import { scanForBearerToken } from '../../../src/core/bearerToken/bearerTokenScanner';
import { makeTempHome, testEnvironment } from '../../support/tempHome';

const V = 'AWS_BEARER_TOKEN_BEDROCK';
const NOW = new Date('2025-01-02T03:04:05Z');
const MARKER = `# Claude Code on Bedrock removed a line that set ${V} on 2025-01-02: a Bedrock API key overrides your SSO identity in Claude Code. The old line is in .bashrc.bedrock-onboarding.bak until you delete it.`;

/**
 * A line of a generated start-up file, whether it really sets the variable, and whether the
 * fix takes it away: `own` lines become a marker, `joined` ones go with the line before them
 * (what an earlier version of the extension wrote around a line it commented out).
 */
interface Line {
  readonly text: string;
  readonly sets: boolean;
  readonly gone?: 'own' | 'joined';
}

const OLD_MARKER = `# Disabled by Claude Code on Bedrock on 2024-11-05: ${V} (a Bedrock API key) overrides your SSO identity in Claude Code.`;

const harmless = fc.constantFrom(
  'echo hello',
  "alias ll='ls -l'",
  'export PATH="$HOME/bin:$PATH"',
  '# a comment',
  '',
  `export ${V}_X=1`,
  `# export ${V}=`,
  `# export ${V}=""`,
  `unset ${V}`,
  `echo "${V}=in a string"`,
  `[ -n "$${V}" ] && echo set`,
  `MY_${V}=2`,
);
const setting = fc.constantFrom(`export ${V}=tok`, `${V}=tok`, `declare -x ${V}="tok"`, `typeset -x ${V}=tok`, `export ${V}='a b c'`, `${V}=tok; export ${V}`);
/** Commented out, but the key is still there: removed like a setting line. */
const keyOnDisk = fc.constantFrom(`# export ${V}=old`, `#${V}='tok'`, `  # declare -x ${V}=tok`);
const simpleLine = fc.oneof(
  harmless.map((text): Line => ({ text, sets: false })),
  setting.map((text): Line => ({ text, sets: true, gone: 'own' })),
  keyOnDisk.map((text): Line => ({ text, sets: false, gone: 'own' })),
);
/** An earlier version's output: its marker, the commented line, and the `:` it left in an otherwise empty block. */
const earlierOutput = fc.tuple(setting, fc.boolean()).map(([text, noOp]): Line[] => [
  { text: OLD_MARKER, sets: false, gone: 'own' },
  { text: `# ${text}`, sets: false, gone: 'joined' },
  ...(noOp ? [{ text: ':', sets: false, gone: 'joined' } as const] : []),
]);
const bodyPart = fc.oneof(simpleLine.map((line) => [line]), earlierOutput);
/** bash rejects a block body without a command, so the original must have one. */
const hasCommand = (body: readonly Line[]): boolean => body.some((line) => line.sets || (line.text.trim() !== '' && !line.text.trimStart().startsWith('#')));
const block = fc
  .tuple(
    fc.constantFrom<[string, string]>(['if [ -n "$WORK" ]; then', 'fi'], ['while false; do', 'done'], ['work() {', '}'], ['{', '}']),
    fc.array(bodyPart, { minLength: 1, maxLength: 3 }).map((parts) => parts.flat()).filter(hasCommand),
    fc.constantFrom('  ', '\t', '    '),
  )
  .map(([[open, close], body, indent]): Line[] => [{ text: open, sets: false }, ...body.map((line) => ({ ...line, text: `${indent}${line.text}` })), { text: close, sets: false }]);
const file = fc.tuple(fc.array(fc.oneof(bodyPart, block), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean());

describe('fixing a shell start-up file (property)', function () {
  let home: string;
  let removeHome: () => Promise<void>;
  before(async function () {
    ({ home, remove: removeHome } = await makeTempHome());
  });
  after(async function () {
    await removeHome();
  });

  it('finds exactly the lines that set the variable or keep its value in a comment and changes only those lines, leaving valid bash', async function () {
    this.timeout(120_000);
    const bashrc = path.join(home, '.bashrc');
    await fc.assert(
      fc.asyncProperty(file, async ([groups, eol, finalNewline]) => {
        const lines = groups.flat();
        const original = lines.map((line) => line.text).join(eol) + (finalNewline ? eol : '');
        await fs.rm(`${bashrc}.bedrock-onboarding.bak`, { force: true });
        await fs.writeFile(bashrc, original);
        const environment = testEnvironment(home, { now: () => NOW });
        const { findings } = await scanForBearerToken({ environment, processOrigin: 'terminal', managedSettingsDirectory: path.join(home, 'managed') });
        const active = findings.filter((finding) => !finding.commented);

        const expected = lines.flatMap((line, index) => (line.sets ? [index + 1] : []));
        assert.deepEqual([...new Set(active.map((finding) => finding.line))], expected);
        // The line that holds a key is reported: for an earlier version's output, the commented line, not its marker.
        const holdingKeys = lines.flatMap((line, index) => (line.gone !== undefined && line.text.trim() !== OLD_MARKER && line.text.trim() !== ':' ? [index + 1] : []));
        const toRemove = findings.filter((finding) => finding.fix !== undefined);
        assert.deepEqual([...new Set(toRemove.map((finding) => finding.line))], holdingKeys);
        for (const finding of toRemove) assert.equal(finding.fix?.action, 'remove-line');

        const outcome = await removeBearerTokens(findings, environment, { confirm: () => Promise.resolve(true) });
        const fixed = await fs.readFile(bashrc, 'utf8');
        assert.ok(!fixed.includes('=old') && !fixed.includes('=tok') && !fixed.includes("'tok'"), 'no value is left in the file');
        if (holdingKeys.length === 0) {
          assert.equal(outcome.status, 'nothing-to-edit');
          assert.equal(fixed, original);
          return;
        }
        assert.equal(await fs.readFile(`${bashrc}.bedrock-onboarding.bak`, 'utf8'), original);

        // Walk the result: every unflagged line is there unchanged, in order; each flagged
        // line is replaced by the marker (no part of the line), and at most a `:` no-op
        // (bash -n below says whether one was needed); lines joined to it vanish.
        // A one-line file without a newline has no line ending to follow; LF is used then.
        const out = fixed.split(original.includes(eol) ? eol : '\n');
        let at = 0;
        lines.forEach((line, index) => {
          if (line.gone === 'joined') return;
          if (line.gone === undefined) {
            assert.equal(out[at], line.text, `line ${String(index + 1)} changed`);
            at++;
            return;
          }
          const indent = /^[ \t]*/.exec(line.text)?.[0] ?? '';
          assert.equal(out[at], `${indent}${MARKER}`);
          at += 1;
          // No generated line is a bare `:`, so one here is the no-op the fix added.
          if (out[at] === `${indent}:`) at++;
        });
        assert.deepEqual(out.slice(at), finalNewline ? [''] : []);

        const again = await scanForBearerToken({ environment, processOrigin: 'terminal', managedSettingsDirectory: path.join(home, 'managed') });
        assert.deepEqual(again.findings.filter((finding) => finding.fix !== undefined), []);
        // bash reads `then\r` as a word, so only LF files are valid bash to begin with.
        if (eol === '\n') execFileSync('bash', ['-n', bashrc]);
      }),
      { numRuns: 60 },
    );
  });
});
