// `npm run test:e2e` — the packaged extension in a real VS Code, driven like a person. See test/README.md.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

// TypeScript sources are loaded through tsx's CommonJS hook (the package is CommonJS).
register();
const requireTs = createRequire(import.meta.url);

const { runEndToEndTests } = requireTs('./runEndToEndTests.ts');
try {
  process.exitCode = await runEndToEndTests();
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
