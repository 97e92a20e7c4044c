import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureTestHost } from '../../scripts/vscode-host/installTestHost';
import { repositoryRoot } from '../../scripts/vscode-host/testHostLayout';
import { packageExtension, VSIX_ENV } from './support/packagedExtension';

/**
 * `npm run test:e2e`: packages the .vsix (npm run package), makes sure the code-server
 * test host is installed, then runs the mocha specs test/e2e/**\/*.e2e.ts, which install
 * that .vsix into a private code-server and drive the workbench in Chromium.
 */
export async function runEndToEndTests(): Promise<number> {
  const started = Date.now();
  const root = repositoryRoot();
  const vsix = packageExtension();
  await ensureTestHost();
  console.log(`e2e: packaged ${vsix}; running the specs (screenshots in .e2e-artifacts/screenshots/)`);

  const mocha = spawn(process.execPath, [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', join(root, 'test', 'e2e', '.mocharc.json'), ...process.argv.slice(2)], {
    cwd: root,
    env: { ...process.env, [VSIX_ENV]: vsix },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Ctrl-C reaches mocha too (same terminal process group) and it stops its servers itself;
  // this process only waits for it. A SIGTERM sent to this process alone is passed on.
  const ignoreInterrupt = (): void => undefined;
  const passTerm = (): void => { mocha.kill('SIGTERM'); };
  process.on('SIGINT', ignoreInterrupt);
  process.on('SIGTERM', passTerm);
  let output = '';
  mocha.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    output += chunk.toString();
  });
  const exitCode = await new Promise<number>((resolve) => {
    mocha.once('close', (code, signal) => { resolve(code ?? (signal === 'SIGINT' ? 130 : 1)); });
  });
  process.off('SIGINT', ignoreInterrupt);
  process.off('SIGTERM', passTerm);

  const count = (pattern: RegExp): number => Number(pattern.exec(output)?.[1] ?? 0);
  // The plain closing line CI reads (mocha's own summary is not one it knows).
  console.log(`e2e: ${count(/(\d+) passing/)} passed, ${count(/(\d+) failing/)} failed`);
  console.log(`e2e: exit ${exitCode} after ${Math.round((Date.now() - started) / 100) / 10} s`);
  return exitCode;
}
