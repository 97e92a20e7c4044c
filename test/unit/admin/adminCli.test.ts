import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCsv } from '../../../src/core/admin/csvFormat';
import { generatePermissionSetPolicy } from '../../../src/core/admin/permissionSetPolicy';
import { checkOrgSetting } from '../../../src/core/orgDefaults/orgSettingRules';
import { runCli } from '../../../src/cli/runCli';
import { startAdminEmulator, type AdminEmulator } from './adminEmulator';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdinIsTTY: false });
  return { code, stdout, stderr };
}

describe('bedrock-onboard admin', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'admin-cli-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  describe('create-profiles', () => {
    let aws: AdminEmulator | undefined;
    afterEach(async () => {
      await aws?.close();
      aws = undefined;
    });

    it('creates from a CSV, writes the mapping (JSON) and a neutralised CSV, and a re-run creates nothing', async () => {
      aws = await startAdminEmulator();
      const csv = path.join(dir, 'devs.csv');
      await fs.writeFile(csv, '\uFEFFdeveloperId,team,tiers\r\nalice,platform,sonnet;haiku\r\n"=1+1",ops,haiku,Note=@evil\r\n');
      const out = { json: path.join(dir, 'out', 'mapping.json'), csv: path.join(dir, 'out', 'profiles.csv') };
      const first = await cli('admin', 'create-profiles', '--csv', csv, '--region', 'us-east-1', '--out-json', out.json, '--out-csv', out.csv);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /us-east-1: 3 created, 0 already existed, 0 failed/);

      const mapping: unknown = JSON.parse(await fs.readFile(out.json, 'utf8'));
      const checked = checkOrgSetting('profileMapping', mapping);
      assert.ok(checked.ok, 'usable as the org defaults profileMapping');
      assert.deepEqual(Object.keys(checked.value).sort(), ['=1+1', 'alice']);
      assert.deepEqual(Object.keys(checked.value['alice'] ?? {}).sort(), ['haiku', 'sonnet']);

      const table = parseCsv(await fs.readFile(out.csv, 'utf8'));
      assert.ok(table.ok);
      const [header, ...rows] = table.records.map((r) => r.cells);
      assert.deepEqual(header, ['developerId', 'team', 'tier', 'profileName', 'status', 'arn', 'copiesFrom', 'note']);
      const injected = rows.find((r) => r[2] === 'haiku' && r[1] === 'ops');
      assert.equal(injected?.[0], "'=1+1", 'a formula-looking cell is neutralised');
      assert.equal(injected[4], 'created');
      assert.ok(aws.emulator.applicationProfiles().some((p) => p.tags['DeveloperId'] === '=1+1' && p.tags['Note'] === '@evil'), 'the profile itself keeps the real value');

      const again = await cli('admin', 'create-profiles', '--csv', csv, '--region', 'us-east-1');
      assert.equal(again.code, 0);
      assert.match(again.stdout, /0 created, 3 already existed, 0 failed/);
    });

    it('--json prints one JSON document with the counts, the mapping and each profile', async () => {
      aws = await startAdminEmulator();
      const csv = path.join(dir, 'devs.csv');
      await fs.writeFile(csv, 'gina,ops,opus;sonnet\nhal,ops,haiku\n');
      const mappingFile = path.join(dir, 'mapping.json');
      const run = await cli('admin', 'create-profiles', '--csv', csv, '--region', 'us-east-1', '--json', '--out-json', mappingFile);
      assert.equal(run.code, 0, run.stderr);
      const document = JSON.parse(run.stdout) as { counts: { created: number; failed: number }; mapping: Record<string, Record<string, string>>; profiles: { name: string; status: string; arn?: string }[] };
      assert.equal(document.counts.created, 3);
      assert.equal(document.counts.failed, 0);
      assert.deepEqual(document.profiles.map((p) => `${p.name} ${p.status}`).sort(), ['claude-code-haiku-hal created', 'claude-code-opus-gina created', 'claude-code-sonnet-gina created']);
      assert.deepEqual(document.mapping, JSON.parse(await fs.readFile(mappingFile, 'utf8')));
      assert.equal(document.mapping['gina']?.['opus'], document.profiles.find((p) => p.name === 'claude-code-opus-gina')?.arn);
      assert.match(run.stderr, /wrote .*mapping\.json/);
    });

    it('--dry-run prints the plan and creates nothing', async () => {
      aws = await startAdminEmulator();
      const run = await cli('admin', 'create-profiles', '--developer-id', 'frank', '--team', 'ops', '--tiers', 'opus', '--tag', 'CostCenter=9', '--region', 'us-east-1', '--dry-run');
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /would create, copying us\.anthropic\.claude-opus-4-1-20250805-v1:0: claude-code-opus-frank \(frank, opus\)/);
      assert.match(run.stdout, /Dry run in us-east-1: 1 to create, 0 already exist\. Nothing was created\./);
      assert.equal(aws.emulator.requestCount('CreateInferenceProfile'), 0);
    });

    it('exits 1 with the denial sentence when the role may not create profiles, and never prints a credential', async () => {
      aws = await startAdminEmulator({ userName: 'alice' });
      const run = await cli('admin', 'create-profiles', '--developer-id', 'frank', '--team', 'ops', '--region', 'us-east-1');
      assert.equal(run.code, 1);
      assert.match(run.stdout, /FAILED: Amazon Bedrock denied CreateInferenceProfile: your role lacks bedrock:CreateInferenceProfile/);
      for (const secret of aws.emulator.issuedSecrets()) assert.ok(!`${run.stdout}${run.stderr}`.includes(secret));
    });

    it('exits 1 with the CSV problems by line, before calling AWS', async () => {
      const csv = path.join(dir, 'bad.csv');
      await fs.writeFile(csv, 'alice,platform\nbob\n');
      const run = await cli('admin', 'create-profiles', '--csv', csv, '--region', 'us-east-1');
      assert.equal(run.code, 1);
      assert.match(run.stderr, /line 2: each line needs at least a developer id and a team/);
    });

    it('--org takes the region and tag keys from the org defaults file; flags still win', async () => {
      aws = await startAdminEmulator();
      const org = path.join(dir, 'org-defaults.json');
      await fs.writeFile(org, JSON.stringify({ defaultRegion: 'us-west-2', developerTagKey: 'EmployeeId', teamTagKey: 'CostCenter' }));
      const run = await cli('admin', 'create-profiles', '--org', org, '--developer-id', 'ivy', '--team', 'ops', '--tiers', 'haiku', '--json');
      assert.equal(run.code, 0, run.stderr);
      const created = aws.emulator.applicationProfiles().filter((profile) => profile.name === 'claude-code-haiku-ivy');
      assert.deepEqual(created.map((profile) => [profile.region, profile.tags['EmployeeId'], profile.tags['CostCenter']]), [['us-west-2', 'ivy', 'ops']]);
      assert.equal(created[0]?.tags['DeveloperId'], undefined);

      const flagged = await cli('admin', 'create-profiles', '--org', org, '--region', 'us-east-1', '--tag-keys', 'Dev,Squad', '--developer-id', 'jon', '--team', 'ops', '--tiers', 'haiku', '--json');
      assert.equal(flagged.code, 0, flagged.stderr);
      const jon = aws.emulator.applicationProfiles().find((profile) => profile.name === 'claude-code-haiku-jon');
      assert.deepEqual([jon?.region, jon?.tags['Dev'], jon?.tags['Squad']], ['us-east-1', 'jon', 'ops']);
    });

    it('refuses an --org file with problems before calling AWS, naming them', async () => {
      aws = await startAdminEmulator();
      const org = path.join(dir, 'org-defaults.json');
      await fs.writeFile(org, JSON.stringify({ defaultRegion: 'mars-1' }));
      const run = await cli('admin', 'create-profiles', '--org', org, '--developer-id', 'ivy', '--team', 'ops');
      assert.equal(run.code, 1);
      assert.match(run.stderr, /is not a valid org defaults file \(defaultRegion: .*mars-1/);
      assert.equal(aws.emulator.requestCount(), 0);
      const missing = await cli('admin', 'create-profiles', '--org', path.join(dir, 'nope.json'), '--developer-id', 'ivy', '--team', 'ops');
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /could not be read \(ENOENT\); check the path/);
    });

    it('exits 2 on bad usage', async () => {
      for (const argv of [
        ['--developer-id', 'x', '--team', 'y'],
        ['--region', 'us-east-1'],
        ['--region', 'us-east-1', '--developer-id', 'x', '--team', 'y', '--tiers', 'gpt'],
        ['--region', 'us-east-1', '--developer-id', 'x', '--team', 'y', '--source-profile', 'sonnet'],
        ['--region', 'us-east-1', '--bogus'],
      ]) {
        const run = await cli('admin', 'create-profiles', ...argv);
        assert.equal(run.code, 2, `${argv.join(' ')}: ${run.stderr}`);
      }
    });
  });

  describe('policy', () => {
    it('prints the policy JSON for the options', async () => {
      const run = await cli('admin', 'policy', '--tag-keys', 'DeveloperId,Team', '--regions', 'us-east-1,us-west-2', '--account', '111122223333', '--allow-cost-explorer');
      assert.equal(run.code, 0);
      assert.deepEqual(JSON.parse(run.stdout), generatePermissionSetPolicy({ tagKeys: ['DeveloperId', 'Team'], regions: ['us-east-1', 'us-west-2'], accountId: '111122223333', allowCostExplorer: true }));
    });

    it('writes the JSON and, with --explain, the markdown beside it', async () => {
      const out = path.join(dir, 'policy.json');
      const run = await cli('admin', 'policy', '--out', out, '--explain', '--no-marketplace');
      assert.equal(run.code, 0);
      assert.deepEqual(JSON.parse(await fs.readFile(out, 'utf8')), generatePermissionSetPolicy({ allowMarketplaceSubscription: false }));
      assert.match(await fs.readFile(path.join(dir, 'policy.md'), 'utf8'), /^# Permission set policy/);
    });

    it('--org takes tag keys, allowed regions and account from the org defaults file; flags still win', async () => {
      const org = path.join(dir, 'org-defaults.json');
      await fs.writeFile(org, JSON.stringify({ developerTagKey: 'EmployeeId', allowedRegions: ['eu-central-1', 'eu-west-1'], accountId: '444455556666' }));
      const run = await cli('admin', 'policy', '--org', org);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), generatePermissionSetPolicy({ tagKeys: ['EmployeeId', 'Team'], regions: ['eu-central-1', 'eu-west-1'], accountId: '444455556666' }));
      const flagged = await cli('admin', 'policy', '--org', org, '--regions', 'us-east-1', '--account', '111122223333');
      assert.deepEqual(JSON.parse(flagged.stdout), generatePermissionSetPolicy({ tagKeys: ['EmployeeId', 'Team'], regions: ['us-east-1'], accountId: '111122223333' }));
    });

    it('exits 1 naming a bad option value', async () => {
      const run = await cli('admin', 'policy', '--regions', 'mars-1');
      assert.equal(run.code, 1);
      assert.match(run.stderr, /"mars-1" is not an AWS region code/);
    });
  });

  describe('validate-org', () => {
    it('accepts a good file and lists every problem of a bad one', async () => {
      const good = path.join(dir, 'good.json');
      await fs.writeFile(good, JSON.stringify({ ssoStartUrl: 'https://d-1234567890.awsapps.com/start', accountId: '111122223333' }));
      const ok = await cli('admin', 'validate-org', good);
      assert.equal(ok.code, 0);
      assert.match(ok.stdout, /is a valid org defaults file \(2 fields\)/);
      const bad = path.join(dir, 'bad.json');
      await fs.writeFile(bad, JSON.stringify({ ssoStartUrl: 'https://example.com/start', monthlyBudget: -5 }));
      const refused = await cli('admin', 'validate-org', bad);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /ssoStartUrl: must be an https URL on an AWS access portal host/);
      assert.match(refused.stderr, /monthlyBudget: must be more than 0/);
    });
  });

  it('lists its commands, and refuses an unknown one', async () => {
    assert.match((await cli('admin', '--help')).stdout, /create-profiles/);
    assert.equal((await cli('admin', 'frobnicate')).code, 2);
    assert.match((await cli('help')).stdout, /admin/);
  });
});
