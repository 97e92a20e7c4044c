import { readFileSync, readdirSync } from 'node:fs';

export interface ServerProcess {
  readonly pid: number;
  readonly commandLine: string;
}

/** Processes of one process group, read from /proc (Linux, like the rest of the test host). */
export function processesInGroup(groupId: number): ServerProcess[] {
  const found: ServerProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 5 of /proc/<pid>/stat is the process group; the command name before it may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== groupId) continue;
      found.push({ pid: Number(entry), commandLine: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      /* the process ended while we looked */
    }
  }
  return found;
}

/** The environment a running process was started with. */
export function processEnvironment(pid: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
    const equals = entry.indexOf('=');
    if (equals > 0) env[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return env;
}
