// The `application/vnd.amazon.eventstream` binary framing that InvokeModelWithResponseStream
// answers with. Each message:
//   total length (u32) | headers length (u32) | prelude CRC32 (u32) | headers | payload | message CRC32 (u32)
// where every header is: name length (u8) | name | value type (u8, 7 = string) | value length (u16) | value.
import { crc32 } from 'node:zlib';

const PRELUDE_LENGTH = 12;
const CRC_LENGTH = 4;
const STRING_TYPE = 7;

export function encodeEventStreamMessage(headers: Record<string, string>, payload: Buffer): Buffer {
  const headerParts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const part = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    let offset = part.writeUInt8(nameBytes.length, 0);
    offset += nameBytes.copy(part, offset);
    offset = part.writeUInt8(STRING_TYPE, offset);
    offset = part.writeUInt16BE(valueBytes.length, offset);
    valueBytes.copy(part, offset);
    headerParts.push(part);
  }
  const headerBytes = Buffer.concat(headerParts);
  const total = PRELUDE_LENGTH + headerBytes.length + payload.length + CRC_LENGTH;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, PRELUDE_LENGTH);
  payload.copy(message, PRELUDE_LENGTH + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - CRC_LENGTH)), total - CRC_LENGTH);
  return message;
}

/** A `chunk` event of InvokeModelWithResponseStream: `{"bytes":"<base64 of the model's JSON event>"}`. */
export function chunkEvent(modelEvent: unknown): Buffer {
  const bytes = Buffer.from(JSON.stringify(modelEvent), 'utf8').toString('base64');
  return encodeEventStreamMessage(
    { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' },
    Buffer.from(JSON.stringify({ bytes }), 'utf8'),
  );
}

/** A modelled in-stream exception, e.g. `throttlingException` (the union member name). */
export function exceptionEvent(exceptionType: string, message: string): Buffer {
  return encodeEventStreamMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    Buffer.from(JSON.stringify({ message }), 'utf8'),
  );
}

export interface DecodedEventStreamMessage {
  headers: Record<string, string>;
  payload: Buffer;
}

/** Decodes a buffer of whole messages, checking both CRCs (used by the emulator's own tests). */
export function decodeEventStream(data: Buffer): DecodedEventStreamMessage[] {
  const messages: DecodedEventStreamMessage[] = [];
  let offset = 0;
  while (offset < data.length) {
    const total = data.readUInt32BE(offset);
    const headersLength = data.readUInt32BE(offset + 4);
    const message = data.subarray(offset, offset + total);
    if (message.readUInt32BE(8) !== crc32(message.subarray(0, 8))) throw new Error('prelude CRC mismatch');
    if (message.readUInt32BE(total - CRC_LENGTH) !== crc32(message.subarray(0, total - CRC_LENGTH))) throw new Error('message CRC mismatch');
    const headers: Record<string, string> = {};
    let h = PRELUDE_LENGTH;
    while (h < PRELUDE_LENGTH + headersLength) {
      const nameLength = message.readUInt8(h);
      const name = message.toString('utf8', h + 1, h + 1 + nameLength);
      h += 1 + nameLength;
      const type = message.readUInt8(h);
      if (type !== STRING_TYPE) throw new Error(`unsupported header type ${type}`);
      const valueLength = message.readUInt16BE(h + 1);
      headers[name] = message.toString('utf8', h + 3, h + 3 + valueLength);
      h += 3 + valueLength;
    }
    messages.push({ headers, payload: Buffer.from(message.subarray(PRELUDE_LENGTH + headersLength, total - CRC_LENGTH)) });
    offset += total;
  }
  return messages;
}
