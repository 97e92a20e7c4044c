import { redactSecrets } from '../core/secrets/redact';
import { runCli } from './runCli';

// The SDK is bundled at a pinned version, so its notice about future SDK releases
// needing a newer Node says nothing the user can act on; keep it off their terminal.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
// The extension's launcher runs us on VS Code's Electron with this set (refreshLauncher.ts);
// a browser or opener we start must not inherit it, or an Electron app would start as Node.
delete process.env['ELECTRON_RUN_AS_NODE'];

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdinIsTTY: process.stdin.isTTY,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bedrock-onboard: unexpected failure: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  },
);
