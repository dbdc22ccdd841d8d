import { memo, useId } from 'react';
import { useAppStore, useStores } from '../../state/stores-context';

/**
 * The friends search box. Every keystroke is searched at once (the core's word index answers
 * in a few ms); the friends store cancels the query it replaces, so fast typing never queues
 * a backlog. Its own component, bound to
 * the store's search, so a keystroke re-renders the box, not the page around it; and memo, so
 * the page's render for each keystroke's rows does not render it again.
 */
export const FriendSearchBox = memo(function FriendSearchBox() {
  const { friends } = useStores();
  const search = useAppStore('friends', (s) => s.search);
  const id = useId();
  return (
    <div className="field field-grow">
      <label htmlFor={id} className="visually-hidden">
        Search friends
      </label>
      <input
        id={id}
        type="search"
        placeholder="Search names, emails and phones"
        autoComplete="off"
        spellCheck={false}
        value={search}
        onChange={(event) => friends.getState().setSearch(event.target.value)}
      />
    </div>
  );
});
