import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import fc from 'fast-check';
import { cliConfigView } from '../../../src/core/awsConfig/cliConfigView';
import { parseIni, splitLines, type IniDocument, type IniLine } from '../../../src/core/awsConfig/iniDocument';
import { findTargetSection, type SectionTarget } from '../../../src/core/awsConfig/iniEdit';
import { cliSectionIdentity, sameIdentity, sdkSectionIdentity } from '../../../src/core/awsConfig/sectionIdentity';
import { planSsoProfileWrite, type SsoProfilePlan } from '../../../src/core/awsConfig/ssoProfilePlan';
import type { SsoProfileRequest } from '../../../src/core/awsConfig/ssoProfileRequest';
import { botocoreViews } from './awsCliOracle';
import { configFileArbitrary, NAMES } from './configFileArbitrary';

const requestArbitrary: fc.Arbitrary<SsoProfileRequest> = fc.record({
  sessionName: fc.constantFrom(...NAMES),
  startUrl: fc.constantFrom('https://d-1234567890.awsapps.com/start', 'https://my-corp.awsapps.com/start/', 'https://ssoins-1.portal.us-east-1.app.aws'),
  ssoRegion: fc.constantFrom('us-east-1', 'eu-west-1'),
  registrationScopes: fc.constantFrom('sso:account:access', 'sso:account:access,codewhisperer:completions'),
  profileName: fc.constantFrom(...NAMES),
  accountId: fc.constantFrom('111122223333', '999988887777'),
  roleName: fc.constantFrom('ClaudeDevelopers', 'Admin'),
  region: fc.constantFrom('us-west-2', 'eu-central-1'),
  output: fc.constantFrom('json', 'text', undefined),
});

function targetsOf(request: SsoProfileRequest): [SectionTarget, SectionTarget] {
  return [
    { kind: 'profile', name: request.profileName },
    { kind: 'sso-session', name: request.sessionName },
  ];
}

const PROFILE_KEYS = ['sso_session', 'sso_account_id', 'sso_role_name', 'region', 'output', 'sso_start_url', 'sso_region', 'sso_registration_scopes'];

function expectedValues(plan: SsoProfilePlan): { profile: Record<string, string>; session: Record<string, string> } {
  const r = plan.request;
  return {
    profile: { sso_session: r.sessionName, sso_account_id: r.accountId, sso_role_name: r.roleName, region: r.region, ...(r.output !== undefined ? { output: r.output } : {}) },
    session: { sso_start_url: r.startUrl, sso_region: r.ssoRegion, sso_registration_scopes: r.registrationScopes },
  };
}

function sameLine(original: IniLine, written: IniLine): boolean {
  // Only the file's last line can lack a terminator, and appending after it adds one.
  return original.text === written.text && (original.terminator === '' || original.terminator === written.terminator);
}

/** Every line outside the two sections we own, block by block, in order and unchanged. */
function assertForeignBlocksKept(before: IniDocument, after: IniDocument, owned: readonly (number | undefined)[]): void {
  const firstHeader = before.sections[0]?.headerLine ?? before.lines.length;
  const blocks: IniLine[][] = [before.lines.slice(0, firstHeader)];
  for (const section of before.sections) {
    if (!owned.includes(section.headerLine)) blocks.push(before.lines.slice(section.headerLine, section.endLine));
  }
  let from = 0;
  for (const block of blocks) {
    if (block.length === 0) continue;
    let found = -1;
    for (let start = from; start + block.length <= after.lines.length && found < 0; start++) {
      if (block.every((line, offset) => sameLine(line, after.lines[start + offset]!))) found = start;
    }
    assert.ok(found >= 0, `block not kept byte for byte: ${JSON.stringify(block.map((l) => l.text))}`);
    from = found + block.length;
  }
}

/** Inside our sections, every line that is not one of our keys (comments, unknown keys) survives in order. */
function assertOwnedExtrasKept(before: IniDocument, after: IniDocument, ownedHeaders: readonly (number | undefined)[]): void {
  const ourLines = new Set<number>();
  for (const section of before.sections) {
    if (!ownedHeaders.includes(section.headerLine)) continue;
    ourLines.add(section.headerLine);
    for (const entry of section.entries) if (PROFILE_KEYS.includes(entry.key)) for (const line of [entry.line, ...entry.continuationLines]) ourLines.add(line);
  }
  const kept: string[] = [];
  for (const section of before.sections) {
    if (!ownedHeaders.includes(section.headerLine)) continue;
    for (let line = section.headerLine; line < section.endLine; line++) if (!ourLines.has(line)) kept.push(before.lines[line]!.text);
  }
  let cursor = 0;
  for (const line of after.lines) if (cursor < kept.length && line.text === kept[cursor]) cursor++;
  assert.equal(cursor, kept.length, `lost a line of ours: ${JSON.stringify(kept[cursor])}`);
}

/** Whether the CLI and the JavaScript SDK agree on which lines head our two sections. */
function readersAgreeOnTargets(doc: IniDocument, targets: readonly SectionTarget[]): boolean {
  return doc.lines.every((line, index) => {
    const cli = doc.kinds[index] === 'header' ? cliSectionIdentity(doc.sections.find((s) => s.headerLine === index)!.header) : undefined;
    const sdk = sdkSectionIdentity(line.text);
    return targets.every((target) => sameIdentity(cli, target) === sameIdentity(sdk, target));
  });
}

describe('planSsoProfileWrite on random config files (property)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aws-config-property-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every byte it does not own, re-reads to the requested values (ours and the JS SDK), and new lines use the file line ending', async () => {
    let sdkChecked = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(configFileArbitrary({ invalidLines: true }), requestArbitrary, async (existing, request) => {
        runs++;
        const plan = planSsoProfileWrite(existing, request);
        const before = parseIni(existing);
        const after = parseIni(plan.text);
        const targets = targetsOf(request);
        const owned = targets.map((target) => findTargetSection(before, target)?.headerLine);

        assert.equal(after.bom, before.bom);
        assertForeignBlocksKept(before, after, owned);
        assertOwnedExtrasKept(before, after, owned);

        // Lines we add end with the file's own line ending; no other ending gains a line.
        const count = (doc: IniDocument, terminator: string) => doc.lines.filter((line) => line.terminator === terminator).length;
        for (const terminator of ['\n', '\r\n', '\r', '']) {
          if (terminator !== before.eol) assert.ok(count(after, terminator) <= count(before, terminator), `more lines ending in ${JSON.stringify(terminator)}`);
        }

        const view = cliConfigView(after);
        const expected = expectedValues(plan);
        // A session that sets one of the profile's keys (say region) to something else is
        // the user's to resolve (the writer refuses); keys we write to the session never are.
        for (const item of plan.inconsistencies) assert.ok(!(item.key in expected.session), `unresolved ${item.key}`);
        for (const [key, value] of Object.entries(expected.profile)) assert.equal(view.profiles.get(request.profileName)?.get(key), value, `profile ${key}`);
        for (const [key, value] of Object.entries(expected.session)) assert.equal(view.ssoSessions.get(request.sessionName)?.get(key), value, `session ${key}`);

        if (plan.warnings.some((w) => w.code === 'ambiguous-section') || !readersAgreeOnTargets(after, targets)) return;
        sdkChecked++;
        const file = path.join(dir, `config-${runs}`);
        await writeFile(file, plan.text);
        const { configFile } = await loadSharedConfigFiles({ configFilepath: file, filepath: path.join(dir, 'no-credentials'), ignoreCache: true });
        for (const [key, value] of Object.entries(expected.profile)) assert.equal(configFile[request.profileName]?.[key], value, `SDK profile ${key}`);
        for (const [key, value] of Object.entries(expected.session)) assert.equal(configFile[`sso-session.${request.sessionName}`]?.[key], value, `SDK session ${key}`);
      }),
      { numRuns: 400 },
    );
    assert.ok(sdkChecked > runs * 0.6, `the JS SDK check ran for only ${sdkChecked} of ${runs} files`);
  });

  it('is idempotent: applying the same write twice gives the same bytes as once', () => {
    fc.assert(
      fc.property(configFileArbitrary({ invalidLines: true, loneCr: true, defaultSection: true }), requestArbitrary, (existing, request) => {
        const once = planSsoProfileWrite(existing, request);
        const twice = planSsoProfileWrite(once.text, request);
        assert.equal(twice.text, once.text);
        assert.equal(twice.changed, false);
        assert.deepEqual(twice.conflicts, []);
        assert.equal(twice.profile.action, 'unchanged');
        assert.equal(twice.session.action, 'unchanged');
      }),
      { numRuns: 400 },
    );
  });

  it('never makes a file botocore can read unreadable, and botocore reads the requested values (batched)', () => {
    const cases = [
      ...fc.sample(fc.tuple(configFileArbitrary({ loneCr: true, defaultSection: true, invalidLines: true }), requestArbitrary), { numRuns: 200, seed: 99 }),
      ...fc.sample(fc.tuple(configFileArbitrary({ loneCr: true, defaultSection: true }), requestArbitrary), { numRuns: 500, seed: 100 }),
    ];
    const plans = cases.map(([existing, request]) => planSsoProfileWrite(existing, request));
    const beforeViews = botocoreViews(cases.map(([existing]) => existing));
    const afterViews = botocoreViews(plans.map((plan) => plan.text));
    let compared = 0;
    plans.forEach((plan, index) => {
      const [existing, request] = cases[index]!;
      const after = afterViews[index]!;
      if (beforeViews[index]!.ok) assert.ok(after.ok, `became unreadable: ${JSON.stringify(existing)}`);
      assert.equal(after.ok, cliConfigView(parseIni(plan.text)).readableByCli);
      if (!after.ok) return;
      compared++;
      const expected = expectedValues(plan);
      for (const [key, value] of Object.entries(expected.profile)) assert.equal(after.profiles[request.profileName]?.[key], value, `botocore profile ${key}`);
      for (const [key, value] of Object.entries(expected.session)) assert.equal(after.ssoSessions[request.sessionName]?.[key], value, `botocore session ${key}`);
    });
    assert.ok(compared > 100, `botocore compared only ${compared} files`);
  });
});

describe('splitLines', () => {
  it('returns no line for an empty text and keeps each terminator', () => {
    assert.deepEqual(splitLines(''), []);
    assert.deepEqual(splitLines('a\r\n\rb'), [
      { text: 'a', terminator: '\r\n' },
      { text: '', terminator: '\r' },
      { text: 'b', terminator: '' },
    ]);
  });
});
