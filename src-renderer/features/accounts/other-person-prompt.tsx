import { useShallow } from 'zustand/react/shallow';
import { firstName } from '../../lib/access-words';
import { providerName } from '../../../src-contract/provider-names';
import { useAppStore, useStores } from '../../state/stores-context';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';

/**
 * A reconnect answered by someone else ("Ada Lovelace signed in, not Alan Turing"): Kith
 * changed nothing and holds the sign-in until the person chooses what to do with it.
 */
export function OtherPersonPrompt() {
  const stores = useStores();
  const { otherPerson, busy } = useAppStore('login', useShallow((s) => ({ otherPerson: s.otherPerson, busy: s.connecting !== null })));
  if (!otherPerson) return null;
  const { signedIn, expected, provider } = otherPerson;
  const choose = (choice: 'add' | 'retry' | 'discard') => void stores.login.getState().resolveOtherPerson(choice);
  return (
    <Banner
      tone="warning"
      role="alert"
      title={`${signedIn.displayName} signed in, not ${expected.displayName}`}
      actions={
        <>
          <Button size="sm" variant="primary" onClick={() => choose('add')} disabled={busy}>
            Add {firstName(signedIn.displayName)} as a new account
          </Button>
          <Button size="sm" onClick={() => choose('retry')} disabled={busy}>
            Try again
          </Button>
          <Button size="sm" variant="ghost" onClick={() => choose('discard')} disabled={busy}>
            Cancel
          </Button>
        </>
      }
    >
      Kith left {expected.displayName}’s account as it was and kept nothing from this sign-in
      {signedIn.email ? ` (${signedIn.email})` : ''}. To reconnect {expected.displayName}, try again and choose their account at{' '}
      {providerName(provider)}.
    </Banner>
  );
}
