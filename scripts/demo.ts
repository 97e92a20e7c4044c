// `npm run demo`: the whole developer flow against the embedded local AWS emulator, so a
// newcomer sees sign-in → configured files → setup check → cost without an AWS account.
// The built CLI runs as a user would run it, with a throw-away HOME that is kept for a look.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { emulatorEndpointEnv, startEmulator } from '../test/emulator/server';
import { defaultWorld } from '../test/emulator/world';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');

function run(args: string[], env: Record<string, string>): Promise<number> {
  process.stdout.write(`\n$ bedrock-onboard ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve(code ?? 1);
    });
  });
}

async function show(file: string, mask = false): Promise<void> {
  const text = await fs.readFile(file, 'utf8');
  process.stdout.write(`\n--- ${file}\n${mask ? text.replace(/("(?:accessToken|refreshToken|clientSecret)":\s*")[^"]+/g, '$1«hidden»') : text}\n`);
}

async function main(): Promise<void> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'bedrock-onboarding-demo-'));
  const world = defaultWorld();
  const emulator = await startEmulator(world, { deviceFlow: { mode: 'autoApprove', userName: 'alice', afterPolls: 1, interval: 1 } });
  process.stdout.write(`Local AWS emulator at ${emulator.url} (IAM Identity Center, Bedrock, Cost Explorer); user "alice" approves the sign-in code.\nDemo home directory: ${home}\n`);
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...emulatorEndpointEnv(emulator.url),
  };
  const steps: string[][] = [
    ['login', '--start-url', world.identityCenter.startUrl, '--sso-region', world.identityCenter.region, '--account-id', '111122223333', '--role-name', 'BedrockDeveloper', '--region', 'us-east-1', '--no-browser'],
    ['configure', '--yes'],
    ['doctor'],
    ['cost'],
  ];
  let failed = 0;
  try {
    for (const step of steps) {
      const code = await run(step, env);
      // The setup check reports a missing Claude Code CLI as a failure; that is a fact about this machine, not the demo.
      if (code !== 0 && step[0] !== 'doctor') failed++;
    }
    await show(path.join(home, '.aws', 'config'));
    const cacheDir = path.join(home, '.aws', 'sso', 'cache');
    for (const file of await fs.readdir(cacheDir)) await show(path.join(cacheDir, file), true);
    await show(path.join(home, '.claude', 'settings.json'));
    process.stdout.write(`\nAWS requests made: ${emulator.requestCount()} (${[...new Set(emulator.requests().map((r) => r.operation))].join(', ')})\n`);
  } finally {
    await emulator.close();
  }
  process.stdout.write(failed === 0 ? '\nDemo finished: the files above are what the extension writes for a developer.\n' : `\nDemo finished with ${failed} failed step(s).\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

void main();
