import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { runConfigure } from '../../../src/cli/commands/configure';
import { runCli } from '../../../src/cli/runCli';
import { capturedIo, exists, harness, readJson } from './cliHarness';
import { signedInHome, type SignedInHome } from './signedInHome';
import { aip, profileId, threeDevelopersWorld } from './worldBuilders';
import { organisationDeveloper, organisationWorld } from '../../emulator/organisationWorld';
import { withCurrentClaudeModels } from '../../emulator/catalog';
import { BedrockClient, CreateInferenceProfileCommand } from '@aws-sdk/client-bedrock';

/** Our login runs without input only with every value given: the profile's own, from ~/.aws/config (see signedInHome). */
const OWN_LOGIN_FLAGS = '--start-url https://d-1234567890.awsapps.com/start --sso-region us-east-1 --session claude-code --account-id 111122223333 --role-name BedrockDeveloper --region us-east-1';

describe('bedrock-onboard configure', function () {
  this.timeout(30_000);
  let home: SignedInHome | undefined;
  afterEach(async () => {
    await home?.close();
    home = undefined;
  });

  it('without a terminal and without --yes: shows the diff, writes nothing, exits 1 saying to pass --yes', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    const { deps, settingsPath } = await harness(home, { awsOnPath: true });
    const io = capturedIo(false);
    const code = await runConfigure(['--region', 'us-east-1'], io, deps);
    assert.equal(code, 1);
    assert.match(io.stdoutText(), /\+\s+"CLAUDE_CODE_USE_BEDROCK": "1"/);
    assert.match(io.stdoutText(), /ANTHROPIC_DEFAULT_OPUS_MODEL/);
    assert.match(io.stderrText(), /pass --yes/);
    assert.equal(io.err.length, 1, 'one line of reason');
    assert.equal(await exists(settingsPath), false);
  });

  it('--yes writes the settings Claude Code reads; a second run changes nothing', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const { deps, settingsPath } = await harness(home, { awsOnPath: true });
    await fs.mkdir(path.dirname(settingsPath), { recursive: true });
    await fs.writeFile(settingsPath, '{\n    "theme": "dark",\n    "env": { "EDITOR": "vim" }\n}\n');
    const io = capturedIo(false);
    assert.equal(await runConfigure(['--yes'], io, deps), 0, io.stderrText());
    const written = await readJson(settingsPath);
    assert.equal(written['theme'], 'dark');
    assert.deepEqual(written['env'], {
      EDITOR: 'vim',
      CLAUDE_CODE_USE_BEDROCK: '1',
      AWS_REGION: 'us-east-1',
      AWS_PROFILE: 'claude-code',
      ANTHROPIC_MODEL: profileId(world, 'claude-sonnet-alice'),
      ANTHROPIC_DEFAULT_OPUS_MODEL: profileId(world, 'claude-opus-alice'),
      ANTHROPIC_DEFAULT_OPUS_MODEL_NAME: 'Opus 4.1 (your profile)',
      ANTHROPIC_DEFAULT_OPUS_MODEL_DESCRIPTION: 'Your inference profile claude-opus-alice in us-east-1; its use is billed to you.',
      ANTHROPIC_DEFAULT_SONNET_MODEL: profileId(world, 'claude-sonnet-alice'),
      ANTHROPIC_DEFAULT_SONNET_MODEL_NAME: 'Sonnet 4.5 (your profile)',
      ANTHROPIC_DEFAULT_SONNET_MODEL_DESCRIPTION: 'Your inference profile claude-sonnet-alice in us-east-1; its use is billed to you.',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: profileId(world, 'claude-haiku-alice'),
      ANTHROPIC_DEFAULT_HAIKU_MODEL_NAME: 'Haiku 4.5 (your profile)',
      ANTHROPIC_DEFAULT_HAIKU_MODEL_DESCRIPTION: 'Your inference profile claude-haiku-alice in us-east-1; its use is billed to you.',
    });
    assert.equal(written['awsAuthRefresh'], 'aws sso login --profile claude-code');
    assert.match(io.stdoutText(), /Signed in as arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_BedrockDeveloper_[0-9a-f]+\/alice/);
    assert.match(io.stdoutText(), /sonnet\s+claude-sonnet-alice .* ← ANTHROPIC_MODEL/);

    const again = capturedIo(false);
    assert.equal(await runConfigure(['--yes'], again, deps), 0);
    assert.match(again.stdoutText(), /already has these settings/);
  });

  it('says which link found the profiles: their names, then on the next run the remembered ones (kept in ~/.cache/bedrock-onboarding)', async () => {
    home = await signedInHome(organisationWorld({ developers: 30 }), { userName: organisationDeveloper(12) });
    const { deps } = await harness(home, { awsOnPath: true });
    const io = capturedIo(false);
    assert.equal(await runConfigure(['--dry-run'], io, deps), 0, io.stderrText());
    assert.match(io.stdoutText(), /found by their names \(the naming convention of admin create-profiles\)/);
    assert.equal(io.stderrText(), '', 'no progress: nothing was examined one by one');
    assert.ok(await exists(path.join(home.home, '.cache', 'bedrock-onboarding', 'discovered-inference-profiles.json')));
    home.emulator.resetRequests();
    const again = capturedIo(false);
    assert.equal(await runConfigure(['--dry-run'], again, deps), 0, again.stderrText());
    assert.match(again.stdoutText(), /found by the profiles found last time, re-checked/);
    assert.equal(home.emulator.requestCount('ListInferenceProfiles'), 0);
  });

  it('a profile the admin adds after the first run is found only with --rediscover, which replaces what was remembered', async () => {
    const developer = organisationDeveloper(12);
    const world = withCurrentClaudeModels(organisationWorld({ developers: 30 }));
    // Counted requests, not throttled retries: the runs follow each other faster than the default quotas refill.
    world.quotas = 'off';
    home = await signedInHome(world, { userName: developer });
    const { deps } = await harness(home, { awsOnPath: true });
    /** What a run asked Bedrock and STS (the SSO credential exchange is the SDK's). */
    const discoveryRequests = (): number => home?.emulator.requests().filter((r) => r.service === 'bedrock' || r.service === 'sts').length ?? 0;
    const first = capturedIo(false);
    assert.equal(await runConfigure(['--dry-run'], first, deps), 0, first.stderrText());
    assert.match(first.stdoutText(), /found by their names/);

    // The admin adds a Fable tier profile for this developer (as admin create-profiles would).
    const admin = home.emulator.issueRoleCredentials('dana');
    const bedrock = new BedrockClient({ region: 'us-east-1', credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey, sessionToken: admin.sessionToken } });
    await bedrock.send(
      new CreateInferenceProfileCommand({
        inferenceProfileName: `claude-code-fable-${developer}`,
        modelSource: { copyFrom: 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-fable-5-2' },
        tags: [{ key: 'DeveloperId', value: developer }, { key: 'Team', value: 'team001' }],
      }),
    );
    bedrock.destroy();

    home.emulator.resetRequests();
    const plain = capturedIo(false);
    assert.equal(await runConfigure(['--dry-run'], plain, deps), 0, plain.stderrText());
    assert.match(plain.stdoutText(), /found by the profiles found last time, re-checked/);
    assert.doesNotMatch(plain.stdoutText(), /fable/, 'the remembered profiles still answer, so the new one is not looked for');
    assert.ok(discoveryRequests() <= 3 + 1, `one Get per tier + GetCallerIdentity, was ${String(discoveryRequests())}`);

    const fresh = capturedIo(false);
    assert.equal(await runConfigure(['--rediscover', '--dry-run'], fresh, deps), 0, fresh.stderrText());
    assert.match(fresh.stdoutText(), /found by their names/);
    assert.match(fresh.stdoutText(), new RegExp(`fable\\s+claude-code-fable-${developer}`));
    assert.match(fresh.stdoutText(), /ANTHROPIC_DEFAULT_FABLE_MODEL/);

    home.emulator.resetRequests();
    const after = capturedIo(false);
    assert.equal(await runConfigure(['--dry-run'], after, deps), 0, after.stderrText());
    assert.match(after.stdoutText(), /found by the profiles found last time, re-checked/);
    assert.match(after.stdoutText(), new RegExp(`fable\\s+claude-code-fable-${developer}`), 'the new result replaced the remembered one');
    assert.ok(discoveryRequests() <= 4 + 1, `one Get per tier + GetCallerIdentity, was ${String(discoveryRequests())}`);
    assert.equal(home.emulator.requestCount('ListInferenceProfiles'), 0);
  });

  it('names that follow no convention: every profile is checked, with progress on stderr', async () => {
    const world = organisationWorld({ developers: 40, nameTemplate: 'team-{tier}-{developerId}-x' });
    world.quotas = 'off';
    home = await signedInHome(world, { userName: organisationDeveloper(4) });
    const { deps } = await harness(home, { awsOnPath: true });
    const io = capturedIo(false);
    assert.equal(await runConfigure(['--dry-run'], io, deps), 0, io.stderrText());
    assert.match(io.stdoutText(), /found by checking every inference profile in the account/);
    assert.match(io.stderrText(), /examined 12 of 120 inference profiles \(Ctrl-C cancels\)/);
    assert.match(io.stderrText(), /examined 120 of 120 inference profiles/);
    assert.ok(io.err.length <= 11, 'about one line per tenth');
  });

  it('without the aws CLI on PATH, awsAuthRefresh runs our own login', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    const { deps, settingsPath } = await harness(home, { awsOnPath: false });
    const cli = path.join(home.home, 'dist', 'cli.js');
    await fs.mkdir(path.dirname(cli), { recursive: true });
    await fs.writeFile(cli, '');
    assert.equal(await runConfigure(['--yes'], capturedIo(false), { ...deps, self: { argv1: cli, execPath: '/opt/node 20/bin/node' } }), 0);
    assert.equal((await readJson(settingsPath))['awsAuthRefresh'], `'/opt/node 20/bin/node' ${cli} login --profile claude-code ${OWN_LOGIN_FLAGS}`);
  });

  it('with only AWS CLI v1 on PATH (it has no `sso login`), awsAuthRefresh runs our own login too', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    const { deps, settingsPath } = await harness(home, { awsOnPath: 1 });
    const cli = path.join(home.home, 'dist', 'cli.js');
    await fs.mkdir(path.dirname(cli), { recursive: true });
    await fs.writeFile(cli, '');
    assert.equal(await runConfigure(['--yes'], capturedIo(false), { ...deps, self: { argv1: cli, execPath: '/usr/bin/node' } }), 0);
    assert.equal((await readJson(settingsPath))['awsAuthRefresh'], `/usr/bin/node ${cli} login --profile claude-code ${OWN_LOGIN_FLAGS}`);
  });

  it('--json --yes prints the chosen ARN per tier with evidence and writes', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const { deps, settingsPath } = await harness(home, { awsOnPath: true });
    const io = capturedIo(false);
    assert.equal(await runConfigure(['--json', '--yes'], io, deps), 0, io.stderrText());
    const report = JSON.parse(io.stdoutText()) as {
      primary: string;
      region: string;
      tiers: Record<string, { arn: string; evidence: { calls: { operation: string; outcome: string }[]; tagMatches: { key: string; matched: string }[] } }>;
      settings: { written: boolean; path: string };
    };
    assert.equal(report.primary, profileId(world, 'claude-sonnet-alice'));
    assert.deepEqual(Object.keys(report.tiers).sort(), ['haiku', 'opus', 'sonnet']);
    assert.equal(report.tiers['opus']?.arn, profileId(world, 'claude-opus-alice'));
    assert.deepEqual(report.tiers['opus'].evidence.calls.map((c) => `${c.operation}:${c.outcome}`), ['GetInferenceProfile:ok', 'ListTagsForResource:ok']);
    assert.equal(report.tiers['opus'].evidence.tagMatches[0]?.matched, 'identity');
    assert.equal(report.settings.written, true);
    assert.equal(report.settings.path, settingsPath);
    assert.equal(await exists(settingsPath), true);
  });

  it('--dry-run shows the change and writes nothing', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    const { deps, settingsPath } = await harness(home, { awsOnPath: true });
    const io = capturedIo(false);
    assert.equal(await runConfigure(['--dry-run', '--yes'], io, deps), 0);
    assert.match(io.stdoutText(), /Dry run: nothing was written/);
    assert.equal(await exists(settingsPath), false);
  });

  it('two profiles of one tier without a terminal: exits 1 listing both choices', async () => {
    const world = threeDevelopersWorld();
    world.applicationProfiles?.push(aip({ name: 'claude-sonnet-alice-experimental', id: 'x1y2z3a4b5c6', tier: 'sonnet', developer: 'alice', team: 'platform' }));
    home = await signedInHome(world, { userName: 'alice' });
    const { deps, settingsPath } = await harness(home, { awsOnPath: true });
    const io = capturedIo(false);
    assert.equal(await runConfigure(['--yes'], io, deps), 1);
    const text = io.stderrText();
    assert.ok(text.includes(profileId(world, 'claude-sonnet-alice')));
    assert.ok(text.includes(profileId(world, 'claude-sonnet-alice-experimental')));
    assert.match(text, /--inference-profile/);
    assert.equal(await exists(settingsPath), false);

    const json = capturedIo(false);
    assert.equal(await runConfigure(['--json', '--yes'], json, deps), 1);
    const report = JSON.parse(json.stdoutText()) as { selection: string; choices: Record<string, { arn: string }[]> };
    assert.equal(report.selection, 'ambiguous');
    assert.equal(report.choices['sonnet']?.length, 2);
  });

  it('two profiles of one tier on a terminal: asks, and writes the one chosen', async () => {
    const world = threeDevelopersWorld();
    world.applicationProfiles?.push(aip({ name: 'claude-sonnet-alice-experimental', id: 'x1y2z3a4b5c6', tier: 'sonnet', developer: 'alice', team: 'platform' }));
    home = await signedInHome(world, { userName: 'alice' });
    const asked: string[] = [];
    const { deps, settingsPath } = await harness(home, {
      awsOnPath: true,
      choose: <T>(question: string, items: readonly T[]) => {
        asked.push(question);
        return Promise.resolve(items[1] as T);
      },
      confirm: () => Promise.resolve(true),
    });
    assert.equal(await runConfigure([], capturedIo(true), deps), 0);
    assert.equal(asked.length, 1);
    assert.match(asked[0] ?? '', /sonnet/);
    const env = (await readJson(settingsPath))['env'] as Record<string, string>;
    assert.equal(env['ANTHROPIC_MODEL'], profileId(world, 'claude-sonnet-alice-experimental'));
    assert.equal(env['ANTHROPIC_DEFAULT_OPUS_MODEL'], profileId(world, 'claude-opus-alice'));
  });

  it('declining the confirmation writes nothing', async () => {
    home = await signedInHome(threeDevelopersWorld(), { userName: 'alice' });
    const { deps, settingsPath } = await harness(home, { awsOnPath: true, confirm: () => Promise.resolve(false) });
    const io = capturedIo(true);
    assert.equal(await runConfigure([], io, deps), 1);
    assert.match(io.stderrText(), /Nothing was written/);
    assert.equal(await exists(settingsPath), false);
  });

  it('listing denied: exits 1 with the sentence naming bedrock:ListInferenceProfiles; --inference-profile then succeeds', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'carol' });
    const { deps, settingsPath } = await harness(home, { awsOnPath: true });
    const io = capturedIo(false);
    assert.equal(await runConfigure(['--yes'], io, deps), 1);
    assert.match(io.stderrText(), /bedrock:ListInferenceProfiles/);
    assert.match(io.stderrText(), /--inference-profile ARN/);
    assert.equal(io.err.length, 1);

    const carol = profileId(world, 'claude-sonnet-carol');
    assert.equal(await runConfigure(['--yes', '--inference-profile', carol], capturedIo(false), deps), 0);
    assert.equal(((await readJson(settingsPath))['env'] as Record<string, string>)['ANTHROPIC_MODEL'], carol);
  });

  it('an explicit ARN the developer may not read exits 1 with the denial sentence', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const { deps } = await harness(home, { awsOnPath: true });
    const io = capturedIo(false);
    const code = await runConfigure(['--yes', '--inference-profile', profileId(world, 'claude-sonnet-bob')], io, deps);
    assert.equal(code, 1);
    assert.match(io.stderrText(), /bedrock:GetInferenceProfile/);
  });

  it('the organisation mapping and allowed regions are honoured; a region outside them is bad usage', async () => {
    const world = threeDevelopersWorld();
    home = await signedInHome(world, { userName: 'alice' });
    const haiku = profileId(world, 'claude-haiku-alice');
    const { deps, settingsPath } = await harness(home, {
      awsOnPath: true,
      orgDefaults: { allowedRegions: ['us-east-1', 'eu-west-1'], defaultRegion: 'us-east-1', profileMapping: { alice: { haiku } } },
    });
    const bad = capturedIo(false);
    assert.equal(await runConfigure(['--region', 'us-west-2', '--yes'], bad, deps), 2);
    assert.match(bad.stderrText(), /not one your organisation allows/);

    assert.equal(await runConfigure(['--yes'], capturedIo(false), deps), 0);
    const env = (await readJson(settingsPath))['env'] as Record<string, string>;
    assert.equal(env['ANTHROPIC_MODEL'], haiku);
    assert.equal(env['ANTHROPIC_DEFAULT_SONNET_MODEL'], undefined);
    assert.equal(home.emulator.requestCount('ListInferenceProfiles'), 0, 'the mapping wins without listing');
  });

  it('bad usage exits 2', async () => {
    const io = capturedIo(false);
    assert.equal(await runCli(['configure', '--bogus'], io), 2);
    assert.match(io.stderrText(), /bogus/);
    const region = capturedIo(false);
    assert.equal(await runCli(['configure', '--region', 'us east'], region), 2);
  });
});
