import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { emulatorEndpointEnv, startEmulator, type Emulator } from '../../../emulator/server';
import { loadWorld, type World } from '../../../emulator/world';
import { writeSsoSignIn } from '../../../support/ssoSignIn';
import { EXTENSION_ID } from '../manifest';

export interface SuiteEmulator {
  readonly world: World;
  readonly emulator: Emulator;
  /** Stops the emulator, removes the endpoint variables and the ~/.aws and ~/.claude the suite wrote. */
  close(): Promise<void>;
}

/**
 * The emulator on 127.0.0.1 for one suite in the extension host: the extension is
 * activated, the default world loaded from the source tree (the suite is bundled into
 * out/), and the AWS_ENDPOINT_URL_* variables the SDK honours point at it.
 */
export async function startSuiteEmulator(customiseWorld?: (world: World) => void): Promise<SuiteEmulator> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  await extension.activate();
  const world = loadWorld(path.join(extension.extensionPath, 'test', 'emulator', 'worlds', 'default.json'));
  customiseWorld?.(world);
  const emulator = await startEmulator(world);
  const endpointNames = Object.keys(emulatorEndpointEnv(emulator.url));
  Object.assign(process.env, emulatorEndpointEnv(emulator.url));
  return {
    world,
    emulator,
    close: async () => {
      for (const name of endpointNames) Reflect.deleteProperty(process.env, name);
      await emulator.close();
      await fs.rm(path.join(homedir(), '.aws'), { recursive: true, force: true });
      await fs.rm(path.join(homedir(), '.claude'), { recursive: true, force: true });
    },
  };
}

/** alice signed in as the AWS CLI would leave it: `[profile claude-code]` and a cached SSO token. */
export function writeSignedInHome({ emulator }: SuiteEmulator): void {
  writeSsoSignIn(homedir(), emulator, 'alice');
}
