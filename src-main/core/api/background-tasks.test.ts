import { describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { createRecordingLogger } from '../testing/recording-logger';
import { createBackgroundTasks } from './background-tasks';

describe('background tasks', () => {
  it('log a failure by its code only, and close waits for what runs, at most the grace period', async () => {
    const log = createRecordingLogger();
    const tasks = createBackgroundTasks(log);
    tasks.run(Promise.reject(new KithError('E_OFFLINE', 'Google at https://x/?access_token=ya29.secret did not answer.')));
    let finished = false;
    tasks.run(new Promise((resolve) => setTimeout(resolve, 20)).then(() => (finished = true)));
    tasks.run(new Promise(() => {})); // never settles

    // Resolves although one task never settles, and only after the others did.
    await tasks.settle(200);
    expect(finished).toBe(true);
    expect(log.lines.join('\n')).toContain('E_OFFLINE');
    expect(log.lines.join('\n')).not.toContain('ya29');
  });
});
