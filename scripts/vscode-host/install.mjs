#!/usr/bin/env node
// Installs (or checks) the code-server test host under .vscode-test/ ahead of a test run:
//   node scripts/vscode-host/install.mjs
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

// TypeScript sources are loaded through tsx's CommonJS hook (the package is CommonJS).
register();
const requireTs = createRequire(import.meta.url);

const { ensureTestHost } = requireTs('./installTestHost.ts');
try {
  const host = await ensureTestHost();
  console.log(`vscode-host: code-server ${host.codeServerEntry}\nvscode-host: node ${host.nodeBinary}\nvscode-host: chromium ${host.chromiumExecutable}`);
} catch (error) {
  console.error(`vscode-host: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
