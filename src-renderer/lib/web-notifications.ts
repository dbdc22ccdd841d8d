// The browser's Notification API, for the host shell: whether it exists here,
// what the person allowed, asking (only ever from a button press, as browsers
// expect: a permission prompt on load is what people learn to block), and
// showing one. Electron's window never uses it: its main process shows system
// notifications itself.
export type WebNotificationPermission = 'granted' | 'denied' | 'default' | 'unsupported';

function api(): typeof Notification | null {
  return typeof globalThis.Notification === 'function' ? globalThis.Notification : null;
}

export function webNotificationPermission(): WebNotificationPermission {
  return api()?.permission ?? 'unsupported';
}

export async function askWebNotificationPermission(): Promise<WebNotificationPermission> {
  const Api = api();
  if (!Api) return 'unsupported';
  return Api.requestPermission();
}

/** Shows one when allowed; a tag replaces an earlier one of the same cause instead of stacking. */
export function showWebNotification(title: string, body: string, tag: string): boolean {
  const Api = api();
  if (!Api || Api.permission !== 'granted') return false;
  const shown = new Api(title, { body, tag });
  shown.onclick = () => {
    window.focus();
    shown.close();
  };
  return true;
}
