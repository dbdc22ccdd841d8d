import { describe, expect, it } from 'vitest';
import { loadFriendsPreferences, saveFriendsPreferences } from './friends-preferences';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('friends preferences', () => {
  it('keep the sort and the view across a reload', () => {
    const storage = memoryStorage();
    saveFriendsPreferences({ sort: 'last_name', view: 'entries' }, storage);
    expect(loadFriendsPreferences(storage)).toEqual({ sort: 'last_name', view: 'entries' });
  });

  it('drop what is not a known choice, and survive a damaged value', () => {
    const storage = memoryStorage();
    storage.setItem('kith.friends.preferences', JSON.stringify({ sort: 'shoe_size', view: 'entries' }));
    expect(loadFriendsPreferences(storage)).toEqual({ view: 'entries' });
    storage.setItem('kith.friends.preferences', '{not json');
    expect(loadFriendsPreferences(storage)).toEqual({});
    expect(loadFriendsPreferences(undefined)).toEqual({});
  });
});
