import { describe, expect, it } from 'vitest';
import { createNoticesStore, MAX_NOTICES } from './notices-store';

describe('notices', () => {
  it('collapses a repeat into one notice with a count, and restarts its fade', () => {
    let now = 1_000;
    const store = createNoticesStore(() => now);
    const first = store.getState().push({ key: 'synced', text: 'Synced 3 accounts.', tone: 'success' });
    now = 2_000;
    store.getState().push({ key: 'synced', text: 'Synced 3 accounts.', tone: 'success' });
    store.getState().push({ key: 'synced', text: 'Synced 3 accounts.', tone: 'success' });
    expect(store.getState().notices).toEqual([expect.objectContaining({ id: first, text: 'Synced 3 accounts.', count: 3, pushedAt: 2_000 })]);
  });

  it('replaces the words of the same kind of event and starts counting again', () => {
    const store = createNoticesStore();
    store.getState().push({ key: 'connected', text: 'Connected Ada Lovelace (Google).', tone: 'success' });
    store.getState().push({ key: 'connected', text: 'Connected Ada Lovelace (Google).', tone: 'success' });
    store.getState().push({ key: 'connected', text: 'Connected Kofi Mensah (Facebook).', tone: 'success' });
    expect(store.getState().notices.map((n) => [n.text, n.count])).toEqual([['Connected Kofi Mensah (Facebook).', 1]]);
  });

  it('clears a notice whose cause ended, by its key', () => {
    const store = createNoticesStore();
    store.getState().push({ key: 'sync-failed:acc_1', text: 'Could not sync Ada.', tone: 'error' });
    store.getState().push({ key: 'synced', text: 'Synced 1 account.', tone: 'success' });
    store.getState().clear('sync-failed:acc_1');
    store.getState().clear('never-pushed');
    expect(store.getState().notices.map((n) => n.key)).toEqual(['synced']);
  });

  it('lets confirmations give way before warnings when too many pile up', () => {
    const store = createNoticesStore();
    store.getState().push({ key: 'disconnected', text: 'Remove Kith at Facebook yourself.', tone: 'warning' });
    for (let i = 0; i < MAX_NOTICES + 2; i += 1) store.getState().push({ key: `k${i}`, text: `n${i}`, tone: 'success' });
    const notices = store.getState().notices;
    expect(notices).toHaveLength(MAX_NOTICES);
    expect(notices[0]?.tone).toBe('warning');
    expect(notices.at(-1)?.text).toBe(`n${MAX_NOTICES + 1}`);
  });
});
