// `kith serve`'s core as the host server sees it, with every call marked as
// work for the idle clean-up (idle-cleanup.ts): running from its start until it
// settles. A sync the core starts on its own (the periodic one) is marked by its
// progress events; what it does afterwards (the people index made and saved) the
// clean-up waits for through the core's idle().
import { kithMethodGroups, type KithHandlers } from '../../../src-contract/kith-api';
import type { IdleCleanup } from './idle-cleanup';

type Handler = (input?: unknown) => Promise<unknown>;

export function coreNotingWork<Core extends KithHandlers>(core: Core, cleanup: Pick<IdleCleanup, 'during' | 'touch'>): { core: Core; stop(): void } {
  const groups = kithMethodGroups((method) => {
    const [groupName, name] = method.split('.') as [string, string];
    const group = (core as unknown as Record<string, Record<string, Handler>>)[groupName]!;
    const handler = group[name]!;
    return (input?: unknown) => cleanup.during(() => handler.call(group, input));
  });
  const stop = core.events.on('syncProgress', () => cleanup.touch());
  return { core: { ...core, ...(groups as unknown as Partial<Core>) }, stop };
}
