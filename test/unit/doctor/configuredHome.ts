// A temp home signed in to the emulator (see ../discovery/signedInHome.ts) and configured
// the way a finished onboarding leaves it: Claude Code settings for Bedrock, a `claude`
// and an `aws` executable on PATH. Each doctor test starts from it and breaks one thing.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { SetupCheckOptions } from '../../../src/core/doctor/setupCheckOptions';
import type { CoreEnvironment } from '../../../src/core/runtime/coreEnvironment';
import { silentLogger } from '../../../src/core/runtime/logger';
import { defaultWorld, type World } from '../../emulator/world';
import { PROFILE, signedInHome, type SignedInHome } from '../discovery/signedInHome';
import { profileId } from '../discovery/worldBuilders';

export const ALLOWED_REGIONS = ['us-east-1', 'us-west-2'];

export interface ConfiguredHome {
  readonly signedIn: SignedInHome;
  readonly home: string;
  readonly bin: string;
  readonly arn: string;
  readonly settingsPath: string;
  readonly environment: CoreEnvironment;
  /** Options for runSetupChecks as the VS Code layer would pass them. */
  readonly options: SetupCheckOptions;
  close(): Promise<void>;
}

export async function configuredHome(world: World = defaultWorld(), options: { userName?: string } = {}): Promise<ConfiguredHome> {
  const signedIn = await signedInHome(world, { userName: options.userName ?? 'alice' });
  const home = signedIn.home;
  const bin = path.join(home, 'bin');
  await fs.mkdir(bin, { recursive: true });
  await writeExecutable(path.join(bin, 'claude'), '#!/bin/sh\necho "2.1.332 (Claude Code)"\n');
  await writeExecutable(path.join(bin, 'aws'), '#!/bin/sh\necho "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64"\n');
  const arn = profileId(world, 'claude-sonnet-alice');
  const settingsPath = path.join(home, '.claude', 'settings.json');
  await writeClaudeSettings(settingsPath, {
    env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_PROFILE: PROFILE, ANTHROPIC_MODEL: arn },
    awsAuthRefresh: `aws sso login --profile ${PROFILE}`,
  });
  const environment: CoreEnvironment = { homeDir: home, env: { PATH: bin }, platform: process.platform, now: () => new Date() };
  return {
    signedIn,
    home,
    bin,
    arn,
    settingsPath,
    environment,
    options: {
      environment,
      logger: silentLogger,
      profileName: PROFILE,
      allowedRegions: ALLOWED_REGIONS,
      inferenceProfileArn: arn,
      bearerToken: { processOrigin: 'terminal', workspaceFolders: [], managedSettingsDirectory: path.join(home, 'managed') },
    },
    close: () => signedIn.close(),
  };
}

export async function writeExecutable(file: string, text: string): Promise<void> {
  await fs.writeFile(file, text, { mode: 0o755 });
}

export async function writeClaudeSettings(file: string, settings: Record<string, unknown>): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(settings, null, 2)}\n`);
}
