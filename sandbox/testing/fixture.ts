// Starting a sandbox for a test: `startTestSandbox` (a running sandbox and its
// admin client) is the one way, used by Kith's own starter in
// src-main/core/testing/kith-sandbox.ts; `useSandbox` gives a test file one
// sandbox, reset before each test.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createSandboxAdmin, type SandboxAdmin } from '../admin-client';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../server';

export interface TestSandbox {
  readonly sandbox: RunningSandbox;
  readonly url: string;
  readonly admin: SandboxAdmin;
  close(): Promise<void>;
}

export async function startTestSandbox(options: StartSandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox(options);
  return { sandbox, url: sandbox.url, admin: createSandboxAdmin(sandbox.url), close: () => sandbox.close() };
}

export interface SandboxFixture {
  readonly url: string;
  readonly admin: SandboxAdmin;
}

export function useSandbox(options: StartSandboxOptions = {}): SandboxFixture {
  let running: TestSandbox | null = null;
  beforeAll(async () => {
    running = await startTestSandbox(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(async () => {
    await running?.admin.reset();
  });
  return {
    get url() {
      if (!running) throw new Error('sandbox not started');
      return running.url;
    },
    get admin() {
      if (!running) throw new Error('sandbox not started');
      return running.admin;
    },
  };
}
