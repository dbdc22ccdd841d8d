// Facebook Login for Devices requests: the long `code` the device polls with,
// the short `user_code` the person types at facebook.com/device, and what the
// person decided. See developers.facebook.com/docs/facebook-login/for-devices.
import { randomBytes, randomInt } from 'node:crypto';
import type { SandboxClock } from '../clock';

export type DeviceLoginStatus = 'pending' | 'approved' | 'denied' | 'redeemed';

export interface DeviceLogin {
  /** What device/login answers as `code` and the device sends to login_status. */
  code: string;
  /** What the person enters at the device page, e.g. "KX7Q2M9B". */
  userCode: string;
  permissions: string[];
  createdAt: number;
  expiresAt: number;
  /** When the device last polled (any answer), to answer "slow down" faster than the interval. */
  lastPollAt: number | null;
  status: DeviceLoginStatus;
  /** Set on approval. */
  grantId: string | null;
  personKey: string | null;
}

// No 0/O, 1/I/L: the person copies the code by eye.
const USER_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const USER_CODE_LENGTH = 8;
const MAX_LOGINS = 2_000;

/** Accepts what a person might type: any case, spaces or a dash in the middle. */
export function normalizeUserCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export class DeviceLoginStore {
  private readonly byCode = new Map<string, DeviceLogin>();

  constructor(private readonly clock: SandboxClock) {}

  create(permissions: string[], ttlSeconds: number): DeviceLogin {
    if (this.byCode.size >= MAX_LOGINS) this.prune();
    const draw = () => Array.from({ length: USER_CODE_LENGTH }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]).join('');
    let userCode = draw();
    while (this.byUserCode(userCode)) userCode = draw();
    const now = this.clock.now();
    const login: DeviceLogin = {
      code: randomBytes(16).toString('hex'),
      userCode,
      permissions,
      createdAt: now,
      expiresAt: now + ttlSeconds * 1000,
      lastPollAt: null,
      status: 'pending',
      grantId: null,
      personKey: null,
    };
    this.byCode.set(login.code, login);
    return login;
  }

  get(code: string): DeviceLogin | null {
    return this.byCode.get(code) ?? null;
  }

  byUserCode(typed: string): DeviceLogin | null {
    const wanted = normalizeUserCode(typed);
    for (const login of this.byCode.values()) if (login.userCode === wanted) return login;
    return null;
  }

  isExpired(login: DeviceLogin): boolean {
    return login.expiresAt <= this.clock.now();
  }

  list(): DeviceLogin[] {
    return [...this.byCode.values()];
  }

  clear(): void {
    this.byCode.clear();
  }

  private prune(): void {
    for (const [code, login] of this.byCode) {
      if (this.byCode.size < MAX_LOGINS * 0.9) break;
      if (this.isExpired(login) || login.status === 'redeemed') this.byCode.delete(code);
    }
    for (const code of this.byCode.keys()) {
      if (this.byCode.size < MAX_LOGINS) break;
      this.byCode.delete(code);
    }
  }
}
