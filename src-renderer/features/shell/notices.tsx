import { useEffect } from 'react';
import { useAppStore, useStores } from '../../state/stores-context';
import { Banner } from '../../ui/banner';

const NOTICE_MS = 8000;

/** Confirmations ("Connected ...", "Disconnected ..."), each fading after a few seconds. */
export function Notices() {
  const notices = useAppStore('notices', (s) => s.notices);
  const { notices: store } = useStores();
  useEffect(() => {
    if (notices.length === 0) return undefined;
    const oldest = notices[0];
    if (!oldest || oldest.tone === 'error') return undefined;
    const timer = setTimeout(() => store.getState().dismiss(oldest.id), NOTICE_MS);
    return () => clearTimeout(timer);
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
