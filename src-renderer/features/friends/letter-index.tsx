// "Jump to" for long lists: the initials present in a name sort, each jumping to the
// first person under it. A strip of letters beside the list on wide windows, a menu on
// narrow ones. Offsets come from the core with the query's first page.
import { useId } from 'react';
import type { FriendPage } from '../../../src-contract/kith-api';

type Letters = NonNullable<FriendPage['letters']>;

export function LetterStrip({ letters, onJump }: { letters: Letters; onJump(offset: number): void }) {
  return (
    <nav className="letter-strip" aria-label="Jump to letter">
      <ul>
        {letters.map(({ letter, offset }) => (
          <li key={letter}>
            <button type="button" aria-label={`Jump to ${letter === '#' ? 'names not starting with a letter' : letter}`} onClick={() => onJump(offset)}>
              {letter}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function LetterMenu({ letters, onJump }: { letters: Letters; onJump(offset: number): void }) {
  const id = useId();
  return (
    <div className="field letter-menu">
      <label htmlFor={id} className="visually-hidden">
        Jump to letter
      </label>
      <select
        id={id}
        value=""
        onChange={(event) => {
          if (event.target.value !== '') onJump(Number(event.target.value));
        }}
      >
        <option value="">Jump to</option>
        {letters.map(({ letter, offset }) => (
          <option key={letter} value={offset}>
            {letter}
          </option>
        ))}
      </select>
    </div>
  );
}
