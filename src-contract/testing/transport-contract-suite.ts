// The tests every transport must pass, whatever carries the bytes: run over
// the in-memory transport (src-contract), real HTTP to the host server
// (src-main/host/server), simulated Electron IPC (src-main/electron) and the
// CLI's in-process client (src-main/host/cli).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KithError, type KithApi, type KithEventPayload } from '../kith-api';
import { createKithClient, type KithTransport } from '../client';
import { createFakeKithApi, sampleAccount, type FakeKithApi } from './stub-kith-api';

export interface ConnectedTransport {
  transport: KithTransport;
  /** The client the surface builds itself (the CLI's), when it does; else createKithClient(transport). */
  client?: KithApi;
  close(): Promise<void>;
}

async function rejection(promise: Promise<unknown>): Promise<KithError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(KithError);
  return error as KithError;
}

const loginStarted: KithEventPayload<'loginStarted'> = {
  loginId: 'login-1',
  provider: 'google',
  authUrl: 'http://127.0.0.1:4545/google/o/oauth2/v2/auth?client_id=x',
  expiresAt: 1_700_000_300_000,
};

export function describeTransportContract(name: string, connect: (api: FakeKithApi) => Promise<ConnectedTransport>): void {
  describe(`KithApi over ${name}`, () => {
    let api: FakeKithApi;
    let connection: ConnectedTransport;
    let client: KithApi;
    let stopListening: (() => void)[] = [];
    const listen: KithApi['events']['on'] = (event, listener) => {
      const unsubscribe = client.events.on(event, listener);
      stopListening.push(unsubscribe);
      return unsubscribe;
    };

    beforeEach(async () => {
      stopListening = [];
      api = createFakeKithApi();
      connection = await connect(api);
      client = connection.client ?? createKithClient(connection.transport, { onInvalidEvent: () => {} });
    });
    afterEach(async () => {
      for (const unsubscribe of stopListening) unsubscribe();
      await connection.close();
    });

    it('answers each method with what the core returned', async () => {
      await expect(client.accounts.list()).resolves.toEqual([sampleAccount]);
      await expect(client.accounts.disconnect({ accountId: 'acc_alice01' })).resolves.toEqual({ accountId: 'acc_alice01', revocation: 'revoked' });
      await expect(client.accounts.cancelConnect()).resolves.toBeNull();
      expect((await client.status.get()).shell).toBe('host');
    });

    it('hands the core the validated input, defaults applied', async () => {
      await client.friends.list({ search: 'bo' });
      expect(api.calls).toEqual([{ method: 'friends.list', input: { search: 'bo', sort: 'first_name', view: 'people', offset: 0, limit: 200 } }]);
    });

    it('refuses an invalid input with E_INVALID_INPUT before it reaches the core', async () => {
      const tooMany = await rejection(client.friends.list({ limit: 5000 }));
      expect(tooMany.code).toBe('E_INVALID_INPUT');
      expect(tooMany.message).toContain('limit');

      const wrongProvider = await rejection(client.accounts.connect({ provider: 'myspace' as 'google' }));
      expect(wrongProvider.code).toBe('E_INVALID_INPUT');
      expect(wrongProvider.message).toContain('provider');
      expect(api.calls).toEqual([]);
    });

    it('refuses a stray input field without echoing its value', async () => {
      const input = { provider: 'google', refreshToken: 'secret-value-123' } as unknown as { provider: 'google' };
      const error = await rejection(client.accounts.connect(input));
      expect(error.code).toBe('E_INVALID_INPUT');
      expect(error.message).not.toContain('secret-value-123');
      expect(api.calls).toEqual([]);
    });

    it('refuses an unknown method with E_INVALID_INPUT', async () => {
      const error = await connection.transport.call('accounts.exportTokens' as 'accounts.list', {}).then(
        () => null,
        (reason: unknown) => reason as { code: string },
      );
      expect(error?.code).toBe('E_INVALID_INPUT');
    });

    it('withholds a result with a stray field (E_INTERNAL) and never shows its value', async () => {
      api.answer('accounts.list', () => [{ ...sampleAccount, accessToken: 'ya29.leaked-token' }]);
      const error = await rejection(client.accounts.list());
      expect(error.code).toBe('E_INTERNAL');
      expect(error.message).not.toContain('ya29');
    });

    it("keeps a KithError's code and message", async () => {
      api.answer('accounts.connect', () => {
        throw new KithError('E_CONSENT_DENIED', 'You declined to let Kith see your contacts.');
      });
      const error = await rejection(client.accounts.connect({ provider: 'google' }));
      expect(error.code).toBe('E_CONSENT_DENIED');
      expect(error.message).toBe('You declined to let Kith see your contacts.');
    });

    it('turns any other failure into E_INTERNAL with a generic message', async () => {
      api.answer('sync.run', () => {
        throw new Error('GET https://people.googleapis.com/?access_token=ya29.secret failed');
      });
      const error = await rejection(client.sync.run());
      expect(error.code).toBe('E_INTERNAL');
      expect(error.message).not.toContain('ya29');
    });

    it('delivers events until unsubscribed', async () => {
      const received: unknown[] = [];
      const unsubscribe = listen('loginStarted', (payload) => received.push(payload));
      await vi.waitFor(() => expect(api.listenerCount('loginStarted')).toBeGreaterThan(0));

      api.emit('loginStarted', loginStarted);
      await vi.waitFor(() => expect(received).toEqual([loginStarted]));

      unsubscribe();
      api.emit('loginStarted', { ...loginStarted, loginId: 'login-2' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(received).toHaveLength(1);
    });

    it('delivers each event only to its own listeners', async () => {
      const online: unknown[] = [];
      const progress: unknown[] = [];
      listen('connectivity', (payload) => online.push(payload));
      listen('syncProgress', (payload) => progress.push(payload));
      await vi.waitFor(() => expect(api.listenerCount('connectivity') * api.listenerCount('syncProgress')).toBeGreaterThan(0));

      api.emit('connectivity', { online: false });
      await vi.waitFor(() => expect(online).toEqual([{ online: false }]));
      expect(progress).toEqual([]);
    });

    it('drops an event whose payload breaks its schema, and keeps delivering', async () => {
      const received: unknown[] = [];
      listen('connectivity', (payload) => received.push(payload));
      await vi.waitFor(() => expect(api.listenerCount('connectivity')).toBeGreaterThan(0));

      api.emit('connectivity', { online: 'yes', token: 'kith_leak' });
      api.emit('connectivity', { online: true });
      await vi.waitFor(() => expect(received).toEqual([{ online: true }]));
    });
  });
}
