// Long work done in the background (the index's orders and word index made
// after a sync, for saving) runs on the event loop that answers every request:
// a step that holds it for 100 ms makes a keystroke's search typed then wait as
// long. Such work awaits a pause often, and the pause gives the loop back (to
// the I/O and timers queued meanwhile, after them: setImmediate) once the
// slice has run a few ms, and otherwise costs only a microtask, so awaiting it
// every few hundred items bounds how long a search waits without making the
// work much slower.
// https://nodejs.org/en/learn/asynchronous-work/dont-block-the-event-loop

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
