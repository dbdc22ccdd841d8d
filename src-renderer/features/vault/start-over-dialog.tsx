import { VAULT_RESET_STEPS } from '../../../src-contract/kith-api';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import type { VaultStore } from './vault-store';

/** The confirmation before vault.reset: every consequence listed, in words, before the button that does it. */
export function StartOverDialog({ open, busy, store, onClose, onOpened }: { open: boolean; busy: boolean; store: VaultStore; onClose: () => void; onOpened: () => void }) {
  const onConfirm = () =>
    void store
      .getState()
      .startOver()
      .then((done) => {
        onClose();
        if (done) onOpened();
      });
  return (
    <Dialog
      open={open}
      title="Start over with a new key?"
      tone="danger"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Keep things as they are</Button>
          <Button variant="danger" busy={busy} onClick={onConfirm}>
            Start over
          </Button>
        </>
      }
    >
      <p>Do this only if the old key is lost for good. What happens:</p>
      <ul className="vault-steps">
        {VAULT_RESET_STEPS.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
    </Dialog>
  );
}
