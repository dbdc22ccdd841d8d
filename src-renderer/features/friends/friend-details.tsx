// A person's details: a side pane beside the list on wide windows, a page over it on
// narrow ones. Every email and phone with its label and where it came from, a Copy
// button for each (E and P copy the first email and phone while the view has focus),
// Email and Call, which the main process opens through Kith's URL gate, and every
// account the person is in, with when that account last synced.
import type { KeyboardEvent, Ref } from 'react';
import { formatLastSynced } from '../../lib/format';
import { Avatar } from '../../ui/avatar';
import { Button } from '../../ui/button';
import { ProviderBadge } from '../../ui/provider-badge';
import { useNow } from '../../ui/use-now';
import { fieldLabel, mergeExplanation, sourcePhrase, type PersonField, type PersonView } from './person-view';
import type { CopyState } from './use-copy';

export interface FriendDetailsProps {
  person: PersonView;
  index: number;
  total: number;
  layout: 'pane' | 'page';
  headingRef: Ref<HTMLHeadingElement>;
  copyState: CopyState;
  onCopy(field: PersonField): void;
  onOpenContact(field: PersonField): void;
  onMove(delta: -1 | 1): void;
  onClose(): void;
  onShortcut(event: KeyboardEvent<HTMLElement>): void;
}

export function FriendDetails(props: FriendDetailsProps) {
  const { person, index, total, layout, headingRef, copyState, onCopy, onOpenContact, onMove, onClose, onShortcut } = props;
  const now = useNow();
  const headingId = `friend-details-${layout}-title`;
  const sourceNames = (keys: readonly string[]) => [...new Set(person.sources.filter((s) => keys.includes(s.key)).map(sourcePhrase))];
  const merged = mergeExplanation(person);
  const onlyFacebook = person.sources.every((s) => s.provider === 'facebook');

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      onMove(event.key === 'ArrowDown' ? 1 : -1);
    } else {
      onShortcut(event);
    }
  };

  return (
    <section className={`friend-details friend-details-${layout}`} aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <div className="friend-details-bar">
        <Button variant="ghost" size="sm" onClick={onClose}>
          {layout === 'page' ? (
            <>
              <span aria-hidden="true">← </span>Back to friends
            </>
          ) : (
            'Close details'
          )}
        </Button>
        <span className="friend-details-position">
          {index + 1} of {total.toLocaleString('en-US')}
        </span>
        <Button variant="ghost" size="sm" aria-label="Previous person" aria-keyshortcuts="ArrowUp" disabled={index <= 0} onClick={() => onMove(-1)}>
          ↑
        </Button>
        <Button variant="ghost" size="sm" aria-label="Next person" aria-keyshortcuts="ArrowDown" disabled={index >= total - 1} onClick={() => onMove(1)}>
          ↓
        </Button>
      </div>

      <div className="friend-details-head">
        <Avatar name={person.name} url={person.avatarUrl} size="lg" />
        <h2 ref={headingRef} id={headingId} tabIndex={-1} className="friend-details-name">
          {person.name}
        </h2>
      </div>

      {person.fields.length > 0 ? (
        <ul className="friend-fields" aria-label={`${person.name}’s emails and phones`}>
          {person.fields.map((field) => {
            const key = `${field.kind}:${field.value}`;
            const copied = copyState.key === key;
            const what = fieldLabel(field);
            return (
              <li key={key} className="friend-field">
                <span className="friend-field-label">{what}</span>
                <span className="friend-field-value">{field.value}</span>
                <span className="friend-field-source">from {sourceNames(field.sourceKeys).join(' and ')}</span>
                <span className="friend-field-actions">
                  <Button
                    size="sm"
                    aria-label={`Copy ${what.toLowerCase()} ${field.value}`}
                    aria-keyshortcuts={isFirst(person, field) ? (field.kind === 'email' ? 'E' : 'P') : undefined}
                    onClick={() => onCopy(field)}
                  >
                    {copied ? (copyState.failed ? 'Not copied' : 'Copied') : 'Copy'}
                  </Button>
                  <Button size="sm" aria-label={`${field.kind === 'email' ? 'Email' : 'Call'} ${field.value}`} onClick={() => onOpenContact(field)}>
                    {field.kind === 'email' ? 'Email' : 'Call'}
                  </Button>
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="friend-details-none">
          {onlyFacebook
            ? // Graph API /me/friends gives a friend's id, name and picture, and only for friends who granted the app user_friends
              // (developers.facebook.com/docs/graph-api/reference/user/friends): there is no email or phone to show.
              'Facebook shares only the name and profile picture of friends who also use Kith: no email or phone.'
            : 'This contact has no email or phone.'}
        </p>
      )}

      <h3 className="friend-details-subtitle" id={`${headingId}-sources`}>
        Where this comes from
      </h3>
      <ul className="friend-sources-list" aria-labelledby={`${headingId}-sources`}>
        {person.sources.map((source) => (
          <li key={source.key} className="friend-source-item">
            <ProviderBadge provider={source.provider} compact />
            <span className="friend-source-account">{source.accountName}</span>
            <span className="friend-source-synced">{formatLastSynced(source.lastSyncedAt, now)}</span>
          </li>
        ))}
      </ul>
      {merged.length > 0 ? (
        <div className="friend-details-merge">
          <p>Kith shows these entries as one person because they share an email, a phone or (for a Facebook friend) the name.</p>
          {merged.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      ) : null}

      <p className="friend-details-keys" id={`${headingId}-keys`}>
        <kbd>E</kbd> copies the email, <kbd>P</kbd> the phone, <kbd>↑</kbd> <kbd>↓</kbd> move between people, <kbd>Esc</kbd> closes.
      </p>
      <p className="visually-hidden" role="status">
        {copyState.message}
      </p>
    </section>
  );
}

function isFirst(person: PersonView, field: PersonField): boolean {
  return person.fields.find((f) => f.kind === field.kind) === field;
}
