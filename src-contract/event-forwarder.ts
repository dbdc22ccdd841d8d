// Subscribes to the core's events and hands each one, checked against its
// schema, to a shell's sender (IPC `webContents.send`, an SSE stream, memory).
// An event that fails its schema is withheld and logged by name only.
import type { ContractLog } from './contract-log';
import { describeIssues } from './errors';
import { kithEvents, type KithApi, type KithEventName } from './kith-api';

export type EventSender = (event: KithEventName, payload: unknown) => void;

export const kithEventNames = Object.keys(kithEvents) as KithEventName[];

/** Forwards the named events (all by default); returns the function that stops forwarding them. */
export function forwardEvents(
  api: Pick<KithApi, 'events'>,
  send: EventSender,
  options: { events?: readonly KithEventName[]; log?: ContractLog } = {},
): () => void {
  const unsubscribes = (options.events ?? kithEventNames).map((event) =>
    api.events.on(event, (payload: unknown) => {
      const checked = kithEvents[event].safeParse(payload);
      if (!checked.success) {
        options.log?.error('A Kith event had an invalid payload; it was withheld', { event, issues: describeIssues(checked.error) });
        return;
      }
      send(event, checked.data);
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
