import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Deterministic Claude Code–like transcripts for benchmarks: many project folders and
 * sessions, assistant responses split over several lines that share one message id and
 * request id (as Claude Code writes them), large tool results, resumed sessions that
 * copy earlier history into a new file (duplicates across files), sub-agent files,
 * `<synthetic>` messages, an unknown model and a few malformed lines.
 */
export interface SyntheticTranscriptOptions {
  readonly projectsDir: string;
  readonly targetBytes: number;
  readonly seed: number;
  /** Timestamps fall between `from` and `to`. */
  readonly from: Date;
  readonly to: Date;
}

export interface SyntheticTranscriptSummary {
  readonly files: number;
  readonly bytes: number;
  readonly lines: number;
  readonly malformedLines: number;
  readonly duplicatedResponses: number;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODELS: readonly (readonly [string, number])[] = [
  ['claude-sonnet-4-5-20250929', 0.55],
  ['claude-opus-4-6', 0.15],
  ['claude-haiku-4-5-20251001', 0.15],
  ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 0.1],
  ['claude-opus-4-1-20250805', 0.04],
  ['claude-mystery-9-20990101', 0.01],
];

const WORDS = 'the a function returns value when file test build error fix refactor module import export type interface const let await async promise string number array object map set config settings profile region token session cache cost'.split(' ');

export function writeSyntheticTranscripts(options: SyntheticTranscriptOptions): SyntheticTranscriptSummary {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const hex = (length: number): string => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const prose = (bytes: number): string => {
    const parts: string[] = [];
    let length = 0;
    while (length < bytes) {
      const word = pick(WORDS);
      parts.push(word);
      length += word.length + 1;
    }
    return parts.join(' ');
  };
  const chooseModel = (): string => {
    let roll = random();
    for (const [model, weight] of MODELS) {
      roll -= weight;
      if (roll <= 0) return model;
    }
    return MODELS[0]![0];
  };

  const span = options.to.getTime() - options.from.getTime();
  let bytes = 0;
  let lines = 0;
  let malformedLines = 0;
  let duplicatedResponses = 0;
  let files = 0;
  const finishedSessions: string[][] = [];
  const projects = Array.from({ length: 40 }, (_, index) => `-home-dev-work-project-${index.toString().padStart(2, '0')}`);

  const writeFile = (file: string, content: string[]): void => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = content.join('\n') + '\n';
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    lines += content.length;
    files++;
  };

  while (bytes < options.targetBytes) {
    const project = pick(projects);
    const sessionId = uuid();
    const cwd = `/home/dev/work/${project.slice(16)}`;
    const model = chooseModel();
    const oneHourCache = random() < 0.2;
    let time = options.from.getTime() + random() * span * 0.97;
    let parent: string | null = null;
    const content: string[] = [];
    const responseLines: string[] = [];

    // A resumed session starts with a copy of an earlier session's history.
    if (finishedSessions.length > 0 && random() < 0.12) {
      const earlier = pick(finishedSessions);
      const copied = earlier.slice(0, Math.floor(earlier.length * (0.3 + random() * 0.7)));
      content.push(...copied);
      duplicatedResponses += copied.filter((line) => line.includes('"usage"') && line.includes('"type":"assistant"')).length;
    }

    const turns = 20 + Math.floor(random() * 120);
    let context = 8_000 + Math.floor(random() * 12_000);
    for (let turn = 0; turn < turns; turn++) {
      time += 5_000 + random() * 120_000;
      const base = { parentUuid: parent, isSidechain: false, userType: 'external', cwd, sessionId, version: '2.1.197', gitBranch: 'main' };
      const userUuid = uuid();
      const toolResult = turn > 0 && random() < 0.7;
      const userMessage = toolResult
        ? { role: 'user', content: [{ tool_use_id: `toolu_${hex(24)}`, type: 'tool_result', content: prose(500 + Math.floor(random() * random() * 24_000)) }] }
        : { role: 'user', content: prose(40 + Math.floor(random() * 600)) };
      content.push(JSON.stringify({ ...base, type: 'user', message: userMessage, uuid: userUuid, timestamp: new Date(time).toISOString() }));
      parent = userUuid;

      time += 2_000 + random() * 30_000;
      const messageId = `msg_bdrk_${hex(24)}`;
      const requestId = `req_${hex(24)}`;
      const written = 200 + Math.floor(random() * 6_000);
      const read = Math.min(context, 185_000);
      context = Math.min(context + written + Math.floor(random() * 3_000), 180_000);
      const usage = {
        input_tokens: 1 + Math.floor(random() * 40),
        cache_creation_input_tokens: written,
        cache_read_input_tokens: read,
        cache_creation: oneHourCache ? { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: written } : { ephemeral_5m_input_tokens: written, ephemeral_1h_input_tokens: 0 },
        output_tokens: 20 + Math.floor(random() * 1_500),
        service_tier: 'standard',
      };
      const blocks = 1 + Math.floor(random() * 3);
      for (let block = 0; block < blocks; block++) {
        const uuidOfLine = uuid();
        const part =
          block === blocks - 1 && random() < 0.6
            ? { type: 'tool_use', id: `toolu_${hex(24)}`, name: pick(['Read', 'Edit', 'Bash', 'Write', 'Grep']), input: { file_path: `${cwd}/src/${pick(WORDS)}.ts`, content: prose(Math.floor(random() * random() * 8_000)) } }
            : { type: 'text', text: prose(50 + Math.floor(random() * 1_200)) };
        const line = JSON.stringify({
          ...base,
          parentUuid: parent,
          message: { id: messageId, type: 'message', role: 'assistant', model, content: [part], stop_reason: null, stop_sequence: null, usage },
          requestId,
          type: 'assistant',
          uuid: uuidOfLine,
          timestamp: new Date(time + block * 40).toISOString(),
        });
        content.push(line);
        responseLines.push(line);
        parent = uuidOfLine;
      }
      if (random() < 0.01) {
        content.push(JSON.stringify({ ...base, type: 'assistant', uuid: uuid(), timestamp: new Date(time).toISOString(), isApiErrorMessage: true, message: { id: uuid(), model: '<synthetic>', role: 'assistant', content: [{ type: 'text', text: 'API Error' }], usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } }));
      }
      if (random() < 0.004) {
        // A line cut short (a crash mid-write), then the session carried on.
        const victim = pick(responseLines);
        content.push(victim.slice(0, Math.floor(victim.length * random())));
        malformedLines++;
      }
    }
    const sessionFile = path.join(options.projectsDir, project, `${sessionId}.jsonl`);
    if (random() < 0.1) {
      // Sub-agent transcripts live beside the session, one folder down.
      const split = Math.floor(content.length * 0.8);
      writeFile(path.join(options.projectsDir, project, sessionId, 'subagents', `agent-${hex(8)}.jsonl`), content.slice(split));
      writeFile(sessionFile, content.slice(0, split));
    } else {
      writeFile(sessionFile, content);
    }
    finishedSessions.push(content);
    if (finishedSessions.length > 30) finishedSessions.shift();
  }
  return { files, bytes, lines, malformedLines, duplicatedResponses };
}
