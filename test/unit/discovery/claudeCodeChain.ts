// What Claude Code does at start-up with the settings we write, in a process of its own:
// read the AIP (GetInferenceProfile), then call through it, with credentials from the AWS
// SDK's default chain and nothing but the given environment.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const SCRIPT = `
  const { BedrockClient, GetInferenceProfileCommand } = require('@aws-sdk/client-bedrock');
  const { BedrockRuntimeClient, ConverseCommand } = require('@aws-sdk/client-bedrock-runtime');
  (async () => {
    const arn = process.env.ANTHROPIC_MODEL;
    const profile = await new BedrockClient({}).send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: arn }));
    const out = await new BedrockRuntimeClient({}).send(new ConverseCommand({ modelId: arn, messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 1 } }));
    console.log(JSON.stringify({ name: profile.inferenceProfileName, outputTokens: out.usage.outputTokens }));
  })().catch((e) => { console.error(e.name + ': ' + e.message); process.exit(1); });`;

export async function invokeLikeClaudeCode(env: Record<string, string | undefined>): Promise<{ name: string; outputTokens: number }> {
  const child = await run(process.execPath, ['-e', SCRIPT], { cwd: REPO_ROOT, env: { AWS_EC2_METADATA_DISABLED: 'true', ...env } });
  return JSON.parse(child.stdout) as { name: string; outputTokens: number };
}
