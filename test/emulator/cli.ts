// Runs the emulator as its own process for tests that drive the product from outside
// (VS Code, code-server, the CLI):
//   node --import tsx test/emulator/cli.ts [--world file.json] [--port 0] [--auto-approve alice] [--exit-with-stdin]
// Prints `EMULATOR_URL=http://127.0.0.1:<port>` on one line once it is listening.
import { startEmulator } from './server';
import { loadWorld } from './world';

interface CliOptions {
  worldPath?: string;
  port: number;
  autoApprove?: string;
  exitWithStdin: boolean;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 0, exitWithStdin: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg ?? ''} needs a value`);
      return next;
    };
    switch (arg) {
      case '--world':
        options.worldPath = value();
        break;
      case '--port':
        options.port = Number(value());
        if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error('--port must be 0-65535');
        break;
      case '--auto-approve':
        options.autoApprove = value();
        break;
      case '--exit-with-stdin':
        options.exitWithStdin = true;
        break;
      default:
        throw new Error(`Unknown argument ${arg ?? ''}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const world = loadWorld(options.worldPath);
  const deviceFlow = options.autoApprove === undefined ? undefined : { ...(world.deviceFlow ?? {}), mode: 'autoApprove' as const, userName: options.autoApprove };
  const emulator = await startEmulator(world, { port: options.port, ...(deviceFlow === undefined ? {} : { deviceFlow }) });
  process.stdout.write(`EMULATOR_URL=${emulator.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (options.exitWithStdin) {
    // A parent that dies without signalling still closes our stdin pipe.
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
