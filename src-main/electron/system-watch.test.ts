import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../core/testing/manual-clock';
import { fakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron.module);
const electron = await import('electron');
const { watchSystem } = await import('./system-watch');

function recordingHints() {
  const seen: string[] = [];
  return { seen, hints: { networkChanged: (online: boolean) => seen.push(online ? 'network back' : 'network gone'), resumed: () => seen.push('woke') } };
}

beforeEach(() => fakeElectron.reset());

describe('watchSystem', () => {
  it('tells the core within a poll when net.isOnline() changes, once per change', async () => {
    const clock = createManualClock();
    const { seen, hints } = recordingHints();
    const stop = watchSystem(electron, hints, clock, 3_000);
    await clock.advance(9_000);
    expect(seen).toEqual([]);
    fakeElectron.state.online = false;
    await clock.advance(3_000);
    expect(seen).toEqual(['network gone']);
    await clock.advance(9_000);
    expect(seen).toEqual(['network gone']);
    fakeElectron.state.online = true;
    await clock.advance(3_000);
    expect(seen).toEqual(['network gone', 'network back']);
    stop();
  });

  it("passes powerMonitor's resume and unlock-screen on as a wake, and nothing for suspend", () => {
    const clock = createManualClock();
    const { seen, hints } = recordingHints();
    const stop = watchSystem(electron, hints, clock);
    fakeElectron.power('suspend');
    fakeElectron.power('resume');
    fakeElectron.power('unlock-screen');
    expect(seen).toEqual(['woke', 'woke']);
    stop();
  });

  it('stops polling and listening when stopped', async () => {
    const clock = createManualClock();
    const { seen, hints } = recordingHints();
    const stop = watchSystem(electron, hints, clock);
    stop();
    expect(fakeElectron.powerListeners('resume')).toBe(0);
    expect(fakeElectron.powerListeners('unlock-screen')).toBe(0);
    fakeElectron.state.online = false;
    fakeElectron.power('resume');
    await clock.advance(60_000);
    expect(seen).toEqual([]);
    expect(clock.pendingTimers()).toEqual([]);
  });
});
