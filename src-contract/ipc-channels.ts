// IPC channel names, derived from the contract: one invoke channel per method
// and one send channel per event. Shared by ipc.ts (main) and the preload.
import type { KithEventName, KithMethodName } from './kith-api';

export function methodChannel(method: KithMethodName): string {
  return `kith:call:${method}`;
}

export function eventChannel(event: KithEventName): string {
  return `kith:event:${event}`;
}
