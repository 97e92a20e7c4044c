import { parseArgs } from 'node:util';
import { loadAwsOperations } from '../core/awsOperationsLoader';
import { isUserFacingError } from '../core/runtime/userFacingError';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stdinIsTTY: boolean;
}

/** Exit codes: 0 success, 1 the operation failed (one-line reason), 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: bedrock-onboard <command> [options]

Commands:
  whoami [--profile NAME] [--region R]   Show the AWS identity the profile signs in as
  help                                   Show this help
`;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      case 'whoami':
        return await whoami(rest, io);
      default:
        io.stderr(`bedrock-onboard: unknown command "${command}".\n${USAGE}`);
        return EXIT_USAGE;
    }
  } catch (error) {
    if (isUserFacingError(error)) {
      io.stderr(`bedrock-onboard: ${error.message}\n`);
      return EXIT_FAILED;
    }
    if (error instanceof TypeError && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`bedrock-onboard: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

async function whoami(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { profile: { type: 'string' }, region: { type: 'string' } }, strict: true });
  const aws = loadAwsOperations();
  const identity = await aws.getCallerIdentity({
    region: values.region ?? 'us-east-1',
    credentials: aws.profileCredentials(values.profile),
  });
  io.stdout(`${identity.arn}\n`);
  return EXIT_OK;
}
