import { EverywhereReceipt } from '../settings/disconnect-everywhere';

/** The host server no longer accepts this page's session cookie (401). */
export function SessionEnded() {
  return (
    <main className="session-ended" aria-labelledby="session-ended-title">
      <div className="session-ended-card card">
        <h1 id="session-ended-title">This Kith window’s session ended</h1>
        <EverywhereReceipt />
        <p>Open the newest link that kith serve printed in its terminal. Each link works once, for a few minutes.</p>
        <p>
          For a new link, restart it: press Ctrl+C in that terminal, then run <code>npx kith serve --open</code>, which prints a fresh link and
          opens it. If you started the demo, run <code>npm run demo</code> again instead.
        </p>
      </div>
    </main>
  );
}
