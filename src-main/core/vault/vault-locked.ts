// The error every sealed read or write rejects with while the data key cannot
// be had, and the state it stands for. A locked vault changes nothing on disk:
// callers pass the error on (never turn it into "damaged" or "reconnect"), so
// the person is told the one true reason and can put the key back.
import { KithError, type Protector, type VaultLockReason, type VaultState } from '../../../src-contract/kith-api';

export class VaultLockedError extends KithError {
  constructor(
    readonly reason: VaultLockReason,
    message: string,
    readonly protector: Protector | null,
  ) {
    super('E_VAULT_LOCKED', message);
  }

  /** Keyring and passphrase locks can be lifted without starting over; a lost or changed key only by restoring it. */
  get canUnlock(): boolean {
    return this.reason === 'keyring-unavailable' || this.reason === 'passphrase-required';
  }

  toState(): VaultState {
    return { state: 'locked', reason: this.reason, message: this.message, canUnlock: this.canUnlock, protector: this.protector };
  }
}

export function isVaultLocked(error: unknown): error is KithError {
  return error instanceof KithError && error.code === 'E_VAULT_LOCKED';
}
