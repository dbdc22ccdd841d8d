// Typing in the friends search box of the real UI, 50,000 friends (BENCH_FRIENDS):
// the host shell and the sandbox as processes, Debian's Chromium driving the
// page. For every keystroke, the time from the key event to the rows of that
// query on screen (the count line names the query, no row is still loading),
// measured in the page: when the DOM holds them, and at the next frame after
// (requestAnimationFrame, then a task: the frame that paints them).
// Target: p95 ≤ 16 ms from key to rows in the DOM.
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import { KithApp } from '../e2e/support/kith-app';
import { startKithEnvironment } from '../e2e/support/kith-environment';
import { percentile, report } from './report';

const FRIENDS = Number(process.env.BENCH_FRIENDS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_RUNS ?? 5);
/** Where to write the page's CPU profile over the typing (Chrome DevTools format), when set. */
const PROFILE = process.env.BENCH_CPU_PROFILE;
/** Where to write a Chromium trace of the typing (chrome://tracing, Perfetto), when set. */
const TRACE = process.env.BENCH_TRACE;
/** Where to write every keystroke's figures (JSON), when set: which keys were slow, and where their time went. */
const KEYS_OUT = process.env.BENCH_KEYS_OUT;
// What a person types: names, an email, digits of a phone, short and broad prefixes.
const TYPED = ['aiko mensah', 'kwame', 'lucia.gonzalez', '555 01', 'mar', 'zo', 'ben'];

// A string, not a function: tsx's name helpers do not exist in the page.
const PROBE = `(() => {
  const input = document.querySelector('input[type="search"]');
  window.keys_ = [];
  performance.setResourceTimingBufferSize(100000);
  let pending = null;
  const rendered = () => {
    if (!pending) return false;
    const query = input.value.trim();
    if (input.value !== pending.value) return false;
    // Looked up each time: the list gives way to a message when nothing matches, and comes back.
    const list = document.querySelector('[role="list"][aria-label="Friends"]');
    if (!list) return document.body.textContent.includes('No one matches \\u201c' + query + '\\u201d');
    const count = document.getElementById(list.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    if (!(query ? count.includes('\\u201c' + query + '\\u201d') : !count.includes('Loading'))) return false;
    return list.querySelector('[role="listitem"]') !== null && list.querySelector('[aria-busy="true"]') === null;
  };
  const check = () => {
    if (!rendered()) return;
    const done = pending;
    pending = null;
    done.dom = performance.now() - done.at;
    // The API call this key made (the last friends.list asked after it): when it left, how long it took.
    const calls = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/rpc/friends.list') && e.startTime >= done.at);
    const call = calls.at(-1);
    // The round trip's parts: until the request was written, until the answer's first byte (the server's
    // work and the loopback), and reading the answer (its size).
    if (call) Object.assign(done, { toRequest: call.startTime - done.at, request: call.responseEnd - call.startTime, afterResponse: done.dom - (call.responseEnd - done.at), beforeSend: call.requestStart - call.startTime, waiting: call.responseStart - call.requestStart, download: call.responseEnd - call.responseStart, bytes: call.encodedBodySize });
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        done.frame = performance.now() - done.at;
        window.keys_.push(done);
      };
      channel.port2.postMessage(0);
    });
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  input.addEventListener('input', (event) => {
    pending = { at: event.timeStamp, value: input.value };
    check();
  }, true);
})()`;

async function main(): Promise<void> {
  const kith = await startKithEnvironment({ contacts: FRIENDS });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const app = new KithApp(page);
    await app.open(kith.launchUrl);
    await app.connect('google', { person: 'Ada Lovelace' });
    await app.accountCard(/Ada Lovelace/).getByText(new RegExp(`${FRIENDS.toLocaleString('en-US')} friends`)).waitFor({ timeout: 300_000 });
    await app.goTo('Friends');
    await app.friendRows().first().waitFor();
    await page.evaluate(PROBE);
    const box = app.searchBox();
    await box.click();
    if (TRACE) await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'blink', 'cc', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
    const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    /** Waits until `count` inputs have their rows on screen; says what the page shows if they never do. */
    const measured = (count: number) =>
      page.waitForFunction((n) => (window as unknown as { keys_: unknown[] }).keys_.length >= n, count, { timeout: 10_000 }).catch(async (error: unknown) => {
        const described = (await app.friendList().count()) > 0 ? await app.friendList().getAttribute('aria-describedby') : null;
        const shown = described ? await page.locator(`[id="${described}"]`).textContent() : null;
        console.error({ value: await box.inputValue(), shown, busyRows: await page.locator('[aria-busy="true"]').count(), rows: await app.friendRows().count() });
        throw error;
      });
    let typed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of TYPED) {
        for (const char of text) {
          await page.keyboard.type(char);
          typed++;
          await measured(typed);
          // A pause as between a person's keystrokes, so each is measured on its own.
          await page.waitForTimeout(60);
        }
        // Emptying the box is an input too (the whole list again); it is waited for, not counted.
        await box.fill('');
        typed++;
        await measured(typed);
      }
    }
    if (TRACE) await browser.stopTracing();
    if (cdp && PROFILE) writeFileSync(PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    type Key = { value: string; dom: number; frame: number; toRequest?: number; request?: number; afterResponse?: number; beforeSend?: number; waiting?: number; download?: number };
    const keys = ((await page.evaluate('window.keys_')) as Key[]).filter((k) => k.value !== '');
    if (KEYS_OUT) writeFileSync(KEYS_OUT, JSON.stringify(keys, null, 1));
    const dom = keys.map((k) => k.dom);
    const frame = keys.map((k) => k.frame);
    const round1 = (v: number) => Math.round(v * 10) / 10;
    const slowest = [...keys].sort((a, b) => b.dom - a.dom).slice(0, 3).map((k) => `"${k.value}" ${round1(k.dom)} ms`);
    report(`friend search typing (${FRIENDS.toLocaleString('en-US')} friends, Chromium ${browser.version()})`, {
      keystrokes: keys.length,
      key_to_rows_in_dom_p50_ms: round1(percentile(dom, 50)),
      key_to_rows_in_dom_p95_ms: round1(percentile(dom, 95)),
      key_to_rows_in_dom_max_ms: round1(Math.max(...dom)),
      key_to_request_sent_p50_ms: round1(percentile(keys.flatMap((k) => k.toRequest ?? []), 50)),
      request_round_trip_p50_ms: round1(percentile(keys.flatMap((k) => k.request ?? []), 50)),
      request_round_trip_p95_ms: round1(percentile(keys.flatMap((k) => k.request ?? []), 95)),
      request_before_send_p50_ms: round1(percentile(keys.flatMap((k) => k.beforeSend ?? []), 50)),
      request_waiting_p50_ms: round1(percentile(keys.flatMap((k) => k.waiting ?? []), 50)),
      request_download_p50_ms: round1(percentile(keys.flatMap((k) => k.download ?? []), 50)),
      response_to_rows_in_dom_p50_ms: round1(percentile(keys.flatMap((k) => k.afterResponse ?? []), 50)),
      response_to_rows_in_dom_p95_ms: round1(percentile(keys.flatMap((k) => k.afterResponse ?? []), 95)),
      key_to_next_frame_p50_ms: round1(percentile(frame, 50)),
      key_to_next_frame_p95_ms: round1(percentile(frame, 95)),
    }, [
      `${ROUNDS} rounds of typing ${TYPED.map((t) => `"${t}"`).join(', ')}, a key every ~60 ms after the previous one's rows`,
      `slowest: ${slowest.join(', ')}`,
      'headless Chromium, software rendering, 2 shared cores; the page, kith serve and the sandbox share them',
    ]);
  } finally {
    await browser.close();
    await kith.stop();
  }
}

await main();
