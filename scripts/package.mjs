// Produces the .vsix: a production build, then @vscode/vsce with no node_modules (the
// bundles are self-contained). Prints the path, version and size.
//
//   npm run package                          the repository's org-defaults.json (no organisation values)
//   npm run package -- --org path/org.json   that file baked in as org-defaults.json, version 0.1.0-<org>.<UTC time>
//   options: --out FILE, --version-suffix SUFFIX (instead of <org>.<UTC time>), --version X.Y.Z
//            (the whole version, e.g. a newer one for the update test)
//
// The working copy is never modified: the files vsce would package (`vsce ls`) are
// copied to a temporary folder, the version and org file are changed there, and vsce
// packages that folder. The folder is removed even when packaging fails.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

const { values } = parseArgs({
  options: { org: { type: 'string' }, out: { type: 'string' }, 'version-suffix': { type: 'string' }, version: { type: 'string' } },
  strict: true,
});

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let orgJson;
let version = manifest.version;

if (values.org !== undefined) {
  const orgPath = resolve(values.org);
  let text;
  try {
    text = readFileSync(orgPath, 'utf8');
  } catch (error) {
    fail(`The org defaults file ${orgPath} could not be read (${error.code ?? error.message}).`);
  }
  const checked = (await loadValidator()).parseOrgDefaults(text);
  if (!checked.ok) {
    fail(`The org defaults file ${orgPath} is not valid, so nothing was packaged:\n${checked.problems.map((p) => `  ${p}`).join('\n')}`);
  }
  // Normalised (and re-serialised) so the packaged file is exactly what was validated.
  orgJson = `${JSON.stringify({ $schema: './org-defaults.schema.json', ...withoutSchema(checked.value) }, null, 2)}\n`;
  const suffix = values['version-suffix'] ?? `${checked.value.organization ?? `org${createHash('sha256').update(text).digest('hex').slice(0, 8)}`}.${utcStamp(new Date())}`;
  version = withPrerelease(manifest.version, suffix);
} else if (values['version-suffix'] !== undefined) {
  version = withPrerelease(manifest.version, values['version-suffix']);
}

if (values.version !== undefined) {
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(values.version)) fail(`--version ${values.version} is not a version like 1.2.3.`);
  version = values.version;
}

const out = values.out !== undefined ? resolve(values.out) : join(root, `${manifest.name}-${version}.vsix`);

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });

const stage = mkdtempSync(join(tmpdir(), 'bedrock-onboarding-package-'));
try {
  const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !isAbsolute(line) && !line.startsWith('..'));
  for (const file of [...files, '.vscodeignore']) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(root, file), join(stage, file));
  }
  const staged = { ...manifest, version };
  // Already built above; the staged folder has no node_modules to run a prepublish step with.
  if (staged.scripts) delete staged.scripts['vscode:prepublish'];
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  if (orgJson !== undefined) writeFileSync(join(stage, 'org-defaults.json'), orgJson);

  mkdirSync(dirname(out), { recursive: true });
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: stage,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
console.log(`package: ${out} (version ${version}, ${statSync(out).size} bytes, ${(statSync(out).size / 1024).toFixed(0)} KiB)`);

/** The project's own validator (TypeScript), bundled on the fly so the rules are never duplicated here. */
async function loadValidator() {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-onboarding-validator-'));
  try {
    const outfile = join(dir, 'validate.cjs');
    await esbuild.build({
      entryPoints: [join(root, 'src', 'core', 'orgDefaults', 'validateOrgDefaults.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // jsonc-parser's UMD entry requires its files at run time; its ESM entry bundles.
      mainFields: ['module', 'main'],
      outfile,
      logLevel: 'warning',
    });
    return createRequire(import.meta.url)(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function withoutSchema(value) {
  const { $schema: _ignored, ...rest } = value;
  return rest;
}

/** `20250102030405`: sorts as a number, so a later build of the same base version is an upgrade. */
function utcStamp(date) {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * VS Code requires a semver version. A prerelease suffix keeps the org build recognisable
 * (0.1.0-acme.20250102030405) and ordered among its own builds; each identifier must be
 * alphanumerics and hyphens, numeric ones without leading zeros.
 */
function withPrerelease(base, suffix) {
  const identifiers = suffix.split('.');
  const valid = identifiers.every((id) => /^[0-9A-Za-z-]+$/.test(id) && !/^0\d+$/.test(id));
  if (!valid) fail(`The version suffix ${JSON.stringify(suffix)} is not a valid semver prerelease (dot-separated letters, digits and hyphens; numbers without leading zeros).`);
  return base.includes('-') ? `${base}.${suffix}` : `${base}-${suffix}`;
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}
