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

/**
 * Resolves with the next line the child prints (lines are kept across calls); rejects once
 * the child has exited without printing the line asked for, so a crashed child fails the
 * test at once instead of leaving it waiting.
 */
export function lineReader(child: ChildProcess): () => Promise<string> {
  const lines: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let buffer = '';
  let closed: Error | undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const next = waiting.shift();
      if (next) next.resolve(line);
      else lines.push(line);
    }
  });
  child.once('close', (code, signal) => {
    closed = new Error(`the child exited (${String(code ?? signal)}) before printing the line awaited`);
    for (const next of waiting.splice(0)) next.reject(closed);
  });
  return () => {
    const line = lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (closed) return Promise.reject(closed);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
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

