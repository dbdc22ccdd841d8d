// Saves that cannot be cut into slices wait until nobody has asked for
// anything for a moment: every request pushes them back, and they run once
// the requests stop (or at once when nobody asked).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQuietWatch, QUIET_MS } from './background-slices';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a quiet watch', () => {
  it('waits while people keep asking, and settles once they have stopped for a moment', async () => {
    const { noteAsked, untilQuiet } = createQuietWatch();
    const events: string[] = [];
    noteAsked();
    const quiet = untilQuiet().then(() => events.push('quiet'));
    for (let k = 0; k < 5; k++) {
      await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
      events.push(`asked ${k}`);
      noteAsked();
    }
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    await quiet;
    expect(events).toEqual(['asked 0', 'asked 1', 'asked 2', 'asked 3', 'asked 4', 'quiet']);
  });

  it('settles at once when nobody asked lately, or when its work is stopped', async () => {
    const { noteAsked, untilQuiet } = createQuietWatch();
    noteAsked();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    const events: string[] = [];
    await untilQuiet().then(() => events.push('quiet at once'));
    noteAsked();
    const stop = new AbortController();
    const stopped = untilQuiet(stop.signal).then(() => events.push('stopped'));
    stop.abort();
    await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
    await stopped;
    expect(events).toEqual(['quiet at once', 'stopped']);
  });

  it("is one core's: asks noted in another watch do not hold its saves back", async () => {
    const mine = createQuietWatch();
    const theirs = createQuietWatch();
    theirs.noteAsked();
    const events: string[] = [];
    await mine.untilQuiet().then(() => events.push('mine at once'));
    mine.noteAsked();
    const waiting = theirs.untilQuiet().then(() => events.push('theirs after the quiet spell'));
    await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
    events.push('half-way');
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    await waiting;
    expect(events).toEqual(['mine at once', 'half-way', 'theirs after the quiet spell']);
  });
});
