import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../ui/button';
import { StartOverDialog } from './start-over-dialog';
import type { VaultStore } from './vault-store';

/** At start, and after the idle auto-lock: the passphrase, and the way out if it is lost. */
export function UnlockScreen({ store, onOpened }: { store: VaultStore; onOpened: () => void }) {
  const { busy, error, wasOpen } = useStore(store);
  const [passphrase, setPassphrase] = useState('');
  const [confirming, setConfirming] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (error) input.current?.select();
  }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase || busy) return;
    const opened = await store.getState().unlock(passphrase);
    // The passphrase leaves the page's memory as soon as it has been used.
    setPassphrase('');
    if (opened) onOpened();
  };

  return (
    <main className="vault-screen" aria-labelledby="unlock-title">
      <div className="vault-card card">
        <h1 id="unlock-title">Kith is locked</h1>
        <p>
          {wasOpen
            ? 'Kith locked itself after a while without use, so nobody at this computer can read your accounts. Enter your passphrase to carry on.'
            : 'Your saved sign-ins and contacts are protected by a passphrase. Enter it to unlock Kith.'}
        </p>
        <form className="vault-form" onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor="unlock-passphrase">Passphrase</label>
            <input
              ref={input}
              id="unlock-passphrase"
              type="password"
              autoComplete="current-password"
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
          </div>
          {error ? (
            <p id={errorId} className="vault-error" role="alert">
              {error.message}
            </p>
          ) : null}
          <Button type="submit" variant="primary" busy={busy} disabled={!passphrase}>
            Unlock
          </Button>
        </form>
        <p className="muted">
          Lost the passphrase? Without it Kith cannot read what it saved.{' '}
          <button type="button" className="link-button" onClick={() => setConfirming(true)}>
            Start over…
          </button>
        </p>
      </div>
      <StartOverDialog open={confirming} busy={busy} store={store} onClose={() => setConfirming(false)} onOpened={onOpened} />
    </main>
  );
}
