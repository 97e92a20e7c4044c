import * as fs from 'node:fs/promises';
import { pathExists } from '../files/pathExists';
import * as path from 'node:path';
import { isNotFound } from '../files/atomicWrite';
import { silentLogger, type Logger } from '../runtime/logger';
import { UserFacingError } from '../runtime/userFacingError';
import { checkAdminOnlyFile } from './adminOnlyFile';
import { machineOrgDefaultsPath } from './machineOrgDefaultsPath';
import type { OrgDefaults } from './orgDefaults';
import { parseOrgDefaults } from './validateOrgDefaults';

/** Which file a field came from: the one baked into the extension, or the machine-wide override. */
export type OrgDefaultsOrigin = 'package' | 'machine';

export interface LoadedOrgDefaults {
  /** The packaged defaults with the machine-wide file's fields laid over them. */
  readonly defaults: OrgDefaults;
  readonly origins: Readonly<Partial<Record<keyof OrgDefaults, OrgDefaultsOrigin>>>;
  readonly packagedFile: string;
  readonly machineFile: string;
  readonly machineFileUsed: boolean;
  /** Files that exist but were ignored, each as a sentence for the log and the setup check. */
  readonly problems: readonly UserFacingError[];
}

export interface LoadOrgDefaultsOptions {
  /** The extension's install folder; `org-defaults.json` there is the packaged file. */
  readonly extensionRoot: string;
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Prefix of the machine-wide path (tests); default `/`. */
  readonly machineRoot?: string;
  /** Owners a machine-wide file may have (POSIX uids); default root only. */
  readonly trustedOwners?: readonly number[];
  readonly logger?: Logger;
}

/**
 * Reads the organisation defaults: the file packaged with the extension, overridden field
 * by field by the machine-wide file when that exists and only administrators can write it
 * (`locked`, like any field, is taken whole from the machine file when it has one).
 * Never throws for a bad file: a file that cannot be read, parsed or trusted is left as
 * it is, ignored, and reported in `problems`, so a broken org file cannot stop sign-in.
 */
export async function loadOrgDefaults(options: LoadOrgDefaultsOptions): Promise<LoadedOrgDefaults> {
  const logger = options.logger ?? silentLogger;
  const packagedFile = path.join(options.extensionRoot, 'org-defaults.json');
  const machineFile = machineOrgDefaultsPath(options.platform, options.env, options.machineRoot);
  const problems: UserFacingError[] = [];

  const packaged = await readOrgFile(packagedFile, 'packaged with the extension');
  if (packaged instanceof UserFacingError) problems.push(packaged);

  let machine: OrgDefaults | undefined;
  const refusal =
    options.platform !== 'win32' && (await pathExists(machineFile))
      ? await checkAdminOnlyFile(machineFile, options.trustedOwners ?? [0]).catch((error: unknown) => unreadable(machineFile, 'machine-wide', error))
      : undefined;
  if (refusal) {
    problems.push(refusal);
  } else {
    const loaded = await readOrgFile(machineFile, 'machine-wide');
    if (loaded instanceof UserFacingError) problems.push(loaded);
    else machine = loaded;
  }

  const defaults: Record<string, unknown> = {};
  const origins: Partial<Record<keyof OrgDefaults, OrgDefaultsOrigin>> = {};
  for (const [layer, origin, file] of [
    [packaged instanceof UserFacingError ? undefined : packaged, 'package', packagedFile],
    [machine, 'machine', machineFile],
  ] as const) {
    if (!layer) continue;
    for (const [field, value] of Object.entries(layer)) {
      if (field === '$schema') continue;
      defaults[field] = field === 'profileMappingFile' && typeof value === 'string' ? path.resolve(path.dirname(file), value) : value;
      origins[field as keyof OrgDefaults] = origin;
    }
  }
  for (const problem of problems) logger.warn(problem.message);
  if (machine) logger.info(`Organisation defaults: using the machine-wide file ${machineFile}.`);
  return { defaults: defaults, origins, packagedFile, machineFile, machineFileUsed: machine !== undefined, problems };
}

/** undefined when the file does not exist (no defaults is a normal state). */
async function readOrgFile(file: string, label: string): Promise<OrgDefaults | undefined | UserFacingError> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    return unreadable(file, label, error);
  }
  const parsed = parseOrgDefaults(text);
  if (parsed.ok) return parsed.value;
  const code = label === 'machine-wide' ? 'orgDefaults.machine-file-invalid' : 'orgDefaults.packaged-file-invalid';
  return new UserFacingError(
    `The ${label} organisation defaults file ${file} was ignored because it has ${parsed.problems.length === 1 ? 'a problem' : `${parsed.problems.length} problems`}: ${parsed.problems.join('; ')}. Ask your administrator to correct it; the file was not changed.`,
    code,
  );
}

function unreadable(file: string, label: string, error: unknown): UserFacingError {
  const reason = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
  const code = label === 'machine-wide' ? 'orgDefaults.machine-file-unreadable' : 'orgDefaults.packaged-file-unreadable';
  return new UserFacingError(`The ${label} organisation defaults file ${file} could not be read (${reason}), so it was ignored; ask your administrator to check its permissions.`, code, { cause: error });
}

