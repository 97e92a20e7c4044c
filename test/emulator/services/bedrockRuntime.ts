// Bedrock runtime (client-bedrock-runtime, REST-JSON over HTTP/2): Converse, ConverseStream,
// InvokeModel and InvokeModelWithResponseStream with Anthropic Messages bodies. Replies are a
// few words of world.runtime.replyText, truncated to the requested max tokens (1 word = 1 token).
import { randomBytes } from 'node:crypto';
import { findProfile } from '../catalog';
import type { ProfileMatch } from '../catalog';
import { chunkEvent, encodeEventStreamMessage } from '../eventStream';
import { accessDenied, allows } from '../policy';
import type { EmulatorState } from '../state';
import { jsonResponse, ServiceError } from '../wire';
import type { EmulatorRequest, EmulatorResponse } from '../wire';
import { authenticateBedrock } from './bedrock';
import type { SignedCall } from './bedrock';
import type { ServiceContext } from './context';

const DEFAULT_REPLY = 'Hello from the Bedrock emulator.';
const INVALID_MODEL = 'The provided model identifier is invalid.';

const validation = (message: string) => new ServiceError('ValidationException', 400, message);

export function handleBedrockRuntime(ctx: ServiceContext, operation: string, req: EmulatorRequest): EmulatorResponse {
  const call = authenticateBedrock(ctx, req, 'bedrock-runtime');
  const modelId = req.label ?? '';
  const streaming = operation === 'InvokeModelWithResponseStream' || operation === 'ConverseStream';
  const target = authorizeInvoke(ctx.state, call, modelId, streaming ? 'bedrock:InvokeModelWithResponseStream' : 'bedrock:InvokeModel');
  const started = Date.now();
  switch (operation) {
    case 'Converse':
    case 'ConverseStream': {
      const request = parseConverse(req);
      const reply = replyFor(ctx.state, request.maxTokens, request.inputTokens);
      return operation === 'Converse' ? converse(reply, started) : converseStream(reply, started);
    }
    case 'InvokeModel':
    case 'InvokeModelWithResponseStream': {
      const request = parseAnthropic(req);
      const reply = replyFor(ctx.state, request.maxTokens, request.inputTokens);
      const model = responseModelId(target, modelId);
      return operation === 'InvokeModel' ? invokeModel(reply, model, started) : invokeModelStream(reply, model, started);
    }
    default:
      throw new ServiceError('UnknownOperationException', 404, `Unsupported operation ${operation}`);
  }
}

/**
 * Application profiles are reached through the `invoke` switch (ABAC on their tags); system
 * profiles and foundation models through `invokeSystemProfiles`. Foundation-model ids then
 * fail as on AWS: current Claude models have no on-demand throughput without a profile.
 */
function authorizeInvoke(state: EmulatorState, call: SignedCall, modelId: string, action: string): ProfileMatch {
  const { caller, region, policy } = call;
  const match = findProfile(state, caller, region, modelId);
  switch (match.kind) {
    case 'application':
      if (!allows(state.world, caller, policy.invoke, match.profile.tags)) throw accessDenied(caller, action, match.profile.arn);
      return match;
    case 'system':
      if (!allows(state.world, caller, policy.invokeSystemProfiles)) throw accessDenied(caller, action, match.arn);
      return match;
    case 'foundation-model':
      if (!allows(state.world, caller, policy.invokeSystemProfiles)) throw accessDenied(caller, action, match.arn);
      throw validation(
        `Invocation of model ID ${match.modelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
      );
    case 'none':
      if (match.resourceArn.includes(':application-inference-profile/') && !allows(state.world, caller, policy.invoke)) {
        throw accessDenied(caller, action, match.resourceArn);
      }
      throw validation(INVALID_MODEL);
  }
}

function responseModelId(target: ProfileMatch, requested: string): string {
  const arn = target.kind === 'application' ? target.profile.modelArns[0] : undefined;
  const fromArn = arn === undefined ? undefined : /foundation-model\/(.+)$/.exec(arn)?.[1];
  if (fromArn !== undefined) return fromArn;
  return target.kind === 'system' ? target.profile.modelId : requested;
}

interface Reply {
  words: string[];
  stopReason: 'end_turn' | 'max_tokens';
  inputTokens: number;
}

function replyFor(state: EmulatorState, maxTokens: number | undefined, inputTokens: number): Reply {
  const all = (state.world.runtime?.replyText ?? DEFAULT_REPLY).split(/\s+/).filter((w) => w !== '');
  const limit = maxTokens ?? all.length;
  return { words: all.slice(0, Math.max(0, limit)), stopReason: limit < all.length ? 'max_tokens' : 'end_turn', inputTokens };
}

/** A rough token count (4 characters per token) so usage numbers move with the prompt. */
function estimateTokens(value: unknown): number {
  return Math.max(1, Math.ceil(JSON.stringify(value ?? '').length / 4));
}

function parseBody(req: EmulatorRequest): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw validation('Malformed input request, please reformat your input and try again.');
}

function parseConverse(req: EmulatorRequest): { maxTokens: number | undefined; inputTokens: number } {
  const body = parseBody(req);
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw validation('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  const config = body.inferenceConfig as { maxTokens?: unknown } | undefined;
  const maxTokens = typeof config?.maxTokens === 'number' ? config.maxTokens : undefined;
  if (maxTokens !== undefined && maxTokens < 1) throw validation('The maximum tokens you requested must be at least 1.');
  return { maxTokens, inputTokens: estimateTokens([body.system, body.messages]) };
}

function parseAnthropic(req: EmulatorRequest): { maxTokens: number; inputTokens: number } {
  const body = parseBody(req);
  if (typeof body.max_tokens !== 'number') throw validation('Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.');
  if (!Array.isArray(body.messages)) throw validation('Malformed input request: #: required key [messages] not found, please reformat your input and try again.');
  if (body.anthropic_version === undefined) throw validation('Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.');
  return { maxTokens: body.max_tokens, inputTokens: estimateTokens([body.system, body.messages]) };
}

function converse(reply: Reply, started: number): EmulatorResponse {
  const outputTokens = reply.words.length;
  return jsonResponse(200, {
    output: { message: { role: 'assistant', content: [{ text: reply.words.join(' ') }] } },
    stopReason: reply.stopReason,
    usage: { inputTokens: reply.inputTokens, outputTokens, totalTokens: reply.inputTokens + outputTokens },
    metrics: { latencyMs: Math.max(1, Date.now() - started) },
  });
}

function event(eventType: string, payload: unknown): Buffer {
  return encodeEventStreamMessage(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    Buffer.from(JSON.stringify(payload), 'utf8'),
  );
}

function streamResponse(frames: Buffer[]): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-bedrock-content-type': 'application/json' },
    body: Buffer.alloc(0),
    frames,
  };
}

function converseStream(reply: Reply, started: number): EmulatorResponse {
  const outputTokens = reply.words.length;
  return streamResponse([
    event('messageStart', { role: 'assistant' }),
    ...reply.words.map((w, i) => event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: i === 0 ? w : ` ${w}` } })),
    event('contentBlockStop', { contentBlockIndex: 0 }),
    event('messageStop', { stopReason: reply.stopReason }),
    event('metadata', {
      usage: { inputTokens: reply.inputTokens, outputTokens, totalTokens: reply.inputTokens + outputTokens },
      metrics: { latencyMs: Math.max(1, Date.now() - started) },
    }),
  ]);
}

const messageId = () => `msg_bdrk_${randomBytes(12).toString('base64url')}`;

function invokeModel(reply: Reply, model: string, started: number): EmulatorResponse {
  const outputTokens = reply.words.length;
  const latency = Math.max(1, Date.now() - started);
  return jsonResponse(
    200,
    {
      id: messageId(),
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: reply.words.join(' ') }],
      stop_reason: reply.stopReason,
      stop_sequence: null,
      usage: { input_tokens: reply.inputTokens, output_tokens: outputTokens },
    },
    {
      'x-amzn-bedrock-input-token-count': String(reply.inputTokens),
      'x-amzn-bedrock-output-token-count': String(outputTokens),
      'x-amzn-bedrock-invocation-latency': String(latency),
    },
  );
}

/** The Anthropic streaming events, each wrapped as a base64 `chunk` event. */
function invokeModelStream(reply: Reply, model: string, started: number): EmulatorResponse {
  const outputTokens = reply.words.length;
  const events: unknown[] = [
    {
      type: 'message_start',
      message: {
        id: messageId(),
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: reply.inputTokens, output_tokens: 1 },
      },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ...reply.words.map((w, i) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: i === 0 ? w : ` ${w}` } })),
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: reply.stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } },
    {
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': {
        inputTokenCount: reply.inputTokens,
        outputTokenCount: outputTokens,
        invocationLatency: Math.max(1, Date.now() - started),
        firstByteLatency: 1,
      },
    },
  ];
  return streamResponse(events.map(chunkEvent));
}
