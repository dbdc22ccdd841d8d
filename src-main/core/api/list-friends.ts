// The friends handlers' query type, named where the core's handlers are wired.
export type { CheckedFriendQuery } from '../friends/friends-queries';
