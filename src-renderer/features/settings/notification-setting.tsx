import { useEffect, useState } from 'react';
import { errorWords, toErrorInfo } from '../../lib/error-words';
import { askWebNotificationPermission, webNotificationPermission, type WebNotificationPermission } from '../../lib/web-notifications';
import { useAppStore, useStores } from '../../state/stores-context';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';

const permissionWords: Record<WebNotificationPermission, string> = {
  granted: 'This browser shows Kith’s notifications while the Kith tab is in the background.',
  default: 'This browser asks before it shows notifications. Until you allow them, Kith tells you in this window only.',
  denied: 'This browser blocks notifications from Kith. To allow them, change the notification permission in the site settings of this address.',
  unsupported: 'This browser cannot show notifications; Kith tells you in this window.',
};

/**
 * Settings → System notifications: Kith's switch for system notifications (kept in the core, so the
 * Electron main process reads the same one) and, in the host shell, the browser's permission,
 * asked for only when the person presses the button.
 */
export function NotificationSetting() {
  const stores = useStores();
  const shell = useAppStore('status', (s) => s.status?.shell ?? null);
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [permission, setPermission] = useState<WebNotificationPermission>(() => webNotificationPermission());
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    stores.api.notifications.get({}).then(
      (settings) => live && setEnabled(settings.enabled),
      (error: unknown) => live && setProblem(errorWords(toErrorInfo(error), { action: 'load' }) ?? 'Could not load the notification setting.'),
    );
    return () => {
      live = false;
    };
  }, [stores]);

  const change = async (next: boolean) => {
    setEnabled(next);
    try {
      setEnabled((await stores.api.notifications.set({ enabled: next })).enabled);
      setProblem(null);
    } catch (error) {
      setEnabled(!next);
      setProblem(errorWords(toErrorInfo(error), {}) ?? 'Could not save the notification setting.');
    }
  };

  return (
    <Card aria-labelledby="notifications-title" className="settings-section">
      <h2 id="notifications-title">System notifications</h2>
      <label className="setting-toggle">
        <input type="checkbox" checked={enabled ?? false} disabled={enabled === null} onChange={(e) => void change(e.currentTarget.checked)} />
        <span>
          <span className="setting-toggle-name">Notify me outside this window</span>
          <span className="setting-toggle-hint">Before a connection lapses, and when a disconnect Kith had to retry is confirmed or fails.</span>
        </span>
      </label>
      {shell === 'host' ? (
        <div className="web-notifications">
          <p className="muted">{permissionWords[permission]}</p>
          {permission === 'default' ? (
            <Button size="sm" onClick={() => void askWebNotificationPermission().then(setPermission)} disabled={enabled === false}>
              Allow browser notifications
            </Button>
          ) : null}
        </div>
      ) : null}
      {problem ? <p role="alert">{problem}</p> : null}
    </Card>
  );
}
