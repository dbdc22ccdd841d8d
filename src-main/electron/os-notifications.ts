// System notifications in the Electron shell: the core's `notification` events
// (a grant about to lapse, a queued revocation confirmed or given up) shown
// with Electron's main-process Notification, when the person's setting allows
// (`show`) and the platform supports them; clicking one brings the window up.
// The window shows its own toast for the same event either way. Main-process
// notifications appear only once show() is called
// (electronjs.org/docs/tutorial/notifications, "Show notifications in the main process").
import { Notification } from 'electron';
import type { KithApi } from '../../src-contract/kith-api';
import type { Logger } from '../core/ports';

export interface OsNotificationsDeps {
  events: KithApi['events'];
  log: Pick<Logger, 'warn'>;
  /** Brings Kith's window to the front (opens it if it was closed). */
  showWindow(): void;
}

/** Starts showing notifications; returns the function that stops. */
export function showOsNotifications(deps: OsNotificationsDeps): () => void {
  // Kept until closed or clicked: a notification that is garbage-collected may vanish from the tray.
  const live = new Map<string, Notification>();
  return deps.events.on('notification', (event) => {
    if (!event.show || !Notification.isSupported()) return;
    try {
      live.get(event.tag)?.close();
      const notification = new Notification({ title: event.title, body: event.body });
      notification.on('click', () => {
        live.delete(event.tag);
        deps.showWindow();
      });
      notification.on('close', () => live.delete(event.tag));
      live.set(event.tag, notification);
      notification.show();
    } catch (error) {
      deps.log.warn('could not show a system notification', { error: error instanceof Error ? error.name : 'unknown' });
    }
  });
}
