import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createRecordingLogger } from '../../core/testing/recording-logger';
import { fakeElectron } from '../testing/fake-electron';

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectron.module);
const { shell } = await import('electron');
const { createShellFolderOpener } = await import('./shell-folder-opener');

beforeEach(() => fakeElectron.reset());

describe('createShellFolderOpener', () => {
  it('opens the folder with shell.openPath and says whether the file manager took it', async () => {
    const log = createRecordingLogger();
    const opener = createShellFolderOpener(shell, { kind: 'system' }, log);
    expect(await opener.open('/home/ada/.config/Kith')).toBe(true);
    fakeElectron.state.openPathError = 'Failed to open path';
    expect(await opener.open('/home/ada/.config/Kith')).toBe(false);
    expect(fakeElectron.state.openedPaths).toEqual(['/home/ada/.config/Kith', '/home/ada/.config/Kith']);
  });

  it('opens nothing with KITH_BROWSER=none', async () => {
    const opener = createShellFolderOpener(shell, { kind: 'none' }, createRecordingLogger());
    expect(await opener.open('/home/ada/.config/Kith')).toBe(false);
    expect(fakeElectron.state.openedPaths).toEqual([]);
  });
});
