import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadOrgDefaults } from '../../../src/core/orgDefaults/loadOrgDefaults';
import { machineOrgDefaultsPath } from '../../../src/core/orgDefaults/machineOrgDefaultsPath';

const START_URL = 'https://d-1234567890.awsapps.com/start';

describe('orgDefaults: reading the packaged and machine-wide files', function () {
  if (process.platform === 'win32') return;
  const uid = process.getuid?.() ?? 0;
  let root: string;
  let extensionRoot: string;
  let machineFile: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'org-defaults-'));
    extensionRoot = path.join(root, 'extension');
    await fs.mkdir(extensionRoot);
    machineFile = machineOrgDefaultsPath('linux', {}, root);
    await fs.mkdir(path.dirname(machineFile), { recursive: true, mode: 0o755 });
    await fs.chmod(path.dirname(machineFile), 0o755);
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const load = (trustedOwners = [uid]) => loadOrgDefaults({ extensionRoot, platform: 'linux', env: {}, machineRoot: root, trustedOwners });

  it('lays the machine-wide file over the packaged one, field by field, and resolves a relative mapping path', async () => {
    await fs.writeFile(path.join(extensionRoot, 'org-defaults.json'), JSON.stringify({ ssoStartUrl: START_URL, ssoRegion: 'us-east-1', monthlyBudget: 100 }));
    await fs.writeFile(machineFile, JSON.stringify({ ssoRegion: 'eu-west-1', profileMappingFile: 'mapping.json' }), { mode: 0o644 });
    const loaded = await load();
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.machineFileUsed, true);
    assert.equal(loaded.defaults.ssoStartUrl, START_URL);
    assert.equal(loaded.defaults.ssoRegion, 'eu-west-1');
    assert.equal(loaded.defaults.monthlyBudget, 100);
    assert.equal(loaded.defaults.profileMappingFile, path.join(path.dirname(machineFile), 'mapping.json'));
    assert.deepEqual(loaded.origins, { ssoStartUrl: 'package', ssoRegion: 'machine', monthlyBudget: 'package', profileMappingFile: 'machine' });
  });

  it('ignores a machine-wide file others could write or someone else owns, and says what to run', async () => {
    await fs.writeFile(machineFile, JSON.stringify({ ssoStartUrl: START_URL }));
    await fs.chmod(machineFile, 0o666);
    const writable = await load();
    assert.equal(writable.machineFileUsed, false);
    assert.equal(writable.defaults.ssoStartUrl, undefined);
    assert.match(writable.problems[0]?.message ?? '', /can be changed by users other than root \(mode 0666\).*chmod go-w/);
    await fs.chmod(machineFile, 0o644);
    const foreign = await load([uid + 1]);
    assert.equal(foreign.machineFileUsed, false);
    assert.equal(foreign.problems[0]?.code, 'orgDefaults.machine-file-owner');
  });

  it('leaves a broken file untouched, ignores it and names its problem', async () => {
    const packaged = path.join(extensionRoot, 'org-defaults.json');
    const text = '{ "ssoRegion": "US East", "accountId": 42 }';
    await fs.writeFile(packaged, text);
    const loaded = await load();
    assert.deepEqual(loaded.defaults, {});
    assert.equal(loaded.problems.length, 1);
    assert.match(loaded.problems[0]?.message ?? '', /packaged with the extension .* 2 problems: ssoRegion: .*; accountId: /);
    assert.equal(await fs.readFile(packaged, 'utf8'), text);
  });

  it('treats missing files as no defaults', async () => {
    const loaded = await load();
    assert.deepEqual(loaded.defaults, {});
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.machineFileUsed, false);
  });
});
