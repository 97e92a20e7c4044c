// `npm run test:vscode` — extension-host tests in a real VS Code. See test/README.md.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

// TypeScript sources are loaded through tsx's CommonJS hook (the package is CommonJS).
register();
const requireTs = createRequire(import.meta.url);

const { runExtensionHostTests } = requireTs('./runExtensionHostTests.ts');
try {
  process.exitCode = await runExtensionHostTests();
} catch (error) {
  console.error(`vscode tests: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
