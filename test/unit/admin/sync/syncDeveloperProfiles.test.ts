import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { syncDeveloperProfiles, type SyncOptions, type SyncResult } from '../../../../src/core/admin/sync/syncDeveloperProfiles';
import { readProfileMappingFile } from '../../../../src/core/orgDefaults/profileMappingFile';
import { runAdminCommand } from '../../../../src/cli/commands/admin';
import { defaultWorld, type World } from '../../../emulator/world';
import { startAdminEmulator } from '../adminEmulator';

const GROUP = 'Claude Code Developers';
const ACCOUNT = '111122223333';

async function sync(world: World, options: Partial<SyncOptions> = {}, userName?: string): Promise<{ result: SyncResult; requests: (op?: string) => number; profiles: string[] }> {
  const aws = await startAdminEmulator({ world, ...(userName ? { userName } : {}) });
  try {
    const result = await syncDeveloperProfiles({ region: 'us-east-1', identityCenterRegion: 'us-east-1', groupName: GROUP, tagKeys: { developer: 'DeveloperId', team: 'Team' }, credentials: aws.credentials, sleep: () => Promise.resolve(), ...options });
    return { result, requests: (op) => aws.emulator.requestCount(op), profiles: aws.emulator.applicationProfiles().map((p) => p.name) };
  } finally {
    await aws.close();
  }
}

function leaverWorld(): World {
  const world = defaultWorld();
  world.applicationProfiles = [
    ...(world.applicationProfiles ?? []),
    { name: 'claude-code-opus-zed', id: 'zedopus00001', accountId: ACCOUNT, region: 'us-east-1', copyFrom: 'us.anthropic.claude-opus-4-1-20250805-v1:0', tags: { DeveloperId: 'zed', Team: 'data' } },
    { name: 'claude-code-sonnet-alice', id: 'alicesonnet1', accountId: ACCOUNT, region: 'us-east-1', copyFrom: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', tags: { DeveloperId: 'alice', Team: 'platform' } },
  ];
  return world;
}

describe('admin sync (Identity Store group → profiles)', function () {
  this.timeout(60_000);

  it('creates each member\'s profiles with their DeveloperId and Team attributes, and a second run changes nothing', async () => {
    const aws = await startAdminEmulator({ world: leaverWorld() });
    try {
      const options: SyncOptions = { region: 'us-east-1', identityCenterRegion: 'us-east-1', groupName: GROUP, tagKeys: { developer: 'DeveloperId', team: 'Team' }, credentials: aws.credentials };
      const first = await syncDeveloperProfiles(options);
      assert.equal(first.members, 3);
      assert.equal(first.batch.counts.created, 8);
      assert.equal(first.batch.counts.existing, 1);
      const bob = aws.emulator.applicationProfiles().find((p) => p.name === 'claude-code-haiku-bob');
      assert.deepEqual(bob?.tags, { DeveloperId: 'bob', Team: 'data' });
      assert.deepEqual(Object.keys(first.batch.mapping).sort(), ['alice', 'bob', 'carol']);
      assert.deepEqual(first.leavers.map((l) => l.name), ['claude-code-opus-zed']);
      aws.emulator.resetRequests();
      const second = await syncDeveloperProfiles(options);
      assert.equal(second.batch.counts.created, 0);
      assert.equal(second.batch.counts.existing, 9);
      assert.equal(aws.emulator.requestCount('CreateInferenceProfile'), 0);
      assert.equal(aws.emulator.requestCount('DeleteInferenceProfile'), 0);
    } finally {
      await aws.close();
    }
  });

  it('deletes leavers\' profiles only with --prune and a yes, never in a dry run', async () => {
    const declined = await sync(leaverWorld(), { prune: true, confirmPrune: () => Promise.resolve(false) });
    assert.equal(declined.result.pruneNote, 'not confirmed: nothing was deleted');
    assert.ok(declined.profiles.includes('claude-code-opus-zed'));

    const dry = await sync(leaverWorld(), { prune: true, dryRun: true, confirmPrune: () => Promise.resolve(true) });
    assert.equal(dry.result.batch.counts.wouldCreate, 8);
    assert.equal(dry.requests('CreateInferenceProfile') + dry.requests('DeleteInferenceProfile'), 0);

    let shown: string[] = [];
    const pruned = await sync(leaverWorld(), { prune: true, confirmPrune: (leavers) => ((shown = leavers.map((l) => l.name)), Promise.resolve(true)) });
    assert.deepEqual(shown, ['claude-code-opus-zed']);
    assert.deepEqual(pruned.result.deleted, ['claude-code-opus-zed']);
    assert.ok(!pruned.profiles.includes('claude-code-opus-zed'));
    assert.ok(pruned.profiles.includes('claude-code-sonnet-alice'));
  });

  it('skips a member without the attribute and then refuses to prune', async () => {
    const world = leaverWorld();
    world.admin = { accessControlAttributes: { DeveloperId: '${path:enterprise.employeeNumber}', Team: '${path:enterprise.department}' }, users: [{ userName: 'alice', department: 'platform', employeeNumber: 'e1' }, { userName: 'bob', department: 'data' }], groups: [{ displayName: GROUP, members: ['alice', 'bob'] }] };
    const { result } = await sync(world, { prune: true, confirmPrune: () => Promise.resolve(true) });
    assert.deepEqual(result.skipped, [{ userName: 'bob', reason: 'no value for DeveloperId (${path:enterprise.employeeNumber})' }]);
    assert.ok(result.batch.outcomes.every((o) => o.planned.developerId === 'e1'));
    assert.match(result.pruneNote ?? '', /could not be mapped .* nothing was deleted/);
    assert.deepEqual(result.deleted, []);
  });

  it('pages through a large group and reads its users from ListUsers pages instead of one DescribeUser each', async () => {
    const world = defaultWorld();
    const users = Array.from({ length: 250 }, (_, i) => ({ userName: `dev${String(i).padStart(3, '0')}`, department: 'platform' }));
    world.admin = { users: [...users, { userName: 'outsider', department: 'sales' }], groups: [{ displayName: GROUP, members: users.map((u) => u.userName) }], pageSize: 40 };
    const { result, requests } = await sync(world, { dryRun: true });
    assert.equal(result.members, 250);
    assert.equal(result.batch.counts.wouldCreate, 750);
    assert.equal(requests('ListGroupMemberships'), 7);
    assert.equal(requests('ListUsers'), 7);
    assert.equal(requests('DescribeUser'), 0);
  });

  it('says which permission is missing when the caller may not read IAM Identity Center', async () => {
    await assert.rejects(sync(defaultWorld(), {}, 'alice'), /IAM Identity Center denied ListInstances: your role lacks sso:ListInstances/);
  });

  it('writes the mapping file the extension reads (CLI, --json)', async () => {
    const aws = await startAdminEmulator({ world: leaverWorld() });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'admin-sync-'));
    try {
      let stdout = '';
      const out = path.join(dir, 'mapping.json');
      const code = await runAdminCommand(['sync', '--group', GROUP, '--json', '--out-json', out], { stdout: (t) => (stdout += t), stderr: () => undefined, stdinIsTTY: false });
      assert.equal(code, 0);
      const parsed = JSON.parse(stdout) as { counts: { created: number }; leavers: { name: string }[] };
      assert.equal(parsed.counts.created, 8);
      assert.deepEqual(parsed.leavers.map((l) => l.name), ['claude-code-opus-zed']);
      const mapping = await readProfileMappingFile(out);
      assert.match(mapping['carol']?.opus ?? '', /^arn:aws:bedrock:us-east-1:111122223333:application-inference-profile\//);
      const pruneWithoutTerminal = await runAdminCommand(['sync', '--group', GROUP, '--prune', '--out-json', out], { stdout: () => undefined, stderr: () => undefined, stdinIsTTY: false });
      assert.equal(pruneWithoutTerminal, 0);
      assert.ok(aws.emulator.applicationProfiles().some((p) => p.name === 'claude-code-opus-zed'));
    } finally {
      await aws.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
