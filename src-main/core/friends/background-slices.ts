// Long work done in the background (the index's orders and word index made
// after a sync, for saving) runs on the event loop that answers every request:
// a step that holds it for 100 ms makes a keystroke's search typed then wait as
// long. Such work awaits a pause often, and the pause gives the loop back (to
// the I/O and timers queued meanwhile, after them: setImmediate) once the
// slice has run a few ms, and otherwise costs only a microtask, so awaiting it
// every few hundred items bounds how long a search waits without making the
// work much slower.
// https://nodejs.org/en/learn/asynchronous-work/dont-block-the-event-loop
//
// A few steps cannot be cut: writing what was made into the store is one
// transaction (the saved index, some MB, 80-280 ms of writing after a sync of
// 50,000 people; its words, 50-110 ms). Nobody waits for those saves (they are
// for the next process), so they wait until the person has stopped asking for
// a moment, rather than land between two keystrokes.

/** The next turn of the event loop: after the I/O and timers queued meanwhile. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long background work runs before it lets requests through: well under a frame. */
export const SLICE_MS = 4;

/** A pause for one piece of background work: awaited often, it yields once `sliceMs` passed since it last did. */
export function slicedPause(sliceMs = SLICE_MS, now: () => number = () => performance.now()): () => Promise<void> {
  let since = now();
  return async () => {
    if (now() - since < sliceMs) return;
    await nextTurn();
    since = now();
  };
}

/** How long nobody has asked for anything before a save that holds the loop runs: longer than a pause between keystrokes. */
export const QUIET_MS = 500;

/**
 * When a person last asked for something (a list, a search), for the saves that hold the loop to
 * wait on. One per core: the index notes the asks and its saves and the words' save wait on it,
 * and a second core in the same process (a test's, a benchmark's) keeps its own.
 */
export interface QuietWatch {
  /** A person asked for something: saves wait until they have been quiet for a moment. */
  noteAsked(): void;
  /** Settles once QUIET_MS have passed since anyone last asked (at once if they have), or when `signal` aborts. */
  untilQuiet(signal?: AbortSignal): Promise<void>;
}

export function createQuietWatch(now: () => number = () => performance.now()): QuietWatch {
  let lastAsked = Number.NEGATIVE_INFINITY;
  return {
    noteAsked() {
      lastAsked = now();
    },
    async untilQuiet(signal) {
      for (;;) {
        const wait = lastAsked + QUIET_MS - now();
        if (wait <= 0 || signal?.aborted) return;
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
          };
          const timer = setTimeout(done, wait);
          signal?.addEventListener('abort', done);
        });
      }
    },
  };
}
