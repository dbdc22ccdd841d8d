/// <reference types="vite/client" />
import type { KithApi } from '../src-contract/kith-api';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge; absent in a browser. */
    readonly kith?: KithApi;
  }
}
