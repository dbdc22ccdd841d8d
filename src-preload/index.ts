// The Electron preload: exposes exactly KithApi as `window.kith`, built by
// createKithClient over IPC, and nothing else (no invoke, no ipcRenderer).
// Runs sandboxed, so it is bundled to one CommonJS file (vite.electron.config.ts).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createKithClient, type KithTransport } from '../src-contract/client';
import { toErrorInfo } from '../src-contract/errors';
import { assertKithMethodName, kithMethodGroups, kithMethodOf, type KithApi } from '../src-contract/kith-api';
import { eventChannel, methodChannel, unwrapRpcReply } from '../src-contract/wire';

export const ipcTransport: KithTransport = {
  async call(method, input) {
    // Electron answers an unregistered channel with a bare Error; say what went wrong instead.
    assertKithMethodName(method);
    return unwrapRpcReply(await ipcRenderer.invoke(methodChannel(method), input));
  },
  subscribe(event, listener) {
    const channel = eventChannel(event);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

/**
 * The contextBridge copies an Error with its message only, so `code` would be
 * lost on the way to the page: each method rejects with a plain `{ code, message }`
 * instead, which the bridge copies whole (the renderer reads `.code`).
 */
export function withBridgeableErrors(api: KithApi): KithApi {
  const groups = kithMethodGroups((method) => {
    const fn = kithMethodOf(api, method)!;
    return (input) => fn(input).catch((reason: unknown) => Promise.reject(toErrorInfo(reason)));
  });
  return { ...groups, events: { on: api.events.on } };
}

contextBridge.exposeInMainWorld('kith', withBridgeableErrors(createKithClient(ipcTransport)));
