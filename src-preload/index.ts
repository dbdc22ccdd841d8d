// The Electron preload: exposes exactly KithApi as `window.kith`, built by
// createKithClient over IPC, and nothing else (no invoke, no ipcRenderer).
// Runs sandboxed, so it is bundled to one CommonJS file (vite.electron.config.ts).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { KithApi } from '../src-contract/kith-api';
import { assertKithMethodName, createKithClient, errorInfo, kithMethodGroups, toKithError, unwrapRpcReply, type KithTransport } from '../src-contract/client';
import { eventChannel, methodChannel } from '../src-contract/ipc-channels';

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
    const [group, name] = method.split('.') as [keyof KithApi, string];
    const fn = (api[group] as unknown as Record<string, (input?: unknown) => Promise<unknown>>)[name]!;
    return (input) => fn(input).catch((reason: unknown) => Promise.reject(errorInfo(toKithError(reason))));
  });
  return { ...groups, events: { on: api.events.on } };
}

contextBridge.exposeInMainWorld('kith', withBridgeableErrors(createKithClient(ipcTransport)));
