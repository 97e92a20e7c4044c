// The contract between the server and a service module.
import type { EmulatorState } from '../state';
import type { EmulatorRequest, EmulatorResponse } from '../wire';

export interface ServiceContext {
  state: EmulatorState;
  requestId: string;
  /** Who made the call, for the request log: a user name, API key or client name, never a secret. */
  setCaller(label: string): void;
}

export type ServiceHandler = (ctx: ServiceContext, operation: string, req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;
