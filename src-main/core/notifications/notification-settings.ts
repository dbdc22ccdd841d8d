// The person's notification setting, and which lapse warnings were already
// given (so a restart does not repeat them). A small document of its own,
// read by both shells' cores: Electron's main process decides on its system
// notifications, the host shell's page on the browser's, from the same switch.
import { z } from 'zod';
import type { NotificationSettings } from '../../../src-contract/kith-api';
import { defineDocument, type TypedDocumentStore } from '../storage/typed-document-store';

const epochMs = z.number().int().nonnegative();

export const notificationSettingsDocument = defineDocument(
  'notification-settings',
  z
    .object({
      version: z.literal(1),
      enabled: z.boolean(),
      /** Per account: the grant end a warning was given for, and how close it was (the warning's index). */
      lapseWarned: z.record(z.string(), z.object({ reconnectBy: epochMs, stage: z.number().int().nonnegative() }).strict()),
    })
    .strict(),
);
type Contents = z.infer<typeof notificationSettingsDocument.schema>;

const fresh = (): Contents => ({ version: 1, enabled: true, lapseWarned: {} });

export interface NotificationSettingsStore {
  get(): Promise<NotificationSettings>;
  set(settings: NotificationSettings): Promise<NotificationSettings>;
  /** Records a lapse warning unless one as close was already given for this grant end; resolves whether to give it. */
  claimLapseWarning(accountId: string, reconnectBy: number, stage: number): Promise<boolean>;
}

export function createNotificationSettings(documents: TypedDocumentStore): NotificationSettingsStore {
  return {
    async get() {
      return { enabled: (await documents.readOr(notificationSettingsDocument, fresh)).value.enabled };
    },
    async set({ enabled }) {
      await documents.update(notificationSettingsDocument, fresh, (doc) => {
        const changed = doc.enabled !== enabled;
        doc.enabled = enabled;
        return { result: undefined, changed };
      });
      return { enabled };
    },
    claimLapseWarning(accountId, reconnectBy, stage) {
      return documents.update(notificationSettingsDocument, fresh, (doc) => {
        const given = doc.lapseWarned[accountId];
        if (given && given.reconnectBy === reconnectBy && given.stage >= stage) return { result: false, changed: false };
        doc.lapseWarned[accountId] = { reconnectBy, stage };
        return { result: true, changed: true };
      });
    },
  };
}
