import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/**
 * Entry point VS Code calls inside the extension host (`--extensionTestsPath`): runs every
 * compiled `*.test.js` beside this file with mocha. The runner reads the counts from the
 * file named by BEDROCK_ONBOARDING_TEST_RESULTS, since the host's stdout is not ours.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env['BEDROCK_ONBOARDING_TEST_GREP'];
  if (grep !== undefined && grep !== '') mocha.grep(grep);
  const files = readdirSync(__dirname).filter((file) => file.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(join(__dirname, file));

  const counts = { passed: 0, failed: 0, failures: [] as string[] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => { resolve(); });
    runner.on('pass', () => counts.passed++);
    runner.on('fail', (test, error: unknown) => {
      counts.failed++;
      counts.failures.push(`${test.fullTitle()}: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const resultsFile = process.env['BEDROCK_ONBOARDING_TEST_RESULTS'];
  if (resultsFile !== undefined) writeFileSync(resultsFile, JSON.stringify({ ...counts, files }));
  if (counts.failed > 0) throw new Error(`${counts.failed} extension-host test(s) failed.`);
  // An empty run must not look like a green one.
  if (counts.passed === 0) throw new Error(`No extension-host test ran (files: ${files.join(', ') || 'none'}).`);
}
