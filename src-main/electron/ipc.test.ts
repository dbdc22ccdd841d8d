// ipc.ts and the preload together over a simulated Electron IPC (no Electron
// binary here): the transport contract suite, the sender-frame refusal, and
// what the preload exposes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { kithMethods, type KithApi } from '../../src-contract/kith-api';
import { createFakeKithApi } from '../../src-contract/testing/stub-kith-api';
import { describeTransportContract } from '../../src-contract/testing/transport-contract-suite';
import * as preload from '../../src-preload/index';
import { registerKithIpc } from './ipc';
import { fakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron.module);

const log = { info: () => {}, warn: vi.fn(), error: () => {} };
const trusted = { origins: ['app://kith'] };

function wire(api: KithApi) {
  fakeElectron.reset();
  const ipc = registerKithIpc({ api, trusted, log });
  const stopEvents = ipc.forwardEventsTo(fakeElectron.webContents as never);
  return { ipc, stopEvents, preload, fake: fakeElectron };
}

describeTransportContract('IPC (simulated Electron)', async (api) => {
  const { ipc, stopEvents, preload } = wire(api);
  return {
    transport: preload.ipcTransport,
    close: async () => {
      stopEvents();
      ipc.dispose();
    },
  };
});

describe('the IPC handlers', () => {
  beforeEach(() => log.warn.mockClear());

  it('register one channel per contract method, and nothing else', async () => {
    const { fake, ipc } = wire(createFakeKithApi());
    expect(fake.handlerChannels().sort()).toEqual(Object.keys(kithMethods).map((m) => `kith:call:${m}`).sort());
    ipc.dispose();
    expect(fake.handlerChannels()).toEqual([]);
  });

  it('refuse a sub-frame or a foreign page, before the core is called', async () => {
    const api = createFakeKithApi();
    const { fake, preload, ipc } = wire(api);
    const client = fake.state.exposed.get('kith') as KithApi;

    fake.state.senderFrame = { url: 'app://kith/index.html', parent: fake.mainFrame };
    await expect(client.accounts.list()).rejects.toEqual({ code: 'E_FORBIDDEN', message: expect.any(String) });
    fake.state.senderFrame = { url: 'https://evil.example/', parent: null };
    await expect(preload.ipcTransport.call('accounts.disconnect', { accountId: 'acc_alice01' })).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    fake.state.senderFrame = null;
    await expect(client.status.get()).rejects.toMatchObject({ code: 'E_FORBIDDEN' });

    expect(api.calls).toEqual([]);
    expect(log.warn).toHaveBeenCalledTimes(3);
    ipc.dispose();
  });

  it('stop sending events once the window shows anything but the app', async () => {
    const api = createFakeKithApi();
    const { fake, ipc } = wire(api);
    const client = fake.state.exposed.get('kith') as KithApi;
    const received: unknown[] = [];
    client.events.on('connectivity', (payload) => received.push(payload));

    api.emit('connectivity', { online: false });
    fake.mainFrame.url = 'https://evil.example/';
    api.emit('connectivity', { online: true });
    expect(received).toEqual([{ online: false }]);
    ipc.dispose();
  });
});

describe('the preload', () => {
  it('exposes exactly KithApi as window.kith, rejecting with a plain { code, message } the bridge can copy', async () => {
    const api = createFakeKithApi();
    const { fake, ipc } = wire(api);
    expect([...fake.state.exposed.keys()]).toEqual(['kith']);
    const client = fake.state.exposed.get('kith') as KithApi;
    expect(Object.keys(client).sort()).toEqual(['accounts', 'connectivity', 'dataFolder', 'events', 'friends', 'history', 'links', 'notifications', 'status', 'sync', 'tokens', 'vault']);

    const reason = await client.friends.list({ limit: 0 }).catch((error: unknown) => error);
    expect(reason).not.toBeInstanceOf(Error);
    expect(structuredClone(reason)).toEqual({ code: 'E_INVALID_INPUT', message: expect.stringContaining('limit') });
    ipc.dispose();
  });
});
