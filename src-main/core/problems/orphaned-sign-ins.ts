// Saved sign-ins (sealed token sets in `vault`) whose account record is gone —
// the account list was damaged, or a sign-in was cut off between storing its
// tokens and its record. They are live grants Kith can neither use nor revoke:
// the sealed entry does not say which provider issued it, and sending a token
// to the wrong provider would hand it over. So they are listed for the person,
// with where to remove Kith, and kept (never deleted) until dismissed.
import type { AccountRepository } from '../accounts/account-repository';
import { REMOVE_ACCESS_AT } from '../revocation/revocation-salvage';
import { VaultDocument } from '../vault/token-vault';
import type { TypedDocumentStore } from '../storage/typed-document-store';
import type { LastingProblems } from './lasting-problems';

export async function findOrphanedSignIns(deps: { documents: TypedDocumentStore; repo: AccountRepository; problems: LastingProblems }): Promise<void> {
  const read = await deps.documents.read(VaultDocument);
  if (read.kind !== 'ok') return;
  const held = new Set((await deps.repo.all()).map((r) => r.id));
  const orphans = Object.keys(read.value.entries).filter((id) => !held.has(id));
  if (orphans.length === 0) {
    await deps.problems.clear('orphaned-tokens', VaultDocument.name);
    return;
  }
  await deps.problems.record({
    kind: 'orphaned-tokens',
    document: VaultDocument.name,
    message:
      `Kith still holds ${orphans.length} saved sign-in${orphans.length === 1 ? '' : 's'} (${orphans.join(', ')}) whose account ${orphans.length === 1 ? 'record was' : 'records were'} lost. ` +
      `Kith cannot tell which provider issued ${orphans.length === 1 ? 'it' : 'them'}, so it cannot revoke ${orphans.length === 1 ? 'it' : 'them'} for you: ` +
      `remove Kith at ${REMOVE_ACCESS_AT.google} (Google) and ${REMOVE_ACCESS_AT.facebook} (Facebook) unless you still use it there. ` +
      'The sealed sign-ins are kept, not deleted.',
  });
}
