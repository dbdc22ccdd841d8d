// `status.get`: how well the tokens are protected, where Kith keeps its files,
// whether the providers answered lately, the revocations still queued and the
// files found damaged (moved aside, never deleted).
import { OPEN_VAULT, type KithStatus } from '../../../src-contract/kith-api';
import type { AccountRepository } from '../accounts/account-repository';
import type { Connectivity } from '../friends/connectivity';
import type { FriendsStoreAccess } from '../friends/friends-store-access';
import type { CorePorts } from '../ports';
import type { RevocationQueue } from '../revocation/revocation-queue';
import type { LastingProblems } from '../problems/lasting-problems';
import type { TypedDocumentStore } from '../storage/typed-document-store';
import { findOrphanedSignIns } from '../problems/orphaned-sign-ins';

export interface StatusReportDeps {
  ports: Pick<CorePorts, 'cipher' | 'store'>;
  repo: AccountRepository;
  documents: TypedDocumentStore;
  friends: Pick<FriendsStoreAccess, 'get' | 'problems'>;
  connectivity: Connectivity;
  queue: RevocationQueue;
  problems: LastingProblems;
  /** True while a sign-in runs here: its tokens are stored a moment before its account record. */
  signingIn(): boolean;
  shell: KithStatus['shell'];
  version: string;
}

export function createStatusReport(deps: StatusReportDeps): () => Promise<KithStatus> {
  return async () => {
    // Reading the account list first means a damaged one is found and reported here,
    // even in a process (the CLI's `kith status`) that has not read it yet.
    await deps.repo.all();
    // Opening the friends store here too means a missing key or a damaged database is reported by `kith status`.
    await deps.friends.get().catch(() => undefined);
    if (!deps.signingIn()) await findOrphanedSignIns({ documents: deps.documents, repo: deps.repo, problems: deps.problems });
    const kept = await deps.problems.list();
    const seen = new Set(kept.map((p) => p.message));
    const passing = [...deps.documents.problems(), ...deps.friends.problems()].filter((p) => !seen.has(p.message));
    return {
      protection: await deps.ports.cipher.protection(),
      vault: (await deps.ports.cipher.state?.()) ?? OPEN_VAULT,
      dataDir: deps.ports.store.location,
      online: deps.connectivity.online,
      pendingRevocations: await deps.queue.pending(),
      storageProblems: [...kept, ...passing.map(({ document, message }) => ({ document, message }))],
      shell: deps.shell,
      version: deps.version,
    };
  };
}
