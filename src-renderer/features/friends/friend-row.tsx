import { memo } from 'react';
import type { FriendListRow } from '../../../src-contract/kith-api';
import { Avatar } from '../../ui/avatar';
import { ProviderMark } from '../../ui/provider-badge';
import { sourcePhrase } from './person-view';

/**
 * A row's picture is asked for once the row has stayed in view this long: the rows of a fast
 * scroll are replaced within a few tens of ms, and would each cost a request and a decode, on
 * the page's main thread for an SVG. (Typing a search holds them altogether: `picturesDue`.)
 */
const PICTURE_DELAY_MS = 150;

export interface FriendRowProps {
  friend: FriendListRow | undefined;
  index: number;
  setSize: number;
  idPrefix: string;
  /** Offset from the top of the list, in pixels. */
  start: number;
  height: number;
  /** The person the details view shows. */
  selected: boolean;
  /** Whether the search has settled (use-settled.ts): until then no picture is asked for. */
  picturesDue: boolean;
}

/**
 * One friend: accessible name = the friend's name, description = email, phone and the
 * account they came from. What people search for (the email and the phone) are both on
 * the row; the source says which account, not only which provider. A row whose page has
 * not arrived yet is a placeholder named "Loading…".
 */
export const FriendRow = memo(function FriendRow({ friend, index, setSize, idPrefix, start, height, selected, picturesDue }: FriendRowProps) {
  const common = {
    role: 'listitem',
    'data-index': index,
    tabIndex: -1,
    'aria-posinset': index + 1,
    'aria-setsize': setSize,
    // Position through the CSSOM (React's style prop), which a style-src CSP allows.
    style: { transform: `translateY(${start}px)`, height },
  } as const;
  if (!friend) {
    return (
      <div {...common} className="friend-row friend-row-placeholder" aria-label="Loading…" aria-busy="true">
        <span className="skeleton skeleton-avatar" aria-hidden="true" />
        <span className="friend-text" aria-hidden="true">
          <span className="skeleton skeleton-line" />
          <span className="skeleton skeleton-line skeleton-line-short" />
        </span>
      </div>
    );
  }
  const nameId = `${idPrefix}-${index}-name`;
  const metaId = `${idPrefix}-${index}-meta`;
  const sourceId = `${idPrefix}-${index}-source`;
  const details = [friend.primaryEmail?.value, friend.primaryPhone?.value].filter((value): value is string => Boolean(value));
  // One badge per account (a person can be in several; the row names each account once).
  const sources = friend.accounts;
  return (
    <div
      {...common}
      className={`friend-row${selected ? ' friend-row-selected' : ''}`}
      aria-labelledby={nameId}
      aria-describedby={`${metaId} ${sourceId}`}
      aria-current={selected || undefined}
    >
      <Avatar name={friend.name} url={friend.avatarUrl} pictureDelayMs={PICTURE_DELAY_MS} holdPicture={!picturesDue} />
      <span className="friend-text">
        <span className="friend-name" id={nameId}>
          {friend.name}
        </span>
        {details.length > 0 ? (
          <span className="friend-meta" id={metaId}>
            {details.map((value, i) => (
              // By place, as the rows themselves (row-keys.ts): the next person's email takes this one's span.
              <span key={i} className="friend-meta-item">
                {i > 0 ? <span aria-hidden="true"> · </span> : null}
                {i > 0 ? <span className="visually-hidden">, </span> : null}
                {value}
              </span>
            ))}
          </span>
        ) : (
          <span className="friend-meta friend-meta-empty" id={metaId}>
            No email or phone shared
          </span>
        )}
      </span>
      <span id={sourceId} className="friend-sources">
        <span className="visually-hidden">From {sources.map(sourcePhrase).join(' and ')}</span>
        {sources.map((source) => (
          <span key={source.accountId} className="provider-badge friend-source" aria-hidden="true">
            <ProviderMark provider={source.provider} />
            <span className="friend-source-name">{source.accountName}</span>
          </span>
        ))}
      </span>
    </div>
  );
});
