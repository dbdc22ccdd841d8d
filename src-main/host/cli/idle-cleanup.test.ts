// The idle clean-up of `kith serve` on a manual clock: it runs once, a quiet spell
// after the last work, never while a call runs or the core's background work is
// still going, and nothing is left scheduled once the process is idle.
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../core/testing/manual-clock';
import { createIdleCleanup, idleCleanups } from './idle-cleanup';

function setup() {
  const clock = createManualClock();
  let cleanUps = 0;
  let background: Promise<void> = Promise.resolve();
  const cleanup = createIdleCleanup({
    quietMs: 2_000,
    scheduler: clock,
    settled: () => background,
    cleanUp: () => {
      cleanUps++;
    },
  });
  return {
    clock,
    cleanup,
    cleanUps: () => cleanUps,
    setBackground: (work: Promise<void>) => (background = work),
  };
}

/** A piece of work the test ends when it likes. */
function pending(): { work: Promise<void>; end(): void } {
  let end = () => {};
  const work = new Promise<void>((resolve) => (end = resolve));
  return { work, end };
}

describe('idle clean-up', () => {
  it('schedules nothing until there has been work', () => {
    const t = setup();
    expect(t.clock.pendingTimers()).toEqual([]);
  });

  it('runs once, a quiet spell after the last work, and then schedules nothing', async () => {
    const t = setup();
    await t.cleanup.during(async () => 'answered');
    await t.clock.advance(1_000);
    t.cleanup.touch();
    await t.clock.advance(1_999);
    expect(t.cleanUps()).toBe(0);
    await t.clock.advance(1);
    expect(t.cleanUps()).toBe(1);
    expect(t.clock.pendingTimers()).toEqual([]);
    await t.clock.advance(60_000);
    expect(t.cleanUps()).toBe(1);
  });

  it('never runs while a call is still running, and runs a quiet spell after it ends', async () => {
    const t = setup();
    const call = pending();
    const answered = t.cleanup.during(() => call.work);
    await t.clock.advance(30_000);
    expect(t.cleanUps()).toBe(0);
    call.end();
    await answered;
    await t.clock.advance(2_000);
    expect(t.cleanUps()).toBe(1);
  });

  it('waits for the background work, and leaves it to the next quiet spell when work came meanwhile', async () => {
    const t = setup();
    const indexing = pending();
    t.setBackground(indexing.work);
    t.cleanup.touch();
    await t.clock.advance(2_000);
    expect(t.cleanUps()).toBe(0);
    // A call arrives while the clean-up waits for the background work.
    await t.cleanup.during(async () => 'answered');
    indexing.end();
    await t.clock.advance(0);
    expect(t.cleanUps()).toBe(0);
    await t.clock.advance(2_000);
    expect(t.cleanUps()).toBe(1);
  });

  it('gives back what a call returns or throws, unchanged', async () => {
    const t = setup();
    await expect(t.cleanup.during(async () => 42)).resolves.toBe(42);
    const failure = new Error('refused');
    await expect(t.cleanup.during(() => Promise.reject(failure))).rejects.toBe(failure);
  });

  it('runs no more once stopped', async () => {
    const t = setup();
    t.cleanup.touch();
    t.cleanup.stop();
    await t.clock.advance(10_000);
    expect(t.cleanUps()).toBe(0);
    expect(t.clock.pendingTimers()).toEqual([]);
  });
});

describe('idle clean-ups in steps', () => {
  it('runs each after its own quiet spell, and a call before the later one puts that one off again', async () => {
    const clock = createManualClock();
    const ran: string[] = [];
    const step = (name: string, quietMs: number) => createIdleCleanup({ quietMs, scheduler: clock, settled: async () => {}, cleanUp: () => void ran.push(name) });
    const both = idleCleanups(step('collect', 2_000), step('let go', 30_000));
    const call = pending();
    const answered = both.during(() => call.work);
    await clock.advance(40_000);
    expect(ran).toEqual([]);
    call.end();
    await expect(answered).resolves.toBeUndefined();
    await clock.advance(2_000);
    expect(ran).toEqual(['collect']);
    // A person comes back 20 s later: the index is still held, and the quiet spell starts again.
    await clock.advance(18_000);
    await both.during(async () => 'answered');
    await clock.advance(29_999);
    expect(ran).toEqual(['collect', 'collect']);
    await clock.advance(1);
    expect(ran).toEqual(['collect', 'collect', 'let go']);
    both.stop();
    both.touch();
    expect(clock.pendingTimers()).toEqual([]);
  });
});
