import { useState } from 'react';
import type { DisconnectEverywherePlan } from '../../../src-contract/kith-api';
import { errorWords, toErrorInfo } from '../../lib/error-words';
import { useAppStore, useStores } from '../../state/stores-context';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Dialog } from '../../ui/dialog';
import { useNow } from '../../ui/use-now';
import { Receipt } from './disconnect-history';
import { everywhereLines } from './everywhere-words';

/**
 * Settings → Disconnect everywhere: the confirmation lists every grant, cache, script token and
 * session that will end (accounts.planDisconnectEverywhere); confirming ends them all and leaves
 * a receipt in History.
 */
export function DisconnectEverywhereSection() {
  const stores = useStores();
  const shell = useAppStore('status', (s) => s.status?.shell ?? null);
  const [plan, setPlan] = useState<DisconnectEverywherePlan | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = (error: unknown) =>
    stores.notices.getState().push({ key: 'disconnect-everywhere-failed', text: errorWords(toErrorInfo(error), { action: 'disconnect' }) ?? 'Disconnect everywhere failed.', tone: 'error' });

  const open = async () => {
    try {
      setPlan(await stores.api.accounts.planDisconnectEverywhere({}));
    } catch (error) {
      notify(error);
    }
  };
  const confirm = async () => {
    setBusy(true);
    try {
      const receipt = await stores.api.accounts.disconnectEverywhere({});
      stores.history.getState().rememberEverywhere(receipt);
      setPlan(null);
      stores.notices.getState().push({ key: 'disconnected', text: 'Disconnected everywhere. The receipt is in History below.', tone: 'success' });
      void stores.accounts.getState().load();
      void stores.status.getState().load();
      stores.friends.getState().refresh();
    } catch (error) {
      setPlan(null);
      notify(error);
    } finally {
      setBusy(false);
    }
  };

  const lines = plan ? everywhereLines(plan, shell) : null;
  return (
    <Card aria-labelledby="everywhere-title" className="settings-section">
      <h2 id="everywhere-title">Disconnect everywhere</h2>
      <p className="muted">Revokes every account’s access at its provider, deletes everything Kith keeps for them here, and ends every script token and browser session. You will see the list first.</p>
      <div className="receipt-actions">
        <Button variant="danger" onClick={() => void open()}>
          Disconnect everywhere…
        </Button>
      </div>
      <Dialog
        open={plan !== null}
        title="Disconnect everywhere?"
        tone="danger"
        onClose={() => (busy ? undefined : setPlan(null))}
        footer={
          <>
            <Button onClick={() => setPlan(null)} autoFocus>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => (busy ? undefined : void confirm())} aria-disabled={busy || undefined} busy={busy}>
              Disconnect everywhere
            </Button>
          </>
        }
      >
        {lines ? (
          <div className="everywhere-plan">
            <h3>At the providers</h3>
            {lines.providers.length > 0 ? (
              <ul aria-label="Grants to revoke">
                {lines.providers.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">No accounts are connected.</p>
            )}
            <h3>Deleted on this computer</h3>
            {lines.here.length > 0 ? (
              <ul aria-label="Deleted on this computer">
                {lines.here.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">Nothing is cached.</p>
            )}
            <h3>Script access that ends</h3>
            {lines.scripts.length > 0 ? (
              <ul aria-label="Script tokens that end">
                {lines.scripts.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">No script tokens.</p>
            )}
            {lines.sessions ? (
              <>
                <h3>Sessions that end</h3>
                <p>{lines.sessions}</p>
              </>
            ) : null}
            <p className="muted">Providers that cannot be reached are asked again until they confirm; History keeps the receipt.</p>
          </div>
        ) : null}
      </Dialog>
    </Card>
  );
}

/**
 * On the page that says this window's session ended: the receipt of the disconnect everywhere
 * that ended it, if this page made one (the host shell's session ends with everything else).
 */
export function EverywhereReceipt() {
  const receipt = useAppStore('history', (s) => s.everywhere);
  const now = useNow();
  if (!receipt) return null;
  return (
    <section aria-labelledby="everywhere-receipt-title" className="everywhere-receipt">
      <h2 id="everywhere-receipt-title">Disconnected everywhere</h2>
      <p>This window’s session ended with everything else. The receipt stays in Settings → History, where the next window shows each provider’s confirmation.</p>
      <Receipt receipt={receipt} now={now} />
    </section>
  );
}
