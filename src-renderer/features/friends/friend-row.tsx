import { memo } from 'react';
import type { Friend } from '../../../src-contract/kith-api';
import { Avatar } from '../../ui/avatar';
import { ProviderBadge } from '../../ui/provider-badge';

export interface FriendRowProps {
  friend: Friend | undefined;
  index: number;
  setSize: number;
  idPrefix: string;
  /** Offset from the top of the list, in pixels. */
  start: number;
  height: number;
}

/**
 * One friend: accessible name = the friend's name, description = email or phone and
 * provider. A row whose page has not arrived yet is a placeholder named "Loading…".
 */
export const FriendRow = memo(function FriendRow({ friend, index, setSize, idPrefix, start, height }: FriendRowProps) {
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
  const providerId = `${idPrefix}-${index}-provider`;
  const detail = friend.email ?? friend.phone;
  return (
    <div {...common} className="friend-row" aria-labelledby={nameId} aria-describedby={detail ? `${metaId} ${providerId}` : providerId}>
      <Avatar name={friend.name} url={friend.avatarUrl} />
      <span className="friend-text">
        <span className="friend-name" id={nameId}>
          {friend.name}
        </span>
        {detail ? (
          <span className="friend-meta" id={metaId}>
            {detail}
          </span>
        ) : (
          <span className="friend-meta friend-meta-empty">No email shared</span>
        )}
      </span>
      <span id={providerId} className="friend-provider">
        <ProviderBadge provider={friend.provider} compact />
      </span>
    </div>
  );
});
