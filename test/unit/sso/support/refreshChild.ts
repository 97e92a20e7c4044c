// A process that needs the session's token, as a VS Code window, the CLI or Claude Code's
// awsAuthRefresh would: it waits for "go" on stdin (so several start at once), runs
// obtainSessionToken against the emulator named by AWS_ENDPOINT_URL_SSO_OIDC, and prints
// {"source", "accessToken"} — or exits 3 if it had to ask the developer to sign in again.
import { createInterface } from 'node:readline';
import { silentLogger } from '../../../../src/core/runtime/logger';
import { obtainSessionToken } from '../../../../src/core/sso/sessionToken';

async function main(): Promise<void> {
  const [home, startUrl, ssoRegion] = process.argv.slice(2);
  if (home === undefined || startUrl === undefined || ssoRegion === undefined) throw new Error('usage: refreshChild <home> <startUrl> <ssoRegion>');
  for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
  const env = { homeDir: home, env: process.env, platform: process.platform, now: () => new Date() };
  const token = await obtainSessionToken(env, { startUrl, ssoRegion, sessionName: 'claude-code' }, {
    logger: silentLogger,
    showCode: () => {
      process.stdout.write('{"source":"asked-to-sign-in"}\n');
      process.exit(3);
    },
  });
  process.stdout.write(`${JSON.stringify({ source: token.source, accessToken: token.accessToken })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
