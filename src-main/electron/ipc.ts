// The main process's IPC, generated from the contract: one ipcMain.handle per
// kithMethods entry, each answering through the dispatcher (inputs and outputs
// validated) and only to the app's own main frame; core events forwarded to the
// window on one channel per event name.
//
// Replies are the wire's RpcReply, not thrown errors (see src-contract/wire.ts).
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { kithMethods, type KithHandlers, type KithMethodName } from '../../src-contract/kith-api';
import type { Logger } from '../core/ports';
import { createDispatcher } from '../../src-contract/dispatcher';
import { forwardEvents } from '../../src-contract/event-forwarder';
import { eventChannel, methodChannel, rpcErrorReply, type RpcReply } from '../../src-contract/wire';
import { isTrustedSender, isTrustedUrl, type TrustedPages } from './trusted-sender';

export interface KithIpcOptions {
  api: KithHandlers;
  trusted: TrustedPages;
  log: Logger;
}

export interface KithIpc {
  /** Sends the core's events to this window's page while it shows the app; returns the stop function. */
  forwardEventsTo(contents: WebContents): () => void;
  /** Removes every handler (app quitting). */
  dispose(): void;
}

const REFUSED: RpcReply = { ok: false, error: { code: 'E_FORBIDDEN', message: 'This page may not use Kith.' } };

function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  // Only a top-level frame has no parent (VS Code's validatedIpcMain checks the same).
  return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
}

export function registerKithIpc(options: KithIpcOptions): KithIpc {
  const dispatch = createDispatcher(options.api, { log: options.log });
  const methods = Object.keys(kithMethods) as KithMethodName[];

  for (const method of methods) {
    ipcMain.handle(methodChannel(method), async (event, input: unknown): Promise<RpcReply> => {
      if (!isTrustedSender(senderOf(event), options.trusted)) {
        options.log.warn('Refused an IPC call from a frame that is not the app', { method });
        return REFUSED;
      }
      try {
        return { ok: true, result: await dispatch(method, input) };
      } catch (error) {
        return rpcErrorReply(error);
      }
    });
  }

  return {
    forwardEventsTo(contents) {
      const stop = forwardEvents(
        options.api,
        (event, payload) => {
          // Never hand the core's events to whatever the window might be showing instead of the app.
          if (contents.isDestroyed() || !isTrustedUrl(contents.mainFrame.url, options.trusted)) return;
          contents.send(eventChannel(event), payload);
        },
        { log: options.log },
      );
      contents.once('destroyed', stop);
      return stop;
    },
    dispose() {
      for (const method of methods) ipcMain.removeHandler(methodChannel(method));
    },
  };
}
