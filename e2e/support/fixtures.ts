import { test as base } from '@playwright/test';
import { KithApp } from './kith-app';
import { startKithEnvironment, type KithEnvironment, type KithEnvironmentOptions } from './kith-environment';

export const test = base.extend<{ kithOptions: KithEnvironmentOptions; kith: KithEnvironment; app: KithApp }>({
  kithOptions: [{}, { option: true }],
  kith: async ({ kithOptions }, use) => {
    const environment = await startKithEnvironment(kithOptions);
    try {
      await use(environment);
    } finally {
      await environment.stop();
    }
  },
  app: async ({ page, kith }, use) => {
    const app = new KithApp(page);
    await app.open(kith.launchUrl);
    await use(app);
  },
});

export { expect } from '@playwright/test';
