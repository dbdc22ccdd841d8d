// The person the details view shows, read with `friends.get`: the list's rows carry only
// what a row shows (`shape: 'row'`), about a third of a whole person's bytes (11 KB against 32 KB for 30 rows), since every keystroke of a
// search waits for its page. The person shown stays on screen while the next one loads (the
// arrow keys move on faster than an answer comes back), and is read again when its row is
// (a sync refetched its page).
import { useEffect, useState } from 'react';
import type { FriendListRow, FriendView } from '../../../src-contract/kith-api';
import { errorWords, toErrorInfo } from '../../lib/error-words';
import { useStores } from '../../state/stores-context';
import { personFromFriend, type PersonView } from './person-view';

/**
 * `row`: the row in focus while the details are open (undefined while its page loads);
 * `open`: whether they are. Closed, nothing is held: opening another row never shows the last one.
 */
export function usePersonDetails(row: FriendListRow | undefined, open: boolean, view: FriendView): PersonView | null {
  const { api, notices } = useStores();
  const [shown, setShown] = useState<PersonView | null>(null);
  if (!open && shown !== null) setShown(null);
  useEffect(() => {
    if (!open || !row) return;
    let wanted = true;
    api.friends.get({ id: row.id, view }).then(
      (friend) => {
        // Null: no account holds the person any more (a sync removed them); the list will follow.
        if (wanted && friend) setShown(personFromFriend(friend));
      },
      (cause: unknown) => {
        if (!wanted) return;
        const words = errorWords(toErrorInfo(cause), { action: 'load' }) ?? 'Kith could not read them.';
        notices.getState().push({ key: 'friend-details', tone: 'error', text: `Details of ${row.name}: ${words}` });
      },
    );
    return () => {
      wanted = false;
    };
  }, [api, notices, row, open, view]);
  return open ? shown : null;
}
