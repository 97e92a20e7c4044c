import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');

/** Only the refusals: they happen before the (slow) build, so nothing is built or packaged. */
describe('orgDefaults: npm run package -- --org refuses a bad file', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'package-org-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const packageWith = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), ...args], { cwd: root, encoding: 'utf8' });

  it('names each bad field and packages nothing', async () => {
    const org = path.join(dir, 'bad.json');
    await fs.writeFile(org, JSON.stringify({ organization: 'Acme Corp', ssoStartUrl: 'https://evil.example.com/start', allowedRegions: [] }));
    const out = path.join(dir, 'bad.vsix');
    const run = packageWith('--org', org, '--out', out);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /is not valid, so nothing was packaged/);
    for (const field of ['organization', 'ssoStartUrl', 'allowedRegions']) assert.match(run.stderr, new RegExp(`^  ${field}: `, 'm'));
    await assert.rejects(fs.stat(out), { code: 'ENOENT' });
  });

  it('says when the file is not JSON or cannot be read', async () => {
    const org = path.join(dir, 'broken.json');
    await fs.writeFile(org, '{ "ssoRegion": "us-east-1", }');
    assert.match(packageWith('--org', org).stderr, /\(file\): is not valid JSON: .* at line 1, column/);
    assert.match(packageWith('--org', path.join(dir, 'missing.json')).stderr, /could not be read \(ENOENT\)/);
  });

  it('refuses a version suffix that is not a semver pre-release', async () => {
    const org = path.join(dir, 'good.json');
    await fs.writeFile(org, JSON.stringify({ organization: 'acme' }));
    const run = packageWith('--org', org, '--version-suffix', 'acme.01');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /not a valid semver prerelease/);
  });
});
