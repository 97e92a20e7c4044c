import { execFile } from 'node:child_process';

export interface ProgramRun {
  /** null when the program was killed (timeout or abort). */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunProgramOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Runs a program with arguments (no shell) and collects its output; rejects only when it cannot be started. */
export type RunProgram = (file: string, args: readonly string[], options: RunProgramOptions) => Promise<ProgramRun>;

/** Version banners are a line; anything past this is not what we asked for. */
const MAX_OUTPUT_BYTES = 64 * 1024;

export const runProgram: RunProgram = (file, args, options) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      {
        env: options.env,
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT_BYTES,
        windowsHide: true,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code === 'string' && error.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          // Could not start it (ENOENT, EACCES, ...): keep the system's code for the caller.
          reject(Object.assign(new Error(error.message, { cause: error }), { code: error.code }));
          return;
        }
        const exitCode = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ exitCode: error?.killed ? null : exitCode, stdout, stderr });
      },
    );
  });
