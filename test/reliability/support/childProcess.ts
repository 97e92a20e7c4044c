// Builds the writer child once (esbuild, so each spawn costs a plain node start-up rather
// than a TypeScript compile) and runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';

export async function buildWriterChild(): Promise<{ script: string; remove: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reliability-child-'));
  const script = path.join(dir, 'writerChild.cjs');
  // Readable by an unprivileged user too (the read-only check runs the child as one).
  await fs.chmod(dir, 0o755);
  await build({ entryPoints: [path.join(__dirname, 'writerChild.ts')], bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], outfile: script, logLevel: 'silent' });
  return { script, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

export function startChild(script: string, args: readonly string[], options: { uid?: number; gid?: number; stdin?: 'pipe' } = {}): ChildProcess {
  const { stdin, ...ids } = options;
  return spawn(process.execPath, [script, ...args], { stdio: [stdin ?? 'ignore', 'pipe', 'pipe'], ...ids });
}

/** Resolves with the next `count` lines the child prints (kept across calls). */
export function lineReader(child: ChildProcess): () => Promise<string> {
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  return () => {
    const line = lines.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
  };
}

/** Collects a child's stdout. */
export function outputOf(child: ChildProcess): Promise<string> {
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.on('close', () => { resolve(out); }));
}

/** Resolves with the exit code and stderr when the child ends. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      resolve({ code, signal, stderr });
    });
  });
}

/** Resolves once the child printed its first line (it is then inside its write loop). */
export function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => {
      resolve();
    });
    child.once('close', (code) => {
      reject(new Error(`the child exited with ${String(code)} before it was ready`));
    });
  });
}
