// The emulator's record of AWS calls, for assertions like "Cost Explorer was called once".
// Only names and outcomes are kept: never a token, secret, body or header value.
import type { FaultKind } from './faults';
import type { ServiceName } from './wire';

export interface RequestRecord {
  seq: number;
  /** ISO time on the emulator clock. */
  time: string;
  service: ServiceName;
  operation: string;
  /** 0 when the connection was reset by a fault. */
  status: number;
  durationMs: number;
  /** user name, `user@account/role`, `api-key:<name>` or `client:<name>`. */
  caller?: string;
  /** The AWS error code when the answer was an error. */
  errorCode?: string;
  /** The resource named in the path (a model id or inference-profile ARN for Bedrock), so tests can see which profile was invoked. */
  resource?: string;
  fault?: FaultKind | 'rate-limit';
  httpVersion: string;
}

export class RequestLog {
  private records: RequestRecord[] = [];
  private seq = 0;

  add(record: Omit<RequestRecord, 'seq'>): void {
    this.records.push({ seq: ++this.seq, ...record });
  }

  all(): RequestRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  count(operation?: string): number {
    return operation === undefined ? this.records.length : this.records.filter((r) => r.operation === operation).length;
  }

  reset(): void {
    this.records = [];
  }
}
