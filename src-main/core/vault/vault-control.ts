// The vault's own methods over the Cipher port: unlock with a passphrase,
// lock, move the data key to another protector, and the idle auto-lock. Idle
// means no request from any window or command (the contract is the only way
// in, so every call counts as the person's activity); after the chosen
// minutes a passphrase key is forgotten and `vaultChanged` says so, and the
// window shows its unlock screen. The setting is a small document
// (`vault-settings`): a number, no secret.
import { z } from 'zod';
import {
  IdleLockMinutesSchema,
  KithError,
  OPEN_VAULT,
  type ProtectorChange,
  type ProtectorChangeResult,
  type VaultSettings,
  type VaultState,
} from '../../../src-contract/kith-api';
import type { EventHub } from '../api/event-hub';
import type { Scheduler } from '../api/scheduler';
import type { Cipher, Logger } from '../ports';
import { defineDocument, type TypedDocumentStore } from '../storage/typed-document-store';

const VaultSettingsDocumentSchema = z.object({ version: z.literal(1), idleLockMinutes: IdleLockMinutesSchema }).strict();
export const vaultSettingsDocument = defineDocument('vault-settings', VaultSettingsDocumentSchema);

/** Fifteen minutes unless the person chooses: a passphrase vault that never locks on its own protects only a switched-off machine. */
export const DEFAULT_IDLE_LOCK_MINUTES = 15;

export interface VaultControlDeps {
  cipher: Cipher;
  documents: TypedDocumentStore;
  events: EventHub;
  scheduler: Scheduler;
  log: Logger;
  /** Seals again, with the data key, what is still sealed another way (earlier desktop versions' safeStorage blobs), before the key moves. */
  resealBeforeMove?: () => Promise<void>;
}

export interface VaultControl {
  state(): Promise<VaultState>;
  unlock(passphrase: string): Promise<VaultState>;
  lock(): Promise<VaultState>;
  setProtector(change: ProtectorChange): Promise<ProtectorChangeResult>;
  settings(): Promise<VaultSettings>;
  setIdleLock(minutes: number | null): Promise<VaultSettings>;
  /** A request arrived: the idle clock starts again. */
  touch(): void;
  /** Tells every window the vault's state (after a start over, say). */
  announce(): Promise<void>;
  close(): void;
}

export function createVaultControl(deps: VaultControlDeps): VaultControl {
  const { cipher } = deps;
  let idleMinutes: number | null | undefined;
  let cancelTimer: (() => void) | null = null;
  let closed = false;

  const state = async () => (await cipher.state?.()) ?? OPEN_VAULT;
  const announce = async () => {
    deps.events.emit('vaultChanged', await state());
  };

  async function minutes(): Promise<number | null> {
    if (idleMinutes === undefined) {
      const read = await deps.documents.read(vaultSettingsDocument);
      idleMinutes = read.kind === 'ok' ? read.value.idleLockMinutes : DEFAULT_IDLE_LOCK_MINUTES;
    }
    return idleMinutes;
  }

  function arm(): void {
    cancelTimer?.();
    cancelTimer = null;
    if (closed || !cipher.lock || idleMinutes === null || idleMinutes === undefined) return;
    cancelTimer = deps.scheduler.schedule(() => {
      cancelTimer = null;
      if (cipher.lock?.()) {
        deps.log.info('vault locked after being idle', { minutes: idleMinutes });
        void announce();
      }
    }, idleMinutes * 60_000);
  }

  async function settings(): Promise<VaultSettings> {
    return { idleLockMinutes: await minutes(), protectors: (await cipher.protectors?.()) ?? [] };
  }

  return {
    state,
    announce,
    async unlock(passphrase) {
      if (!cipher.unlock) throw new KithError('E_INVALID_INPUT', 'This Kith keeps its key with the system, so there is no passphrase to unlock it with.');
      const opened = await cipher.unlock(passphrase);
      await minutes();
      arm();
      await announce();
      return opened;
    },
    async lock() {
      if (cipher.lock?.()) await announce();
      return state();
    },
    async setProtector(change) {
      if (!cipher.moveKey) throw new KithError('E_INVALID_INPUT', 'This Kith keeps its key with the system; it cannot be moved.');
      if ((await state()).state === 'open') await deps.resealBeforeMove?.();
      const vault = await cipher.moveKey(change);
      await minutes();
      arm();
      await announce();
      return { vault, protection: await cipher.protection() };
    },
    settings,
    async setIdleLock(value) {
      await deps.documents.write(vaultSettingsDocument, { version: 1, idleLockMinutes: value });
      idleMinutes = value;
      arm();
      return settings();
    },
    touch() {
      // Only an armed timer is moved: before the setting is read, nothing is unlocked to forget.
      if (cancelTimer) arm();
    },
    close() {
      closed = true;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
}
