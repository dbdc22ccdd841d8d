// A full, compacting garbage collection on demand, for `kith serve` once it has
// gone quiet (idle-cleanup.ts). V8 shrinks an idle heap on its own only when its
// memory reducer runs, some 8 s after a full collection and later still on a busy
// machine; measured on a 100,000-contact server it often had not run 15 s after
// the last call, and the heap kept 35-40 MB of pages for some 15 MB live.
// --expose-gc set after V8 started applies to contexts made from then on: the one
// made here hands the function out, and nothing else in the process sees a `gc`.
// A plain full collection leaves most of those pages held (it compacts only the
// most fragmented ones); with --compact-on-every-full-gc for that one collection
// it moves the live objects together and returns the rest, as the memory reducer
// does (some 50-170 ms at 100,000 contacts, load 5-7). The flag is read at each
// full collection and put back at once, so the sync's own collections stay as fast.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function exposeFullGc(): () => void {
  setFlagsFromString('--expose-gc');
  // Called with no argument: a full collection, synchronous. (An options object made in this
  // context was not read as options by the other context's gc, which then freed far less.)
  const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as (() => void) | undefined;
  // A runtime that refuses the flag still serves; its heap waits for the memory reducer, as before.
  if (!gc) return () => {};
  return () => {
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}
