// Settings → Passphrase: protect the key with a passphrase (offered first where
// protection is weak: a key file, which is also where the desktop app keeps it
// when safeStorage has only basic_text), change it, move the key back to the
// system's store (the OS keyring, or safeStorage in the desktop app) or a key
// file, and the idle auto-lock time.
// Passphrases live only in this form's state, cleared once sent.
import { useEffect, useState, type FormEvent } from 'react';
import { MIN_PASSPHRASE_LENGTH, type ProtectorChange, type VaultSettings } from '../../../src-contract/kith-api';
import { toErrorInfo } from '../../lib/error-words';
import { useAppStore, useStores } from '../../state/stores-context';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { keyHomeChoices, preferredKeyHome, type KeyHome } from './key-homes';

const IDLE_CHOICES: { value: number | null; label: string }[] = [
  { value: 5, label: '5 minutes' },
  { value: 15, label: '15 minutes' },
  { value: 30, label: '30 minutes' },
  { value: 60, label: '1 hour' },
  { value: 240, label: '4 hours' },
  { value: null, label: 'Never' },
];

type Mode = 'idle' | 'set' | 'change' | 'move';

export function VaultSettingsSection() {
  const stores = useStores();
  const status = useAppStore('status', (s) => s.status);
  const [settings, setSettings] = useState<VaultSettings | null>(null);
  const [mode, setMode] = useState<Mode>('idle');
  const [fields, setFields] = useState({ current: '', next: '', again: '' });
  const [target, setTarget] = useState<KeyHome>('key-file');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void stores.api.vault.settings({}).then(setSettings, () => setSettings(null));
  }, [stores.api]);

  const usesPassphrase = status?.vault.protector === 'passphrase';
  const offersPassphrase = settings?.protectors.some((p) => p.protector === 'passphrase' && p.available) ?? false;
  const homes = keyHomeChoices(settings?.protectors ?? []);
  const reset = (next: Mode) => {
    setMode(next);
    setFields({ current: '', next: '', again: '' });
    setTarget(preferredKeyHome(homes));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mode !== 'move' && fields.next !== fields.again) {
      setMessage({ tone: 'error', text: 'The two passphrases differ. Type the same one twice.' });
      return;
    }
    const current = usesPassphrase ? { currentPassphrase: fields.current } : {};
    const change: ProtectorChange = mode === 'move' ? { protector: target, ...current } : { protector: 'passphrase', passphrase: fields.next, ...current };
    setBusy(true);
    try {
      const result = await stores.api.vault.setProtector(change);
      setMessage({
        tone: 'success',
        text: `Done. The key is now protected by ${result.protection.backend}: ${result.protection.level === 'strong' ? 'strong' : 'weak'} protection.`,
      });
      reset('idle');
      void stores.status.getState().load();
      void stores.api.vault.settings({}).then(setSettings);
    } catch (error) {
      setMessage({ tone: 'error', text: toErrorInfo(error).message });
      setFields((f) => ({ ...f, current: '' }));
    } finally {
      setBusy(false);
    }
  };

  const chooseIdle = async (value: string) => {
    const idleLockMinutes = value === 'never' ? null : Number(value);
    try {
      setSettings(await stores.api.vault.setIdleLock({ idleLockMinutes }));
    } catch (error) {
      setMessage({ tone: 'error', text: toErrorInfo(error).message });
    }
  };

  const input = (id: keyof typeof fields, label: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`vault-${id}`}>{label}</label>
      <input
        id={`vault-${id}`}
        type="password"
        autoComplete={autoComplete}
        required
        minLength={id === 'current' ? 1 : MIN_PASSPHRASE_LENGTH}
        value={fields[id]}
        onChange={(event) => setFields((f) => ({ ...f, [id]: event.target.value }))}
      />
    </div>
  );

  if (settings && !offersPassphrase && !usesPassphrase) {
    return (
      <Card aria-labelledby="passphrase-title" className="settings-section">
        <h2 id="passphrase-title">Passphrase</h2>
        <p className="muted">This Kith keeps its key with your system’s password store, which has no passphrase of Kith’s own.</p>
      </Card>
    );
  }

  return (
    <Card aria-labelledby="passphrase-title" className="settings-section">
      <h2 id="passphrase-title">Passphrase</h2>
      {usesPassphrase ? (
        <p>Your key is protected by a passphrase. Kith asks for it when it starts and after it locks itself.</p>
      ) : (
        <p>
          A passphrase protects your key where no keyring does: Kith derives a key from it (scrypt) and asks for it at start.
          {status?.protection.level === 'weak' ? ' Your protection is weak now, so a passphrase is recommended.' : ''} If you forget it, Kith
          cannot read what it saved.
        </p>
      )}
      {message ? (
        <Banner tone={message.tone} role={message.tone === 'error' ? 'alert' : 'status'} onDismiss={() => setMessage(null)}>
          {message.text}
        </Banner>
      ) : null}
      {mode === 'idle' ? (
        <div className="vault-actions">
          {usesPassphrase ? (
            <>
              <Button onClick={() => reset('change')}>Change passphrase</Button>
              <Button onClick={() => reset('move')}>Stop using a passphrase</Button>
            </>
          ) : (
            <Button variant={status?.protection.level === 'weak' ? 'primary' : 'secondary'} onClick={() => reset('set')}>
              Protect with a passphrase
            </Button>
          )}
        </div>
      ) : (
        <form className="vault-settings-form" aria-label={mode === 'set' ? 'Set a passphrase' : mode === 'change' ? 'Change the passphrase' : 'Stop using a passphrase'} onSubmit={(e) => void submit(e)}>
          {usesPassphrase ? input('current', 'Current passphrase', 'current-password') : null}
          {mode === 'move' ? (
            <div className="field">
              <label htmlFor="vault-target">Keep the key in</label>
              <select id="vault-target" value={target} onChange={(event) => setTarget(event.target.value as KeyHome)}>
                {homes.map((home) => (
                  <option key={home.home} value={home.home} disabled={!home.available}>
                    {home.label}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <>
              {input('next', `New passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters)`, 'new-password')}
              {input('again', 'New passphrase again', 'new-password')}
            </>
          )}
          <div className="vault-actions">
            <Button type="submit" variant="primary" busy={busy}>
              {mode === 'set' ? 'Set passphrase' : mode === 'change' ? 'Change passphrase' : 'Move the key'}
            </Button>
            <Button onClick={() => reset('idle')}>Cancel</Button>
          </div>
        </form>
      )}
      {usesPassphrase && settings ? (
        <div className="field vault-settings-form">
          <label htmlFor="vault-idle">Lock Kith when it is not used for</label>
          <select id="vault-idle" value={settings.idleLockMinutes === null ? 'never' : String(settings.idleLockMinutes)} onChange={(event) => void chooseIdle(event.target.value)}>
            {[...IDLE_CHOICES, ...(IDLE_CHOICES.some((c) => c.value === settings.idleLockMinutes) ? [] : [{ value: settings.idleLockMinutes, label: `${settings.idleLockMinutes} minutes` }])].map((choice) => (
              <option key={choice.label} value={choice.value === null ? 'never' : String(choice.value)}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </Card>
  );
}
