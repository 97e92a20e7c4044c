// Bundles the extension, the lazily loaded AWS chunk and the CLI with esbuild, then
// proves from esbuild's metafile that nothing the extension loads at activation pulls
// in the AWS SDK (the SDK lives only in dist/aws.js, required on first use).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const quiet = process.argv.includes('--quiet');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
  // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const builds = [
  { entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // Command handlers and background features, required on first use by src/vscode/featuresLoader.ts.
  { entryPoints: ['src/vscode/features.ts'], outfile: 'dist/features.js', external: ['vscode'] },
  { entryPoints: ['src/core/awsOperations.ts'], outfile: 'dist/aws.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

mkdirSync(join(root, 'dist'), { recursive: true });
const sizes = {};
for (const options of builds) {
  const result = await esbuild.build({ ...common, ...options });
  const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('.js'));
  sizes[options.outfile] = output[1].bytes;
  if (options.outfile !== 'dist/aws.js') {
    const sdkInputs = Object.keys(output[1].inputs).filter((input) => /node_modules[\\/](@aws-sdk|@smithy|@aws-crypto)[\\/]/.test(input));
    if (sdkInputs.length > 0) {
      console.error(`${options.outfile} bundles the AWS SDK (${sdkInputs.length} modules, e.g. ${sdkInputs[0]}); it must only be reached through the lazy loader.`);
      process.exit(1);
    }
  }
  writeFileSync(join(root, options.outfile.replace(/\.js$/, '.meta.json')), JSON.stringify(result.metafile));
}
if (!quiet) {
  for (const [file, bytes] of Object.entries(sizes)) console.log(`${file.padEnd(20)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
}
