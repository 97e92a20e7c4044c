// A child process for the crash and concurrency suites: it writes the user's files with
// the core writers, over and over, and is killed (or finishes) from outside.
//   crash <home>            alternate two states of ~/.aws/config, the token cache and
//                           ~/.claude/settings.json until killed ("config <i>" after each config write)
//   profile <home> <name> <n>  write profile <name> n times (alternating regions)
//   profile-once <home> <name> write it once and print the outcome (or the error's sentence)
//   lockstep <home> <name>  for each line "go <region>" on stdin, write profile <name> with
//                           that region once, then print "done"; the parent releases both
//                           writers of a round with one line each, so their writes overlap
import { writeSsoProfile } from '../../../src/core/awsConfig/ssoProfileWriter';
import { planClaudeSettingsFile, writeClaudeSettings } from '../../../src/core/claudeSettings/settingsFile';
import { writeCachedToken } from '../../../src/core/ssoCache/tokenCache';
import { crashState, profileRequest } from './writerStates';

async function main(): Promise<void> {
  const [mode, home, name, count] = process.argv.slice(2);
  if (home === undefined) throw new Error('usage: writerChild crash|profile <home> ...');
  const env = { homeDir: home, env: {}, platform: process.platform, now: () => new Date() };
  if (mode === 'profile-once') {
    // For the read-only check: the sentence a user would read, on stdout.
    try {
      await writeSsoProfile(env, profileRequest(name ?? 'x', 'us-west-2'), { confirmOverwrite: true });
      process.stdout.write('written\n');
    } catch (error) {
      process.stdout.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    }
    return;
  }
  if (mode === 'lockstep') {
    const { createInterface } = await import('node:readline');
    for await (const line of createInterface({ input: process.stdin })) {
      const region = /^go (\S+)$/.exec(line)?.[1];
      if (region === undefined) break;
      await writeSsoProfile(env, profileRequest(name ?? 'x', region), { confirmOverwrite: true });
      process.stdout.write('done\n');
    }
    return;
  }
  if (mode === 'profile') {
    for (let i = 0; i < Number(count); i++) await writeSsoProfile(env, profileRequest(name ?? 'x', i % 2 === 0 ? 'us-west-2' : 'eu-central-1'), { confirmOverwrite: true });
    return;
  }
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    const state = crashState(i % 2);
    await writeSsoProfile(env, state.profile, { confirmOverwrite: true });
    // The parent counts these to kill after a chosen number of finished config writes.
    process.stdout.write(`config ${String(i)}\n`);
    await writeCachedToken(env, 'claude-code', state.token);
    await writeClaudeSettings(env, await planClaudeSettingsFile(env, state.settings));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
