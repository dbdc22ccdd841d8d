// The friends store's port lives in the core (src-main/core/ports.ts); the
// store's modules name it from here.
export type {
  EntryRef,
  FriendEntriesReader,
  FriendSyncState,
  FriendsSearch,
  FriendsSearchPage,
  FriendsStore as FriendsStorePort,
  StoredFriend,
  StoredPerson,
  SyncPage,
} from '../../core/ports';
