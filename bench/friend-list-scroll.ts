// 25,000 friends in the real UI: the host shell and sandbox as processes,
// Debian's Chromium driving the page. Measures time to first rows, frame
// times while scrolling the whole list, rows kept in the DOM, and JS heap.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import { KithApp } from '../e2e/support/kith-app';
import { startKithEnvironment } from '../e2e/support/kith-environment';
import { percentile, report } from './report';

const FRIENDS = Number(process.env.BENCH_FRIENDS ?? 25_000);
/** 'entries' scrolls every contact as its own row ("Show each account's entries separately"); default: people, as the page opens. */
const VIEW = process.env.BENCH_VIEW === 'entries' ? 'entries' : 'people';

async function main(): Promise<void> {
  const kith = await startKithEnvironment({ contacts: FRIENDS });
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), args: [...(chromiumLaunchOptions().args ?? []), '--enable-precise-memory-info'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const app = new KithApp(page);
    await app.open(kith.launchUrl);
    await app.connect('google', { person: 'Ada Lovelace' });
    await app.accountCard(/Ada Lovelace/).getByText(new RegExp(`${FRIENDS.toLocaleString('en-US')} friends`)).waitFor({ timeout: 120_000 });

    const started = Date.now();
    await app.goTo('Friends');
    await app.friendRows().first().waitFor();
    const firstRowsMs = Date.now() - started;
    if (VIEW === 'entries') {
      await page.getByRole('checkbox', { name: 'Show each account’s entries separately' }).check();
      await page.locator('.friend-count').getByText(new RegExp(`^${FRIENDS.toLocaleString('en-US')} entries`)).waitFor();
    }

    // Scroll the whole list in wheel steps, recording every frame's duration.
    // A string, not a function: tsx's name helpers do not exist in the page.
    await page.evaluate(`(() => {
      window.frames_ = [];
      window.stop_ = false;
      let last = performance.now();
      const tick = (now) => {
        window.frames_.push(now - last);
        last = now;
        if (!window.stop_) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      // Long animation frames say whether a slow frame was the page's own work (script,
      // style, layout) or waiting on raster, which is slow in headless software rendering.
      window.loaf_ = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const script = e.scripts.reduce((sum, s) => sum + s.duration, 0);
          const render = e.renderStart ? e.startTime + e.duration - e.renderStart : 0;
          window.loaf_.push({ duration: e.duration, blocking: e.blockingDuration, script, render });
        }
      }).observe({ type: 'long-animation-frame' });
    })()`);
    await app.friendList().hover();
    const steps = Number(process.env.BENCH_STEPS ?? 300);
    const stepPx = Number(process.env.BENCH_STEP_PX ?? 1200);
    const scrollStarted = Date.now();
    let maxRows = 0;
    for (let i = 0; i < steps; i += 1) {
      await page.mouse.wheel(0, stepPx);
      if (i % 30 === 0) maxRows = Math.max(maxRows, await app.friendRows().count());
    }
    const scrollMs = Date.now() - scrollStarted;
    const frames = await page.evaluate(() => {
      const w = window as unknown as { frames_: number[]; stop_: boolean };
      w.stop_ = true;
      return w.frames_.slice(1);
    });
    type Loaf = { duration: number; blocking: number; script: number; render: number };
    const loaf = (await page.evaluate('window.loaf_')) as Loaf[];
    const max = (values: number[]) => Math.round(Math.max(0, ...values));
    // Jump to the end: the last friend loads and shows.
    await app.friendList().focus();
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelectorAll('[role="listitem"][aria-busy="true"]').length === 0);
    const lastPosition = await app.friendRows().last().getAttribute('aria-posinset');
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);

    report(`friend list scrolling (${FRIENDS.toLocaleString('en-US')} friends${VIEW === 'entries' ? ' as entries' : ''}, Chromium ${browser.version()})`, {
      first_rows_ms: firstRowsMs,
      wheel_steps: steps,
      scroll_wall_ms: scrollMs,
      frames: frames.length,
      frame_p50_ms: percentile(frames, 50),
      frame_p95_ms: percentile(frames, 95),
      frame_p99_ms: percentile(frames, 99),
      frames_over_50ms: frames.filter((f) => f > 50).length,
      long_frames: loaf.length,
      long_frames_max_script_ms: max(loaf.map((l) => l.script)),
      long_frames_max_style_layout_paint_ms: max(loaf.map((l) => l.render)),
      long_frames_total_blocking_ms: Math.round(loaf.reduce((sum, l) => sum + l.blocking, 0)),
      max_rows_in_dom: maxRows,
      last_row_position: Number(lastPosition),
      js_heap_mib: Math.round((heap / 1024 / 1024) * 10) / 10,
    }, [
      'headless Chromium, software rendering, 2 shared cores',
      'long frames with little script/style work and no blocking time are raster waits, not the page',
    ]);
  } finally {
    await browser.close();
    await kith.stop();
  }
}

await main();
