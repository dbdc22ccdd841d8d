// A sandbox per test file, reset before each test.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createSandboxAdmin, type SandboxAdmin } from '../admin-client';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../server';

export interface SandboxFixture {
  readonly url: string;
  readonly admin: SandboxAdmin;
}

export function useSandbox(options: StartSandboxOptions = {}): SandboxFixture {
  let running: RunningSandbox | null = null;
  let admin: SandboxAdmin | null = null;
  beforeAll(async () => {
    running = await startSandbox(options);
    admin = createSandboxAdmin(running.url);
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(async () => {
    await admin?.reset();
  });
  return {
    get url() {
      if (!running) throw new Error('sandbox not started');
      return running.url;
    },
    get admin() {
      if (!admin) throw new Error('sandbox not started');
      return admin;
    },
  };
}
