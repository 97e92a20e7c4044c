#!/usr/bin/env node
// Stands in for the desktop VS Code executable in @vscode/test-electron's
// runTests({ vscodeExecutablePath }): it takes the same flags, runs the extension tests in
// a private code-server driven by headless Chromium, and exits with their result.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

// TypeScript sources are loaded through tsx's CommonJS hook (the package is CommonJS).
register();
const requireTs = createRequire(import.meta.url);

const { runExtensionTestsInCodeServer } = requireTs('./extensionTestsInCodeServer.ts');
try {
  process.exitCode = await runExtensionTestsInCodeServer(process.argv.slice(2));
} catch (error) {
  console.error(`vscode-host: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
