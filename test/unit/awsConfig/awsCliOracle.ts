import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Runs code from Debian's AWS CLI v2 package (its bundled botocore, Python's shlex and
 * configparser) as the reference our TypeScript must agree with. The package is a hard
 * requirement of the test suite, never a reason to skip.
 */
export const AWS_CLI = '/usr/bin/aws';
const PYTHON = '/usr/bin/python3';

export function assertAwsCliInstalled(): void {
  if (!existsSync(AWS_CLI) || !existsSync(PYTHON)) {
    throw new Error(`The AWS CLI v2 is not installed at ${AWS_CLI} (or ${PYTHON} is missing). Install it with "apt-get install awscli" and run the tests again.`);
  }
}

/** Runs `script` with `input` (JSON) on stdin and returns its stdout parsed as JSON. */
export function runPythonJson(script: string, input: unknown): unknown {
  assertAwsCliInstalled();
  const result = spawnSync(PYTHON, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PYTHONUTF8: '1', PYTHONPATH: '/usr/lib/python3/dist-packages' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`python3 failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

export interface BotocoreView {
  /** Whether botocore could load the file (it raises ConfigParseError otherwise). */
  readonly ok: boolean;
  readonly profiles: Record<string, Record<string, string>>;
  readonly ssoSessions: Record<string, Record<string, string>>;
}

/**
 * botocore's `load_config` for each text: raw values (sub-sections unparsed) plus
 * whether the real loader (which parses sub-sections) succeeds.
 */
export function botocoreViews(texts: readonly string[]): BotocoreView[] {
  const script = `
import json, sys, tempfile, os
from awscli.botocore import configloader
ConfigParseError = configloader.botocore.exceptions.ConfigParseError
out = []
texts = json.load(sys.stdin)
with tempfile.TemporaryDirectory() as d:
    for i, text in enumerate(texts):
        p = os.path.join(d, 'c%d' % i)
        with open(p, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        try:
            configloader.load_config(p)
            ok = True
        except ConfigParseError:
            ok = False
        try:
            raw = configloader.build_profile_map(configloader.raw_config_parse(p, parse_subsections=False))
        except ConfigParseError:
            raw = {'profiles': {}, 'sso_sessions': {}}
        out.append({'ok': ok, 'profiles': raw['profiles'], 'ssoSessions': raw['sso_sessions']})
json.dump(out, sys.stdout)
`;
  return runPythonJson(script, texts) as BotocoreView[];
}

/** Python's `shlex.split` for each text, null where it raises. */
export function pythonShlex(texts: readonly string[]): (string[] | null)[] {
  const script = `
import json, shlex, sys
out = []
for t in json.load(sys.stdin):
    try:
        out.append(shlex.split(t))
    except ValueError:
        out.append(None)
json.dump(out, sys.stdout)
`;
  return runPythonJson(script, texts) as (string[] | null)[];
}

export interface ConfigWriterJob {
  readonly text: string | undefined;
  readonly updates: readonly { section: string; values: Record<string, string> }[];
}

/**
 * The AWS CLI's own `ConfigFileWriter.update_config` (what `aws configure sso` and
 * `aws configure set` use) applied to each job's text, one section after the other;
 * one Python process for the whole batch.
 */
export function cliConfigWriter(jobs: readonly ConfigWriterJob[]): string[] {
  const script = `
import json, sys, tempfile, os
from awscli.customizations.configure.writer import ConfigFileWriter
out = []
with tempfile.TemporaryDirectory() as d:
    for i, job in enumerate(json.load(sys.stdin)):
        p = os.path.join(d, 'config%d' % i)
        if job['text'] is not None:
            with open(p, 'w', encoding='utf-8', newline='') as f:
                f.write(job['text'])
        for u in job['updates']:
            values = dict(u['values'])
            values['__section__'] = u['section']
            ConfigFileWriter().update_config(values, p)
        with open(p, encoding='utf-8', newline='') as f:
            out.append(f.read())
json.dump(out, sys.stdout)
`;
  return runPythonJson(script, jobs.map((job) => ({ text: job.text ?? null, updates: job.updates }))) as string[];
}
