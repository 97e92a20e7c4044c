import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { WorkbenchSession } from './workbenchSession';

/** What a scan looked at and what it found; a leak names the place and the secret's number, never the secret. */
export interface SecretLeakReport {
  readonly secrets: number;
  readonly places: number;
  readonly bytes: number;
  /** Secrets found in the token cache, where they belong: proves the matcher sees real files. */
  readonly tokenCacheHits: number;
  /** Files of the extension's own output channel among the places (a scan that missed it proves little). */
  readonly outputChannelFiles: number;
  readonly leaks: readonly string[];
}

/** Where the AWS CLI and SDK keep SSO tokens and client registrations by design (0600 files). */
const OUTPUT_CHANNEL = 'Claude Code on Bedrock';

const TOKEN_CACHE = join('.aws', 'sso', 'cache') + sep;

/**
 * After a flow has run in the real workbench: every secret the emulator issued (access and
 * refresh tokens, client secrets, device codes, secret keys, session tokens) is looked for
 * in every log VS Code and code-server wrote (the extension's output channel is one of
 * them), every file in the user data folder and the home (except the token cache), and the
 * text of the whole page with the notification center open.
 */
export async function scanSessionForSecrets(session: WorkbenchSession): Promise<SecretLeakReport> {
  const secrets = session.emulator.issuedSecrets().filter((secret) => secret.length >= 8);
  const places: { name: string; text: string }[] = [];
  let tokenCacheHits = 0;
  for (const root of [session.userDataDir, session.home]) {
    for (const file of filesUnder(root)) {
      const text = readFileSync(file, 'latin1');
      if (root === session.home && relative(root, file).startsWith(TOKEN_CACHE)) tokenCacheHits += secrets.filter((secret) => text.includes(secret)).length;
      else places.push({ name: file, text });
    }
  }
  places.push({ name: 'code-server log', text: readFileSync(session.server.logFile, 'latin1') });
  const notifications = await session.user.readNotifications();
  places.push({ name: 'notifications', text: notifications.map((notification) => `${notification.message} ${notification.actions.join(' ')}`).join('\n') });
  places.push({ name: 'workbench page text', text: await session.page.locator('body').innerText() });
  await session.page.keyboard.press('Escape');

  const leaks: string[] = [];
  for (const place of places) {
    secrets.forEach((secret, index) => {
      if (place.text.includes(secret)) leaks.push(`issued secret #${String(index)} (${String(secret.length)} characters) appears in ${place.name}`);
    });
  }
  const outputChannelFiles = places.filter((place) => place.name.endsWith(`${OUTPUT_CHANNEL}.log`)).length;
  return { secrets: secrets.length, places: places.length, tokenCacheHits, outputChannelFiles, bytes: places.reduce((sum, place) => sum + place.text.length, 0), leaks };
}

function filesUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  walk(root);
  return found;
}

/** The spec every flow ends with: nothing the emulator issued is anywhere it should not be. */
export function itLeavesNoIssuedSecretBehind(session: () => WorkbenchSession): void {
  it('leaves no issued token, client secret or key in any log, output channel, setting, notification or page text', async () => {
    const report = await scanSessionForSecrets(session());
    console.log(`      secrets scan: ${String(report.secrets)} issued secrets looked for in ${String(report.places)} places (${String(Math.round(report.bytes / 1024))} KiB), ${String(report.leaks.length)} found`);
    assert.ok(report.secrets >= 3, 'the flow issued tokens and a client secret to look for');
    assert.ok(report.tokenCacheHits >= 2, 'the access token and client secret are found where they belong, in ~/.aws/sso/cache');
    assert.ok(report.outputChannelFiles >= 1, "the extension's output channel log was among the places scanned");
    assert.deepEqual(report.leaks, []);
  });
}
