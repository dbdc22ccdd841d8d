// Problems that last until the person acts: a damaged file moved aside,
// revocations that could not be read back, sealed sign-ins whose accounts were
// lost. They are kept in a small document (`problems`: sentences and names, no
// contents or secrets), so every process — the window, `kith serve`, each
// `kith status` — shows them, not only the one that found them, until the
// person dismisses each. A locked vault is not kept here: it is the vault's
// live state (status.vault), true in every process by itself.
import { z } from 'zod';
import { KithError, type StorageProblem } from '../../../src-contract/kith-api';
import type { Clock, Logger } from '../ports';
import { defineDocument, errorSummary, type TypedDocumentStore } from '../storage/typed-document-store';

const LastingProblemSchema = z
  .object({
    id: z.string().regex(/^prb_[a-f0-9]{12}$/),
    kind: z.enum(['damaged-file', 'orphaned-tokens']),
    document: z.string().max(200),
    message: z.string().max(2000),
    since: z.number().int().nonnegative(),
  })
  .strict();
type LastingProblem = z.infer<typeof LastingProblemSchema>;

/** The problems document itself is never listed in it (a damaged one is reported in memory, and starts afresh). */
export const problemsDocument = defineDocument('problems', z.object({ version: z.literal(1), problems: z.array(LastingProblemSchema).max(200) }).strict());

export interface LastingProblems {
  record(problem: { kind: LastingProblem['kind']; document: string; message: string }): Promise<void>;
  /** Removes a kind of problem for a document once it is gone by itself (the orphaned sign-ins were forgotten). */
  clear(kind: LastingProblem['kind'], document: string): Promise<void>;
  list(): Promise<StorageProblem[]>;
  dismiss(id: string): Promise<void>;
}

export function createLastingProblems(deps: { documents: TypedDocumentStore; clock: Clock; randomBytes(size: number): Uint8Array; log: Logger }): LastingProblems {
  const empty = () => ({ version: 1 as const, problems: [] as LastingProblem[] });
  const edit = (change: (problems: LastingProblem[]) => LastingProblem[] | null) =>
    deps.documents.update(problemsDocument, empty, (doc) => {
      const next = change(doc.problems);
      if (next) doc.problems = next;
      return { result: undefined, changed: next !== null };
    });
  return {
    async record({ kind, document, message }) {
      if (document === problemsDocument.name) return;
      try {
        await edit((problems) => {
          if (problems.some((p) => p.kind === kind && p.document === document && p.message === message)) return null;
          const id = `prb_${Buffer.from(deps.randomBytes(6)).toString('hex')}`;
          // The newest 200 are kept: a folder that keeps breaking must not grow this without end.
          return [...problems, { id, kind, document, message: message.slice(0, 2000), since: deps.clock.now() }].slice(-200);
        });
      } catch (error) {
        // Still shown by the process that found it; only its lasting copy is lost.
        deps.log.warn('could not keep a problem for later', { document, error: errorSummary(error) });
      }
    },
    async clear(kind, document) {
      await edit((problems) => (problems.some((p) => p.kind === kind && p.document === document) ? problems.filter((p) => !(p.kind === kind && p.document === document)) : null));
    },
    async list() {
      const read = await deps.documents.readOr(problemsDocument, empty);
      return read.value.problems.map(({ id, document, message, since }) => ({ id, document, message, since }));
    },
    async dismiss(id) {
      let found = false;
      await edit((problems) => {
        found = problems.some((p) => p.id === id);
        return found ? problems.filter((p) => p.id !== id) : null;
      });
      if (!found) throw new KithError('E_INVALID_INPUT', 'That problem is no longer listed.');
    },
  };
}
