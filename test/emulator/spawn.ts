// Starts cli.ts as a child process, for tests that need the emulator outside their own
// process (a VS Code extension host, code-server, the product CLI). The child exits when
// stop() is called or, via --exit-with-stdin, when this process dies.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EmulatorControlClient } from './controlClient';

export interface SpawnedEmulator {
  url: string;
  control: EmulatorControlClient;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  worldPath?: string;
  port?: number;
  autoApprove?: string;
  timeoutMs?: number;
}

export const EMULATOR_CLI = join(__dirname, 'cli.ts');

export async function spawnEmulator(options: SpawnOptions = {}): Promise<SpawnedEmulator> {
  const args = ['--import', 'tsx', EMULATOR_CLI, '--exit-with-stdin'];
  if (options.worldPath !== undefined) args.push('--world', options.worldPath);
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.autoApprove !== undefined) args.push('--auto-approve', options.autoApprove);
  const child = spawn(process.execPath, args, { cwd: join(__dirname, '..', '..'), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`emulator did not start in time: ${stderr}`));
    }, options.timeoutMs ?? 15_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^EMULATOR_URL=(\S+)$/.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${String(code)} before listening: ${stderr}`));
    });
  });

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => {
      resolve();
    });
  });
  return {
    url,
    control: new EmulatorControlClient(url),
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
