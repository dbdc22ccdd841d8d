/** The host server no longer accepts this page's session cookie (401). */
export function SessionEnded() {
  return (
    <main className="session-ended" aria-labelledby="session-ended-title">
      <div className="session-ended-card card">
        <h1 id="session-ended-title">This Kith window’s session ended</h1>
        <p>
          Reopen the launch link from <code>kith serve</code>. Each link works once: if yours is spent, restart <code>kith serve</code> to
          print a new one.
        </p>
      </div>
    </main>
  );
}
