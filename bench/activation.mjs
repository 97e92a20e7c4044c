// bench/activation: what `activate` costs. Builds the production bundle, then in fresh
// processes measures require + activate of dist/extension.js against a minimal vscode
// stand-in, next to requiring an empty module in the same run (the baseline).
// Prints bytes of JavaScript loaded by activate and the time ratio. Goal: < 60 KB, no AWS SDK.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 15);
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production', '--quiet'], { stdio: 'inherit' });

const scratch = mkdtempSync(join(tmpdir(), 'bench-activation-'));
const empty = join(scratch, 'empty.js');
writeFileSync(empty, 'module.exports = {};\n');
const child = join(root, 'bench', 'lib', 'activationChild.cjs');
const measure = (target) => JSON.parse(execFileSync(process.execPath, [child, target], { encoding: 'utf8', env: { ...process.env, HOME: scratch } }));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const extension = [];
const baseline = [];
let loaded = [];
let bytes = 0;
let later = [];
let laterBytes = 0;
for (let i = 0; i < runs; i++) {
  baseline.push(measure(empty).elapsedMs);
  const result = measure(join(root, 'dist', 'extension.js'));
  extension.push(result.elapsedMs);
  loaded = result.loaded;
  bytes = result.bytes;
  later = result.later ?? [];
  laterBytes = result.laterBytes ?? 0;
}
rmSync(scratch, { recursive: true, force: true });

const sdk = loaded.filter((file) => /aws\.js$|@aws-sdk|@smithy/.test(file));
const ratio = median(extension) / median(baseline);
console.log('bench/activation');
console.log(`  runs                         ${runs} (fresh process each)`);
console.log(`  JavaScript loaded by activate ${(bytes / 1024).toFixed(1)} KiB in ${loaded.length} file(s): ${loaded.map((f) => f.replace(root + '/', '')).join(', ')}`);
console.log(`  AWS SDK modules loaded       ${sdk.length}`);
console.log(`  loaded right after activate  ${(laterBytes / 1024).toFixed(1)} KiB in ${later.length} file(s): ${later.map((f) => f.replace(root + '/', '')).join(', ') || '-'} (background features, off the activation path)`);
console.log(`  AWS SDK after activate       ${later.filter((file) => /aws\.js$|@aws-sdk|@smithy/.test(file)).length}`);
console.log(`  require + activate (median)  ${median(extension).toFixed(2)} ms`);
console.log(`  empty module (median)        ${median(baseline).toFixed(2)} ms`);
console.log(`  ratio                        ${ratio.toFixed(1)}x`);
console.log(`  goal                         < 60 KiB, no AWS SDK: ${bytes < 60 * 1024 && sdk.length === 0 ? 'met' : 'NOT met'}`);
if (sdk.length > 0) process.exitCode = 1;
