import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'electron');

/**
 * The Electron executable, or null where its binary was not downloaded
 * (ELECTRON_SKIP_BINARY_DOWNLOAD). Requiring 'electron' would try to download
 * it, so the path file is read directly.
 */
export function electronExecutable(): string | null {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}
