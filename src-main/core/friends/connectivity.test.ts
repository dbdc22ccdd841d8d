import { expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { createEventHub } from '../api/event-hub';
import { createRecordingLogger } from '../testing/recording-logger';
import { createConnectivity } from './connectivity';

it('goes offline on E_OFFLINE only, back online on any provider answer, and announces each change once', async () => {
  const events = createEventHub(createRecordingLogger());
  const seen: boolean[] = [];
  events.on('connectivity', ({ online }) => seen.push(online));
  const c = createConnectivity(events);
  await expect(c.track(() => Promise.reject(new KithError('E_OFFLINE', 'x')))).rejects.toThrow();
  c.observe(new KithError('E_OFFLINE', 'again'));
  c.observe(new KithError('E_NEEDS_RECONNECT', 'says nothing about the network'));
  expect(c.online).toBe(false);
  c.observe(new KithError('E_PROVIDER', 'a 503 is an answer'));
  await c.track(async () => 1);
  expect(seen).toEqual([false, true]);
});
