import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { VaultLockReason } from '../../../src-contract/kith-api';
import { Button } from '../../ui/button';
import { StartOverDialog } from './start-over-dialog';
import type { VaultStore } from './vault-store';

const TITLES: Record<Exclude<VaultLockReason, 'passphrase-required'>, string> = {
  'key-missing': 'Kith’s key is missing',
  'key-changed': 'Kith’s key was replaced',
  'key-damaged': 'Kith’s key is damaged',
  'keyring-unavailable': 'Your keyring did not answer',
  'backend-changed': 'Your system’s password store changed',
};

const WHAT_TO_DO: Record<Exclude<VaultLockReason, 'passphrase-required'>, string> = {
  'key-missing': 'If you have the key (a backup of the key file, or the keyring entry), put it back and choose Try again.',
  'key-changed': 'Put the original key back (the file or keyring entry from before) and choose Try again.',
  'key-damaged': 'Restore the key from a backup and choose Try again.',
  'keyring-unavailable': 'Unlock or start your keyring (GNOME Keyring, KWallet, the macOS Keychain), then choose Try again.',
  'backend-changed':
    'Start Kith where the password store named above answers again (the same computer and desktop session, with that keyring running, such as GNOME Keyring or KWallet), then choose Try again.',
};

/** A vault Kith cannot open: why, in words; that nothing was deleted; and what the person can do. */
export function LockedScreen({ store, onOpened }: { store: VaultStore; onOpened: () => void }) {
  const { vault, busy, error } = useStore(store);
  const [confirming, setConfirming] = useState(false);
  const [checking, setChecking] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const reason = vault?.reason && vault.reason !== 'passphrase-required' ? vault.reason : 'key-missing';

  const tryAgain = async () => {
    setChecking(true);
    await store.getState().load();
    setChecking(false);
    if (store.getState().vault?.state === 'open') onOpened();
  };

  return (
    <main className="vault-screen" aria-labelledby="locked-title">
      <div className="vault-card card">
        <h1 id="locked-title" ref={heading} tabIndex={-1}>
          {TITLES[reason]}
        </h1>
        <p className="vault-reason">{vault?.message}</p>
        <p>
          <strong>Nothing was deleted or overwritten.</strong> Your accounts, saved sign-ins and contacts are still on this computer, locked with
          the old key.
        </p>
        <p>{WHAT_TO_DO[reason]}</p>
        {error ? (
          <p className="vault-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <div className="vault-actions">
          <Button variant="primary" busy={checking} onClick={() => void tryAgain()}>
            Try again
          </Button>
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Start over…
          </Button>
        </div>
      </div>
      <StartOverDialog open={confirming} busy={busy} store={store} onClose={() => setConfirming(false)} onOpened={onOpened} />
    </main>
  );
}
