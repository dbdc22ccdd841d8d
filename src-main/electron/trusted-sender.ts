// Who may talk to the main process: only the app's own page, in the window's
// main frame (Electron security checklist, "Validate the sender of all IPC
// messages"). A frame from anywhere else (an injected iframe, a page the
// window was somehow navigated to) gets nothing.

export interface SenderFrame {
  /** The frame's current URL (`event.senderFrame.url`). */
  url: string;
  /** The frame is the top-level frame of the app's window. */
  isMainFrame: boolean;
}

export interface TrustedPages {
  /** Origins of the app: `app://kith`, or the Vite dev server's `http://127.0.0.1:5173` in development. */
  origins: readonly string[];
  /** Exact `file://` pages, if the app is ever loaded from disk (query and fragment ignored). */
  files?: readonly string[];
}

/** `scheme://host[:port]`, also for schemes WHATWG URL gives an opaque "null" origin (app://). */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`.toLowerCase();
}

export function isTrustedUrl(rawUrl: string, trusted: TrustedPages): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'file:') {
    return (trusted.files ?? []).some((file) => {
      const page = new URL(file);
      return page.protocol === 'file:' && page.host === url.host && page.pathname === url.pathname;
    });
  }
  return trusted.origins.some((origin) => originOf(new URL(origin)) === originOf(url));
}

export function isTrustedSender(frame: SenderFrame | null | undefined, trusted: TrustedPages): boolean {
  return !!frame && frame.isMainFrame && isTrustedUrl(frame.url, trusted);
}
