/** The host server no longer accepts this page's session cookie (401). */
export function SessionEnded() {
  return (
    <main className="session-ended" aria-labelledby="session-ended-title">
      <div className="session-ended-card card">
        <h1 id="session-ended-title">This Kith window’s session ended</h1>
        <p>
          Reopen the launch link from <code>kith serve</code>. It prints a fresh link each time it starts; the link works once, and this window
          can then be closed.
        </p>
      </div>
    </main>
  );
}
