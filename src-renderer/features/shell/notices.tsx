import { fades } from '../../state/notices-store';
import { useAppStore, useStores } from '../../state/stores-context';
import { Toast } from '../../ui/toast';
import { OfflineToast } from './offline-toast';

/** How long a confirmation stays; hovering or focusing it pauses the fade. */
export const NOTICE_FADE_MS = 6_000;

/**
 * The toasts in the window's corner: fixed, so they never move the page, in one live region
 * that exists before any toast does, so screen readers announce what appears in it.
 */
export function Notices() {
  const notices = useAppStore('notices', (s) => s.notices);
  const { notices: store } = useStores();
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      <OfflineToast />
      {notices.map((n) => (
        <Toast
          key={n.id}
          tone={n.tone}
          count={n.count}
          restartKey={n.pushedAt}
          {...(fades(n.tone) ? { fadeAfterMs: NOTICE_FADE_MS } : {})}
          onDismiss={() => store.getState().dismiss(n.id)}
        >
          {n.text}
        </Toast>
      ))}
    </section>
  );
}
