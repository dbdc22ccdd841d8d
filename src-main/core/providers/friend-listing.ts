// Turns an async generator of batches (whose return value is the outcome)
// into the FriendListing shape: `batches` to iterate, `outcome` settling
// after the last batch — or rejecting with the error that ended it.
import type { FriendBatch, FriendListing, FriendSyncOutcome } from './provider';

export function deferredListing(run: () => AsyncGenerator<FriendBatch, FriendSyncOutcome>): FriendListing {
  let resolveOutcome!: (outcome: FriendSyncOutcome) => void;
  let rejectOutcome!: (error: unknown) => void;
  const outcome = new Promise<FriendSyncOutcome>((resolve, reject) => {
    resolveOutcome = resolve;
    rejectOutcome = reject;
  });
  // The caller may stop iterating on an error and never await the outcome.
  outcome.catch(() => {});
  async function* batches(): AsyncGenerator<FriendBatch> {
    const generator = run();
    try {
      for (;;) {
        const step = await generator.next();
        if (step.done) {
          resolveOutcome(step.value);
          return;
        }
        yield step.value;
      }
    } catch (error) {
      rejectOutcome(error);
      throw error;
    } finally {
      // Iteration abandoned early (break): nothing more will come.
      rejectOutcome(new Error('The friends listing was abandoned before its last page.'));
    }
  }
  return { batches: batches(), outcome };
}
