import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface UsageFields {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export interface AssistantLineOptions {
  messageId?: string | undefined;
  requestId?: string | undefined;
  model?: string;
  timestamp: string;
  usage: UsageFields;
  text?: string;
}

/** An assistant line laid out the way Claude Code writes it (field order included). */
export function assistantLine(options: AssistantLineOptions): string {
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    userType: 'external',
    cwd: '/home/dev/project',
    sessionId: 'session-1',
    version: '2.1.197',
    message: {
      ...(options.messageId !== undefined ? { id: options.messageId } : {}),
      type: 'message',
      role: 'assistant',
      model: options.model ?? 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: options.text ?? 'Done: the "usage" of this function is shown below.' }],
      stop_reason: null,
      usage: options.usage,
    },
    ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
    type: 'assistant',
    uuid: `uuid-${options.messageId ?? 'none'}`,
    timestamp: options.timestamp,
  });
}

export function userLine(timestamp: string, text = 'please fix the build'): string {
  return JSON.stringify({ type: 'user', message: { role: 'user', content: text }, uuid: 'u', timestamp });
}

/** A temporary Claude config dir; `projects` is where transcripts go. */
export function temporaryClaudeDir(): { root: string; projects: string; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-test-'));
  const projects = path.join(root, 'projects');
  fs.mkdirSync(projects, { recursive: true });
  return { root, projects, cleanup: () => { fs.rmSync(root, { recursive: true, force: true }); } };
}

export function writeTranscript(projects: string, relative: string, lines: readonly string[], finalNewline = true): string {
  const file = path.join(projects, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : ''));
  return file;
}

/** 1M tokens of one kind make the per-million price the dollar amount. */
export const MILLION = 1_000_000;
