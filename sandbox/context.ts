// The state one running sandbox holds, passed to every route module.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SandboxClock } from './clock';
import type { FaultController } from './faults';
import type { RuntimeSettings, SandboxConfig } from './options';
import type { SigningKey } from './util/signing-keys';
import { GrantStore } from './state/grants';
import { ContactBook } from './state/contact-book';
import { DeviceLoginStore } from './state/device-logins';
import type { SeededPerson } from './seed/people';

export interface SandboxContext {
  /** Set once the server listens, e.g. http://127.0.0.1:4545 (no trailing slash). */
  baseUrl: string;
  readonly config: SandboxConfig;
  readonly settings: RuntimeSettings;
  readonly clock: SandboxClock;
  readonly grants: GrantStore;
  readonly faults: FaultController;
  readonly keys: { google: SigningKey; facebook: SigningKey };
  readonly contactBooks: Map<string, ContactBook>;
  /** Facebook Login for Devices requests. */
  readonly deviceLogins: DeviceLoginStore;
  /** Sync tokens issued before this instant count as expired (admin "expire sync tokens now"). */
  syncTokensValidFrom: number;
  /** Signs page and sync tokens so a client cannot forge or edit them. */
  sign(payload: string): string;
  verify(signed: string): string | null;
  reset(): void;
}

export function createContext(config: SandboxConfig, clock: SandboxClock, faults: FaultController, keys: SandboxContext['keys']): SandboxContext {
  const secret = randomBytes(32);
  const mac = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22);
  const initialSettings = (): RuntimeSettings => ({
    autoConsent: config.autoConsent,
    autoConsentPerson: null,
    autoConsentDecline: [],
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds ?? null,
    longLivedTokenTtlSeconds: config.longLivedTokenTtlSeconds,
    codeTtlSeconds: config.codeTtlSeconds,
    syncTokenTtlSeconds: config.syncTokenTtlSeconds,
    facebookAppMode: config.facebookAppMode,
    facebookDeviceCodeTtlSeconds: config.facebookDeviceCodeTtlSeconds,
    facebookDevicePollIntervalSeconds: config.facebookDevicePollIntervalSeconds,
    facebookDeviceTokenTtlSeconds: config.facebookDeviceTokenTtlSeconds,
  });
  const context: SandboxContext = {
    baseUrl: '',
    config,
    settings: initialSettings(),
    clock,
    grants: new GrantStore(clock),
    faults,
    keys,
    contactBooks: new Map(),
    deviceLogins: new DeviceLoginStore(clock),
    syncTokensValidFrom: 0,
    sign(payload) {
      const body = Buffer.from(payload).toString('base64url');
      return `${body}.${mac(body)}`;
    },
    verify(signed) {
      const [body, tag] = signed.split('.');
      if (!body || !tag || signed.split('.').length !== 2) return null;
      const expected = Buffer.from(mac(body));
      const given = Buffer.from(tag);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      return Buffer.from(body, 'base64url').toString();
    },
    reset() {
      context.grants.clear();
      context.contactBooks.clear();
      context.deviceLogins.clear();
      context.faults.reset();
      context.clock.reset();
      context.syncTokensValidFrom = 0;
      Object.assign(context.settings, initialSettings());
    },
  };
  return context;
}

export function contactCountFor(context: SandboxContext, person: SeededPerson): number {
  return context.config.contacts ?? person.defaultConnections;
}

export function friendCountFor(context: SandboxContext, person: SeededPerson): number {
  return context.config.friends ?? person.defaultConnections;
}

export function contactBookFor(context: SandboxContext, person: SeededPerson): ContactBook {
  let book = context.contactBooks.get(person.key);
  if (!book) {
    book = new ContactBook(contactCountFor(context, person));
    context.contactBooks.set(person.key, book);
  }
  return book;
}
