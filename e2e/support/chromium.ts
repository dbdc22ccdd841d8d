import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, not Playwright's download (it cannot be fetched here).
 * The background-networking flags stop Chromium from calling out to Google's
 * hosts, which this machine's closed network would refuse.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: process.env.KITH_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=Translate,OptimizationHints,MediaRouter',
    ],
  };
}
