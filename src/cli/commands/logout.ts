import { parseArgs } from 'node:util';
import { loadAwsOperations } from '../../core/awsOperationsLoader';
import { processEnvironment } from '../../core/runtime/coreEnvironment';
import { silentLogger } from '../../core/runtime/logger';
import { EXIT_OK, type CliIo } from '../cliIo';
import { loadCliOrgSettings, packageRootAbove } from './cliOrgSettings';

export const LOGOUT_USAGE = `Usage: bedrock-onboard logout [--session NAME]

Ends the IAM Identity Center session: the access portal logout and the cached token.
`;

export async function runLogout(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { session: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true });
  if (values.help) {
    io.stdout(LOGOUT_USAGE);
    return EXIT_OK;
  }
  const environment = processEnvironment();
  const org = await loadCliOrgSettings(environment, { extensionRoot: packageRootAbove(__dirname) }, silentLogger);
  const session = values.session ?? org.settings.ssoSessionName.value ?? 'claude-code';
  const result = await loadAwsOperations().signOut(environment, session);
  io.stdout(`${result.tokenFileDeleted ? `Signed out of session ${session}.` : `No cached token for session ${session}; nothing to remove.`}${result.portalLogout === 'failed' ? ` The portal logout failed (${result.portalLogoutProblem ?? 'unknown reason'}); the local token was removed anyway.` : ''}\n`);
  return EXIT_OK;
}
