// Test helpers only: an in-process sandbox with Kith's config pointed at it,
// its admin API, and a "browser" that plays the person at the consent page
// over plain HTTP (follows redirects to the loopback server).
import { startSandbox, type StartSandboxOptions } from '../../../sandbox/server';
import { loadConfig } from '../config/load-config';
import type { KithConfig } from '../config/kith-config';
import type { BrowserOpener } from '../ports';
import type { FriendBatch, FriendListing } from '../providers/provider';
import { freePort } from './free-port';

export interface SandboxHarness {
  url: string;
  config: KithConfig;
  admin<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Every token value the sandbox issued, with its status. */
  grants(provider?: 'google' | 'facebook'): Promise<Array<{ provider: string; kind: string; value: string; status: string }>>;
  close(): Promise<void>;
}

export async function startSandboxHarness(options: StartSandboxOptions & { redirectHost?: 'localhost' | '127.0.0.1' } = {}): Promise<SandboxHarness> {
  const { redirectHost = '127.0.0.1', ...sandboxOptions } = options;
  const facebookRedirectUri = `http://${redirectHost}:${await freePort()}/kith/facebook/callback`;
  const sandbox = await startSandbox({ facebookRedirectUris: [facebookRedirectUri], ...sandboxOptions });
  const config = loadConfig({ KITH_SANDBOX_URL: sandbox.url, KITH_FACEBOOK_REDIRECT_URI: facebookRedirectUri });
  const admin = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox admin ${method} ${path}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    url: sandbox.url,
    config,
    admin,
    async grants(provider) {
      const listing = await admin<{ tokens: Array<{ provider: string; kind: string; value: string; status: string }> }>('GET', `/grants${provider ? `?provider=${provider}` : ''}`);
      return listing.tokens;
    },
    close: () => sandbox.close(),
  };
}

export type ConsentAnswer = { decision: 'allow' | 'deny'; person?: string; userFriends?: boolean };

/**
 * A BrowserOpener standing in for the system browser and the person: it GETs the consent
 * URL, answers the sandbox's consent form when one is shown (auto-consent skips it), and
 * follows the redirects to Kith's loopback server. `rewrite` may alter the URL first.
 */
export function sandboxBrowser(options: { answer?: ConsentAnswer; rewrite?: (url: URL) => void } = {}): BrowserOpener & { opened: string[]; tabs: Array<Promise<{ status: number; text: string }>> } {
  const opened: string[] = [];
  const tabs: Array<Promise<{ status: number; text: string }>> = [];
  return {
    opened,
    tabs,
    async open(url) {
      opened.push(url);
      const target = new URL(url);
      options.rewrite?.(target);
      tabs.push(visit(target.toString(), options.answer ?? { decision: 'allow' }));
    },
  };
}

async function visit(url: string, answer: ConsentAnswer): Promise<{ status: number; text: string }> {
  const first = await fetch(url, { redirect: 'follow' });
  let text = await first.text();
  let status = first.status;
  const form = /<form method="post" action="([^"]+)">[\s\S]*?name="request_id" value="([^"]+)"/.exec(text);
  if (form?.[1] && form[2]) {
    const body = new URLSearchParams({ request_id: form[2], decision: answer.decision });
    const person = answer.person ?? /name="person" value="([^"]+)" checked/.exec(text)?.[1];
    if (person) body.set('person', person);
    if (answer.userFriends !== false) body.set('user_friends', 'granted');
    const second = await fetch(new URL(form[1], url), { method: 'POST', body, redirect: 'follow' });
    status = second.status;
    text = await second.text();
  }
  return { status, text };
}

/** Consumes a friend listing to the end: its batches, outcome, and every upsert and deletion. */
export async function drain(listing: FriendListing) {
  const batches: FriendBatch[] = [];
  for await (const batch of listing.batches) batches.push(batch);
  return { batches, outcome: await listing.outcome, upserts: batches.flatMap((b) => b.upserts), deletions: batches.flatMap((b) => b.deletions) };
}
