import { describe, expect, it } from 'vitest';
import { createTestCore } from '../testing/test-core';

describe('dataFolder.open', () => {
  it("opens Kith's own data folder, the one status names", async () => {
    const opened: string[] = [];
    const t = createTestCore({ folderOpener: { open: async (folder) => (opened.push(folder), true) } });
    expect(await t.core.dataFolder.open({})).toEqual({ opened: true });
    expect(opened).toEqual([(await t.core.status.get({})).dataDir]);
  });

  it('takes no path from the page', async () => {
    const t = createTestCore({ folderOpener: { open: async () => true } });
    await expect(t.core.dataFolder.open({ path: '/etc' } as never)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });

  it('answers opened: false where nothing can open it, or the opener fails', async () => {
    expect(await createTestCore().core.dataFolder.open({})).toEqual({ opened: false });
    const failing = createTestCore({ folderOpener: { open: async () => Promise.reject(new Error('no file manager')) } });
    expect(await failing.core.dataFolder.open({})).toEqual({ opened: false });
  });
});
