// Runs CLI commands in-process with captured output and a controlled machine: the temp home
// of a SignedInHome, a PATH of our choosing, and org files in a temp folder.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ConfigureDependencies, CommandIo } from '../../../src/cli/commands/configure';
import { processEnvironment, type CoreEnvironment } from '../../../src/core/runtime/coreEnvironment';
import { silentLogger } from '../../../src/core/runtime/logger';
import type { SignedInHome } from './signedInHome';

export interface CapturedIo extends CommandIo {
  readonly out: string[];
  readonly err: string[];
  stdoutText(): string;
  stderrText(): string;
}

export function capturedIo(stdinIsTTY: boolean): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdinIsTTY,
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
  };
}

export interface HarnessOptions {
  /** Put a fake `aws` executable on PATH: `true` or `2` for AWS CLI v2, `1` for v1 (which has no `sso login`). */
  readonly awsOnPath?: boolean | 1 | 2;
  /** Content of the packaged org-defaults.json. */
  readonly orgDefaults?: Record<string, unknown>;
  readonly choose?: ConfigureDependencies['choose'];
  readonly confirm?: ConfigureDependencies['confirm'];
}

/** Dependencies for runConfigure / runTestConnection rooted in the signed-in temp home. */
export async function harness(home: SignedInHome, options: HarnessOptions = {}): Promise<{ deps: ConfigureDependencies; environment: CoreEnvironment; settingsPath: string }> {
  const bin = path.join(home.home, 'bin');
  await fs.mkdir(bin, { recursive: true });
  if (options.awsOnPath) {
    const version = options.awsOnPath === 1 ? 'aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11' : 'aws-cli/2.22.35 Python/3.12.6 Linux/6.1 exe/x86_64.debian.12';
    await fs.writeFile(path.join(bin, 'aws'), `#!/bin/sh\necho '${version}'\n`, { mode: 0o755 });
  }
  const orgRoot = path.join(home.home, 'org');
  await fs.mkdir(orgRoot, { recursive: true });
  if (options.orgDefaults) await fs.writeFile(path.join(orgRoot, 'org-defaults.json'), JSON.stringify(options.orgDefaults));
  const environment = processEnvironment({ homeDir: home.home, env: { ...process.env, PATH: bin }, platform: 'linux' });
  const deps: ConfigureDependencies = {
    environment,
    org: { extensionRoot: orgRoot, machineRoot: path.join(home.home, 'machine') },
    logger: silentLogger,
    choose: options.choose ?? (() => Promise.reject(new Error('no prompt expected'))),
    confirm: options.confirm ?? (() => Promise.reject(new Error('no confirmation expected'))),
    self: { execPath: process.execPath },
  };
  return { deps, environment, settingsPath: path.join(home.home, '.claude', 'settings.json') };
}

export async function readJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}
