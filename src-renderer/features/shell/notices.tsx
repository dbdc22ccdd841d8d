import { useEffect } from 'react';
import { useAppStore, useStores } from '../../state/stores-context';
import { Banner } from '../../ui/banner';

const NOTICE_MS = 6000;

/** Confirmations ("Connected ...", "Disconnected ..."), each fading after a few seconds. */
export function Notices() {
  const notices = useAppStore('notices', (s) => s.notices);
  const { notices: store } = useStores();
  useEffect(() => {
    // Confirmations fade on their own; errors and warnings (something left to do) stay until dismissed.
    const timers = notices
      .filter((n) => n.tone === 'success' || n.tone === 'info')
      .map((n) => setTimeout(() => store.getState().dismiss(n.id), Math.max(0, n.createdAt + NOTICE_MS - Date.now())));
    return () => timers.forEach(clearTimeout);
  }, [notices, store]);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <Banner key={n.id} tone={n.tone} role={n.tone === 'error' ? 'alert' : 'status'} onDismiss={() => store.getState().dismiss(n.id)}>
          {n.text}
        </Banner>
      ))}
    </div>
  );
}
