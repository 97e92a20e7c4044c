import { isUserFacingError } from '../core/runtime/userFacingError';
import { redactSecrets } from '../core/secrets/redact';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';
import { cliVersion } from './cliVersion';
import { runLogin } from './commands/login';
import { runLogout } from './commands/logout';
import { runConfigure } from './commands/configure';
import { runTestConnection } from './commands/testConnection';
import { runAdminCommand } from './commands/admin';
import { runCost } from './commands/cost';
import { runBearerToken } from './commands/bearerToken';
import { runDoctor } from './commands/doctor';

export type { CliIo } from './cliIo';

interface CliCommand {
  readonly summary: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Every command, in the order `help` lists them. Each module parses its own flags. */
const COMMANDS: Readonly<Record<string, CliCommand>> = {
  login: { summary: 'Sign in with IAM Identity Center and write the AWS profile', run: (args, io) => runLogin(args, io) },
  logout: { summary: 'End the SSO session and remove the cached token', run: runLogout },
  configure: { summary: 'Find your inference profiles and configure Claude Code', run: (args, io) => runConfigure(args, io) },
  'test-connection': { summary: 'Check that Claude Code can reach your inference profile', run: (args, io) => runTestConnection(args, io) },
  cost: { summary: 'Show your month-to-date Claude cost (billed and estimated)', run: (args, io) => runCost(args, io) },
  admin: { summary: 'Admin tasks: check, sync, create-profiles, policy, validate-org', run: runAdminCommand },
  'bearer-token': { summary: 'Find (and with --fix remove) AWS_BEARER_TOKEN_BEDROCK', run: (args, io) => runBearerToken(args, io) },
  doctor: { summary: 'Check the whole setup and say how to fix what fails', run: (args, io) => runDoctor(args, io) },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `Usage: bedrock-onboard <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "bedrock-onboard <command> --help" for a command's options, "bedrock-onboard --version" for the version.\n`;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === 'version') {
    io.stdout(`bedrock-onboard ${cliVersion()}\n`);
    return EXIT_OK;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`bedrock-onboard: unknown command "${name}".\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isUserFacingError(error)) {
      io.stderr(`bedrock-onboard: ${redactSecrets(error.message)}\n`);
      return EXIT_FAILED;
    }
    if (error instanceof TypeError && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`bedrock-onboard: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
