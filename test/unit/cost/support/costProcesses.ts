// Starts and drives costReportChild.ts processes: built once with esbuild so each process
// costs a plain node start-up, and spoken to line by line so the test owns the clock.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { build } from 'esbuild';

export interface ChildAnswer {
  readonly pid: number;
  readonly refreshed: boolean;
  readonly refreshInProgress: boolean;
  readonly amount: number;
}

export async function buildCostChild(): Promise<{ script: string; remove: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cost-child-'));
  const script = path.join(dir, 'costReportChild.cjs');
  await build({ entryPoints: [path.join(__dirname, 'costReportChild.ts')], bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], outfile: script, logLevel: 'silent' });
  return { script, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

export class CostProcess {
  private readonly answers: string[] = [];
  private readonly waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  private stderr = '';
  private exitedWith: Error | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(line);
      else this.answers.push(line);
    });
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.once('close', (code) => {
      this.exitedWith = new Error(`the cost child exited with ${String(code)}: ${this.stderr}`);
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.exitedWith);
    });
  }

  /** Started and ready: its process is up and waiting for the first tick. */
  static async start(script: string, setup: object): Promise<CostProcess> {
    // The emulator's endpoints come through the environment, as they do for this process.
    const process_ = new CostProcess(spawn(process.execPath, [script, JSON.stringify(setup)], { stdio: ['pipe', 'pipe', 'pipe'] }));
    const first = await process_.nextLine();
    if (first !== 'ready') throw new Error(`the cost child said ${first}`);
    return process_;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Reads the report once at `clock`, as another window would. */
  async tick(clock: number, credentials: object): Promise<ChildAnswer> {
    this.child.stdin.write(`tick ${String(clock)} ${JSON.stringify(credentials)}\n`);
    return JSON.parse(await this.nextLine()) as ChildAnswer;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.child.once('close', () => { resolve(); }));
    this.child.stdin.end();
    await closed;
  }

  private nextLine(): Promise<string> {
    const ready = this.answers.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.exitedWith) return Promise.reject(this.exitedWith);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
    });
  }
}
