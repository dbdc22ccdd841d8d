// Sign-ins by someone other than the person whose account was being
// reconnected ("Ada signed in, not Alan"). Kith must neither add Ada silently
// nor touch Alan's account, so her tokens wait here, in memory only, until the
// person chooses: add her as an account, or discard the sign-in. One at a time
// (there is one login at a time); a newer one, the deadline or close() hands
// the older to `onExpired`, which discards it. Nothing here is written to disk.
import type { OtherPersonSignedIn, ProviderId } from '../../../src-contract/kith-api';
import type { Scheduler } from '../api/scheduler';
import type { Clock } from '../ports';
import type { ProviderIdentity, TokenSet } from '../providers/provider';
import type { AccountRecord } from './account-record';

/** Long enough to read the question and decide; short enough that an unanswered grant does not linger. */
export const HELD_SIGN_IN_MS = 10 * 60 * 1000;

export interface HeldSignIn {
  choiceId: string;
  provider: ProviderId;
  expected: AccountRecord;
  result: { tokens: TokenSet; identity: ProviderIdentity };
  expiresAt: number;
  /** Lets the provider's held revocations go (taken for the login, kept until the choice). */
  release(): void;
}

export interface HeldSignIns {
  hold(input: Omit<HeldSignIn, 'choiceId' | 'expiresAt'>): HeldSignIn;
  /** Removes and returns the held sign-in with this id, or null (expired, answered, unknown). */
  take(choiceId: string): HeldSignIn | null;
  /** Removes and returns whatever is held. */
  takeAny(): HeldSignIn | null;
}

export interface HeldSignInsDeps {
  scheduler: Scheduler;
  clock: Clock;
  randomBytes(size: number): Uint8Array;
  /** Called with a sign-in nobody chose for in time, or pushed out by a newer one. */
  onExpired(held: HeldSignIn): void;
  holdMs?: number;
}

export function createHeldSignIns(deps: HeldSignInsDeps): HeldSignIns {
  const holdMs = deps.holdMs ?? HELD_SIGN_IN_MS;
  let current: { held: HeldSignIn; cancelTimer(): void } | null = null;

  const takeCurrent = (): HeldSignIn | null => {
    if (!current) return null;
    const { held, cancelTimer } = current;
    current = null;
    cancelTimer();
    return held;
  };

  return {
    hold(input) {
      const older = takeCurrent();
      if (older) deps.onExpired(older);
      const held: HeldSignIn = {
        ...input,
        choiceId: `choice_${Buffer.from(deps.randomBytes(12)).toString('base64url')}`,
        expiresAt: deps.clock.now() + holdMs,
      };
      const cancelTimer = deps.scheduler.schedule(() => {
        if (current?.held !== held) return;
        takeCurrent();
        deps.onExpired(held);
      }, holdMs);
      current = { held, cancelTimer };
      return held;
    },
    take(choiceId) {
      return current?.held.choiceId === choiceId ? takeCurrent() : null;
    },
    takeAny: takeCurrent,
  };
}

/** The contract's answer for a held sign-in: who was expected, who came, until when. No token. */
export function otherPersonAnswer(held: HeldSignIn): OtherPersonSignedIn {
  return {
    outcome: 'other_person',
    choiceId: held.choiceId,
    provider: held.provider,
    expected: { accountId: held.expected.id, displayName: held.expected.displayName, email: held.expected.email },
    signedIn: { displayName: held.result.identity.displayName, email: held.result.identity.email },
    expiresAt: held.expiresAt,
  };
}
