import * as assert from 'node:assert/strict';
import { applyAdminRepairs } from '../../../../src/core/admin/check/applyAdminRepairs';
import type { AdminCheck, AdminCheckId } from '../../../../src/core/admin/check/adminCheck';
import type { AdminCheckOptions } from '../../../../src/core/admin/check/adminCheckOptions';
import { runAdminChecks } from '../../../../src/core/admin/check/runAdminChecks';
import type { World } from '../../../emulator/world';
import { adminCheck } from '../../../../src/cli/commands/adminCheck';
import { runAdminCommand } from '../../../../src/cli/commands/admin';
import { startAdminEmulator, type AdminEmulator } from '../adminEmulator';
import { ACCOUNT, checkOptions, healthyWorld } from './adminWorlds';

/** Runs the checklist against `world` through the real SDK clients; `fix` applies every repair. */
async function check(world: World, options: Partial<AdminCheckOptions> = {}, fix = false, userName?: string): Promise<{ checks: readonly AdminCheck[]; after?: readonly AdminCheck[]; applied?: string[]; aws: AdminEmulator }> {
  const aws = await startAdminEmulator({ world, ...(userName ? { userName } : {}) });
  try {
    const opts = checkOptions({ credentials: aws.credentials, ...options });
    const run = await runAdminChecks(opts);
    try {
      if (!fix) return { checks: run.checks, aws };
      const applied = await applyAdminRepairs(run.checks, () => Promise.resolve(true));
      const again = await runAdminChecks(opts);
      again.close();
      return { checks: run.checks, after: again.checks, applied: applied.flatMap((a) => [`${a.outcome}: ${a.sentences.join(' ')}`]), aws };
    } finally {
      run.close();
    }
  } finally {
    await aws.close();
  }
}

const byId = (checks: readonly AdminCheck[], id: AdminCheckId): AdminCheck => {
  const found = checks.find((c) => c.id === id);
  assert.ok(found, `no ${id} check`);
  return found;
};

describe('admin check (the checklist, against the emulator)', function () {
  this.timeout(30_000);

  it('passes every item of a complete organisation', async () => {
    const { checks } = await check(healthyWorld());
    assert.deepEqual(checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.detail}`), []);
    assert.deepEqual(checks.map((c) => c.id), ['bedrock-region', 'application-profiles', 'cost-explorer', 'cost-allocation-tags', 'identity-center', 'access-control-attributes', 'permission-set-policy', 'group-assignment']);
  });

  describe('Bedrock and model access', () => {
    it('fails when a Claude model has no access agreement, and passes once it has one', async () => {
      const broken = healthyWorld();
      broken.admin = { ...broken.admin, modelAccess: { 'anthropic.claude-opus-4-1-20250805-v1:0': { agreement: 'NOT_AVAILABLE' } } };
      const failed = byId((await check(broken)).checks, 'bedrock-region');
      assert.equal(failed.status, 'fail');
      assert.match(failed.detail, /opus \(anthropic\.claude-opus-4-1-20250805-v1:0\) has no model access agreement/);
      assert.match(failed.detail, /Usable: sonnet/);
      assert.equal(byId((await check(healthyWorld())).checks, 'bedrock-region').status, 'pass');
    });

    it('fails for an unauthorized model and for a region that offers no Claude profile', async () => {
      const broken = healthyWorld();
      broken.admin = { ...broken.admin, modelAccess: { 'anthropic.claude-sonnet-4-5-20250929-v1:0': { authorization: 'NOT_AUTHORIZED' } } };
      const { checks } = await check(broken, { regions: ['us-east-1', 'ap-south-1'] });
      const [east, south] = checks.filter((c) => c.id === 'bedrock-region').map((c) => c.detail);
      assert.match(String(east), /sonnet .* is not authorized/);
      assert.match(String(south), /no active apac\. Claude opus/);
    });
  });

  describe('Cost Explorer', () => {
    it('fails (and skips the tags) while Cost Explorer is not enabled; passes once it is', async () => {
      const broken = healthyWorld();
      broken.costExplorer = { enabled: false };
      const { checks } = await check(broken);
      assert.equal(byId(checks, 'cost-explorer').status, 'fail');
      assert.match(byId(checks, 'cost-explorer').detail, /not enabled for this account/);
      assert.equal(byId(checks, 'cost-allocation-tags').status, 'skip');
      broken.costExplorer.enabled = true;
      assert.equal(byId((await check(broken)).checks, 'cost-explorer').status, 'pass');
    });
  });

  describe('cost allocation tags', () => {
    it('fails for an inactive key, activates it with --fix (saying data comes a day later) and then passes', async () => {
      const broken = healthyWorld();
      broken.admin = { ...broken.admin, costAllocationTags: { DeveloperId: 'Inactive', Team: 'Active' } };
      const { checks, after, applied } = await check(broken, {}, true);
      const failed = byId(checks, 'cost-allocation-tags');
      assert.equal(failed.status, 'fail');
      assert.deepEqual(failed.repair?.changes, ['cost allocation tag DeveloperId: Inactive → Active']);
      assert.ok(applied?.some((a) => /^applied: Activated "DeveloperId" .*about a day from now/.test(a)), String(applied));
      assert.equal(byId(after ?? [], 'cost-allocation-tags').status, 'pass');
    });

    it('fails without a repair for a key Billing has never seen', async () => {
      const broken = healthyWorld();
      broken.admin = { ...broken.admin, costAllocationTags: { DeveloperId: 'Active' } };
      const failed = byId((await check(broken)).checks, 'cost-allocation-tags');
      assert.equal(failed.status, 'fail');
      assert.equal(failed.repair, undefined);
      assert.match(failed.detail, /"Team" is not known to Billing yet/);
    });
  });

  describe('IAM Identity Center', () => {
    it('fails without an instance and skips what depends on it', async () => {
      const broken = healthyWorld();
      broken.admin = { ...broken.admin, identityCenterEnabled: false };
      const { checks } = await check(broken);
      assert.equal(byId(checks, 'identity-center').status, 'fail');
      for (const id of ['access-control-attributes', 'permission-set-policy', 'group-assignment'] as const) assert.equal(byId(checks, id).status, 'skip');
    });

    it('says which permission is missing when the caller may not read Identity Center', async () => {
      const { checks } = await check(healthyWorld(), {}, false, 'alice');
      assert.match(byId(checks, 'identity-center').detail, /denied ListInstances: your role lacks sso:ListInstances/);
    });

    it('creates the attributes for access control when ABAC is off, then passes', async () => {
      const broken = healthyWorld();
      broken.admin = { ...broken.admin, accessControlAttributes: null };
      const { checks, after, aws } = await check(broken, {}, true);
      const failed = byId(checks, 'access-control-attributes');
      assert.equal(failed.status, 'fail');
      assert.deepEqual(failed.repair?.changes, ['+ DeveloperId ← ${path:userName}', '+ Team ← ${path:enterprise.department}']);
      assert.equal(byId(after ?? [], 'access-control-attributes').status, 'pass');
      assert.equal(aws.emulator.requestCount('CreateInstanceAccessControlAttributeConfiguration'), 1);
    });

    it('adds a missing key to an existing mapping and keeps the others', async () => {
      const broken = healthyWorld();
      broken.admin = { ...broken.admin, accessControlAttributes: { DeveloperId: '${path:enterprise.employeeNumber}', CostCenter: '${path:enterprise.costCenter}' } };
      const { checks, after, aws } = await check(broken, {}, true);
      assert.deepEqual(byId(checks, 'access-control-attributes').repair?.changes, ['  DeveloperId ← ${path:enterprise.employeeNumber}', '  CostCenter ← ${path:enterprise.costCenter}', '+ Team ← ${path:enterprise.department}']);
      assert.match(byId(after ?? [], 'access-control-attributes').detail, /DeveloperId ← \$\{path:enterprise\.employeeNumber\}, Team ← /);
      assert.equal(aws.emulator.requestCount('UpdateInstanceAccessControlAttributeConfiguration'), 1);
    });

    it('puts the generated policy on a permission set without one, waits for provisioning, then passes', async () => {
      const broken = healthyWorld();
      broken.admin = { ...broken.admin, permissionSets: [{ name: 'BedrockDeveloper' }], provisioningPolls: 3 };
      const { checks, after, applied, aws } = await check(broken, {}, true);
      assert.equal(byId(checks, 'permission-set-policy').status, 'fail');
      assert.match(byId(checks, 'permission-set-policy').detail, /has no inline policy/);
      assert.ok(applied?.some((a) => a.startsWith('applied: Put the generated policy')), String(applied));
      assert.equal(byId(after ?? [], 'permission-set-policy').status, 'pass');
      assert.equal(aws.emulator.requestCount('ProvisionPermissionSet'), 1);
      assert.equal(aws.emulator.requestCount('DescribePermissionSetProvisioningStatus'), 4);
    });

    it('keeps the admin\'s own statements, warns about them, and reports a failed provisioning', async () => {
      const broken = healthyWorld();
      const own = { Sid: 'ReadS3', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
      broken.admin = { ...broken.admin, permissionSets: [{ name: 'BedrockDeveloper', inlinePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [own] }) }], provisioningFailure: 'Role already exists' };
      const { checks, after, applied } = await check(broken, {}, true);
      assert.match(byId(checks, 'permission-set-policy').repair?.changes[0] ?? '', /keep ReadS3/);
      assert.ok(applied?.some((a) => /^failed: .*provisioning it failed \(Role already exists\)/.test(a)), String(applied));
      const final = byId(after ?? [], 'permission-set-policy');
      assert.equal(final.status, 'warn');
      assert.match(final.detail, /1 statement\(s\) of its own \(ReadS3\)/);
    });

    it('fails when the developer group is not assigned to the account, assigns it with --fix, then passes', async () => {
      const broken = healthyWorld();
      broken.admin = { ...broken.admin, accountAssignments: [{ accountId: '444455556666', permissionSet: 'BedrockDeveloper', principal: 'Claude Code Developers' }] };
      const failed = byId((await check(broken)).checks, 'group-assignment');
      assert.equal(failed.status, 'fail');
      assert.match(failed.detail, new RegExp(`is not assigned "BedrockDeveloper" in account ${ACCOUNT}`));
      const { after, applied, aws } = await check(broken, {}, true);
      assert.ok(applied?.some((a) => a.startsWith(`applied: Assigned "Claude Code Developers" the permission set "BedrockDeveloper" in account ${ACCOUNT}`)), String(applied));
      assert.equal(byId(after ?? [], 'group-assignment').status, 'pass');
      assert.equal(aws.emulator.requestCount('DescribeAccountAssignmentCreationStatus'), 2);
    });

    it('fails for a group the identity store does not have', async () => {
      const failed = byId((await check(healthyWorld(), { groupName: 'Nobody' })).checks, 'group-assignment');
      assert.match(failed.detail, /no group named "Nobody"/);
    });
  });

  describe('application profiles', () => {
    it('fails for a profile without the team tag, warns for one named off the convention, passes when both are right', async () => {
      const broken = healthyWorld();
      const alice = broken.applicationProfiles?.find((p) => p.name === 'claude-code-sonnet-alice');
      if (alice) alice.tags = { DeveloperId: 'alice' };
      const failed = byId((await check(broken)).checks, 'application-profiles');
      assert.equal(failed.status, 'fail');
      assert.match(failed.detail, /claude-code-sonnet-alice in us-east-1 lacks Team/);

      const misnamed = healthyWorld();
      const opus = misnamed.applicationProfiles?.find((p) => p.name === 'claude-code-opus-alice');
      if (opus) opus.tags = { DeveloperId: 'alicia', Team: 'platform' };
      const warned = byId((await check(misnamed)).checks, 'application-profiles');
      assert.equal(warned.status, 'warn');
      assert.match(warned.detail, /for alicia it should be claude-code-opus-alicia/);

      const outdated = healthyWorld();
      const haiku = outdated.applicationProfiles?.find((p) => p.name === 'claude-code-haiku-alice');
      if (haiku) haiku.copyFrom = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0`;
      assert.match(byId((await check(outdated)).checks, 'application-profiles').detail, /copy an older model .*current haiku: us\.anthropic\.claude-haiku-4-5/);
    });
  });
});

describe('bedrock-onboard admin check (CLI)', function () {
  this.timeout(30_000);

  async function cli(world: World, args: string[], tty = false): Promise<{ code: number; stdout: string; stderr: string; aws: AdminEmulator }> {
    const aws = await startAdminEmulator({ world });
    let stdout = '';
    let stderr = '';
    try {
      const code = await runAdminCommand(['check', '--regions', 'us-east-1', '--account-id', ACCOUNT, '--permission-set', 'BedrockDeveloper', '--group', 'Claude Code Developers', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdinIsTTY: tty });
      return { code, stdout, stderr, aws };
    } finally {
      await aws.close();
    }
  }

  function broken(): World {
    const world = healthyWorld();
    world.admin = { ...world.admin, costAllocationTags: { DeveloperId: 'Inactive', Team: 'Inactive' }, accessControlAttributes: null, provisioningPolls: 0 };
    return world;
  }

  it('--fix --yes --json repairs, reports what it applied and exits 0; stdout is one JSON document', async () => {
    const { code, stdout, stderr } = await cli(broken(), ['--fix', '--yes', '--json']);
    const report = JSON.parse(stdout) as { ok: boolean; applied: { check: string; outcome: string }[] };
    assert.equal(code, 0, stderr);
    assert.equal(report.ok, true);
    assert.deepEqual(report.applied.map((a) => `${a.check}:${a.outcome}`), ['cost-allocation-tags:applied', 'access-control-attributes:applied']);
    assert.match(stderr, /cost allocation tag DeveloperId: Inactive → Active/);
  });

  it('without a terminal and without --yes, --fix shows the changes and makes none', async () => {
    const { code, stdout, aws } = await cli(broken(), ['--fix']);
    assert.equal(code, 1);
    assert.match(stdout, /Not changed: there is no terminal to confirm on; pass --yes/);
    assert.equal(aws.emulator.requestCount('UpdateCostAllocationTagsStatus') + aws.emulator.requestCount('CreateInstanceAccessControlAttributeConfiguration'), 0);
  });

  it('asks before each change at a terminal, and a "no" leaves it unchanged', async () => {
    const aws = await startAdminEmulator({ world: broken() });
    const questions: string[] = [];
    try {
      const code = await adminCheck(['--regions', 'us-east-1', '--account-id', ACCOUNT, '--permission-set', 'BedrockDeveloper', '--fix'], { stdout: () => undefined, stderr: () => undefined, stdinIsTTY: true }, { confirm: (q) => (questions.push(q), Promise.resolve(questions.length === 1)) });
      assert.equal(code, 1);
      assert.equal(questions.length, 2);
      assert.equal(aws.emulator.requestCount('UpdateCostAllocationTagsStatus'), 1);
      assert.equal(aws.emulator.requestCount('CreateInstanceAccessControlAttributeConfiguration'), 0);
    } finally {
      await aws.close();
    }
  });
});
