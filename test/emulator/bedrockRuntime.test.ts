import assert from 'node:assert/strict';
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { decodeEventStream, encodeEventStreamMessage } from './eventStream';
import type { Credentials } from './testSupport';
import { credentialsFor, REGION, rejectionOf, SANDBOX_ACCOUNT, useEmulator } from './testSupport';

const ALICE_SONNET = `arn:aws:bedrock:us-east-1:${SANDBOX_ACCOUNT}:application-inference-profile/k3v9q2m7x1ab`;
const BOB_SONNET = `arn:aws:bedrock:us-east-1:${SANDBOX_ACCOUNT}:application-inference-profile/b4g6k8m2q9gh`;
const SONNET_PROFILE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

interface AnthropicEvent {
  type: string;
  delta?: { text?: string; stop_reason?: string };
}

describe('emulator: Bedrock runtime', () => {
  const fixture = useEmulator((world) => {
    world.runtime = { replyText: 'one two three four five' };
  });
  let alice: Credentials;
  const runtime = (credentials: Credentials) => new BedrockRuntimeClient({ region: REGION, credentials });
  const messages = [{ role: 'user' as const, content: [{ text: 'ping' }] }];
  const anthropicBody = (maxTokens: number) =>
    JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: maxTokens, messages: [{ role: 'user', content: 'ping' }] });

  before(async () => {
    alice = await credentialsFor(fixture.emulator, 'alice');
  });

  it('answers Converse through an application profile ARN over HTTP/2, with usage and metrics', async () => {
    fixture.emulator.resetRequests();
    const out = await runtime(alice).send(new ConverseCommand({ modelId: ALICE_SONNET, messages, inferenceConfig: { maxTokens: 1 } }));
    assert.deepEqual(out.output?.message?.content, [{ text: 'one' }]);
    assert.equal(out.output.message.role, 'assistant');
    assert.equal(out.stopReason, 'max_tokens');
    assert.equal(out.usage?.outputTokens, 1);
    const inputTokens = out.usage.inputTokens ?? 0;
    assert.ok(inputTokens > 0);
    assert.equal(out.usage.totalTokens, inputTokens + 1);
    assert.ok((out.metrics?.latencyMs ?? 0) >= 1);
    assert.equal(fixture.emulator.requests()[0]?.httpVersion, '2.0');
  });

  it('answers InvokeModel with an Anthropic Messages body', async () => {
    const out = await runtime(alice).send(new InvokeModelCommand({ modelId: ALICE_SONNET, contentType: 'application/json', body: anthropicBody(100) }));
    const body = JSON.parse(new TextDecoder().decode(out.body)) as { content: { text: string }[]; stop_reason: string; model: string; usage: { output_tokens: number } };
    assert.equal(body.content[0]?.text, 'one two three four five');
    assert.equal(body.stop_reason, 'end_turn');
    assert.equal(body.model, 'anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.equal(body.usage.output_tokens, 5);
    const bad = await rejectionOf(runtime(alice).send(new InvokeModelCommand({ modelId: ALICE_SONNET, body: JSON.stringify({ messages: [] }) })));
    assert.ok(bad instanceof ValidationException);
    assert.match(bad.message, /max_tokens/);
  });

  it('streams InvokeModelWithResponseStream as a real event stream the SDK iterates', async () => {
    const out = await runtime(alice).send(new InvokeModelWithResponseStreamCommand({ modelId: ALICE_SONNET, body: anthropicBody(3) }));
    const events: AnthropicEvent[] = [];
    for await (const part of out.body ?? []) {
      assert.ok(part.chunk?.bytes, `unexpected event ${JSON.stringify(part)}`);
      events.push(JSON.parse(new TextDecoder().decode(part.chunk.bytes)) as AnthropicEvent);
    }
    assert.deepEqual(
      events.map((e) => e.type),
      ['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    const text = events.map((e) => (e.type === 'content_block_delta' ? (e.delta?.text ?? '') : '')).join('');
    assert.equal(text, 'one two three');
    assert.equal(events.find((e) => e.type === 'message_delta')?.delta?.stop_reason, 'max_tokens');
  });

  it('streams ConverseStream events', async () => {
    const out = await runtime(alice).send(new ConverseStreamCommand({ modelId: ALICE_SONNET, messages, inferenceConfig: { maxTokens: 2 } }));
    let text = '';
    let stopReason: string | undefined;
    let outputTokens: number | undefined;
    for await (const e of out.stream ?? []) {
      text += e.contentBlockDelta?.delta?.text ?? '';
      stopReason ??= e.messageStop?.stopReason;
      outputTokens ??= e.metadata?.usage?.outputTokens;
    }
    assert.equal(text, 'one two');
    assert.equal(stopReason, 'max_tokens');
    assert.equal(outputTokens, 2);
  });

  it("denies invoking someone else's profile (ABAC) and direct system-profile calls for an ABAC role", async () => {
    const denied = await rejectionOf(runtime(alice).send(new ConverseCommand({ modelId: BOB_SONNET, messages })));
    assert.ok(denied instanceof AccessDeniedException);
    assert.match(denied.message, /alice is not authorized to perform: bedrock:InvokeModel on resource: .*application-inference-profile\/b4g6k8m2q9gh/);
    const stream = await rejectionOf(runtime(alice).send(new InvokeModelWithResponseStreamCommand({ modelId: BOB_SONNET, body: anthropicBody(1) })));
    assert.match(stream.message, /bedrock:InvokeModelWithResponseStream/);
    const system = await rejectionOf(runtime(alice).send(new ConverseCommand({ modelId: SONNET_PROFILE, messages })));
    assert.ok(system instanceof AccessDeniedException);
  });

  it('lets an allow role call a system profile; a bare foundation model id needs a profile', async () => {
    const admin = await credentialsFor(fixture.emulator, 'dana', 'BedrockAdmin');
    const out = await runtime(admin).send(new ConverseCommand({ modelId: SONNET_PROFILE, messages, inferenceConfig: { maxTokens: 1 } }));
    assert.equal(out.output?.message?.content?.[0]?.text, 'one');
    const onDemand = await rejectionOf(runtime(admin).send(new ConverseCommand({ modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', messages })));
    assert.ok(onDemand instanceof ValidationException);
    assert.match(onDemand.message, /on-demand throughput isn’t supported/);
    const unknown = await rejectionOf(runtime(admin).send(new ConverseCommand({ modelId: 'anthropic.nope-v1:0', messages })));
    assert.ok(unknown instanceof ValidationException);
  });

  it('encodes event-stream frames with valid prelude and message CRCs', () => {
    const frame = encodeEventStreamMessage({ ':event-type': 'chunk', ':message-type': 'event' }, Buffer.from('{"bytes":"e30="}'));
    const [decoded] = decodeEventStream(Buffer.concat([frame]));
    assert.deepEqual(decoded?.headers, { ':event-type': 'chunk', ':message-type': 'event' });
    assert.equal(decoded.payload.toString(), '{"bytes":"e30="}');
    assert.equal(frame.readUInt32BE(0), frame.length);
  });
});
