// The core's notifications in the window: a toast always (one per cause, by
// tag), and in the host shell also a browser notification when the person
// allowed them, Kith's setting is on (`show`), and the page is not in front
// (a toast is enough when it is). Electron's main process shows its own.
import { useEffect } from 'react';
import type { KithNotification, KithStatus } from '../../../src-contract/kith-api';
import type { NoticeInput } from '../../state/notices-store';
import { showWebNotification } from '../../lib/web-notifications';
import { useStores } from '../../state/stores-context';

const tones: Record<KithNotification['kind'], 'success' | 'warning'> = {
  revocation_confirmed: 'success',
  revocation_failed: 'warning',
  grant_lapsing: 'warning',
};

/** The toast for a notification: one per cause, a success fades, a warning stays until dismissed. */
export function noticeFor(event: KithNotification): NoticeInput {
  return { key: `notification:${event.tag}`, text: `${event.title}. ${event.body}`, tone: tones[event.kind] };
}

/** A browser notification only in the host shell, with Kith's setting on, while the page is not in front. */
export function wantsWebNotification(event: Pick<KithNotification, 'show'>, shell: KithStatus['shell'] | null, visibility: DocumentVisibilityState): boolean {
  return shell === 'host' && event.show && visibility === 'hidden';
}

export function useNotificationEvents(): void {
  const stores = useStores();
  useEffect(
    () =>
      stores.api.events.on('notification', (event) => {
        stores.notices.getState().push(noticeFor(event));
        if (wantsWebNotification(event, stores.status.getState().status?.shell ?? null, document.visibilityState)) showWebNotification(event.title, event.body, event.tag);
      }),
    [stores],
  );
}
