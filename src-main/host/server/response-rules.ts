// What every answer of the host server carries besides its own headers, and
// the access log's entry for an answered request: one home for both ways in
// (the Hono app and the direct friends read).
import { httpPaths } from '../../../src-contract/wire';
import type { AccessLogEntry } from '../../core/ports';
import { CONTROL_LAUNCH_PATH } from './control-route';

/** API answers, the launch link and the control route hold tokens or live data: no cache keeps them. */
export function isNoStorePath(path: string): boolean {
  return path.startsWith('/api/') || path === httpPaths.launch || path === CONTROL_LAUNCH_PATH;
}

/** One request made with a personal token, once answered; never its headers or body. `startedAt` is a performance.now() reading. */
export function answeredEntry(tokenId: string, method: string, pathAndQuery: string, status: number, startedAt: number, bytes: number): AccessLogEntry {
  return { at: Date.now(), tokenId, method, path: pathAndQuery, status, durationMs: Math.round((performance.now() - startedAt) * 100) / 100, bytes };
}
