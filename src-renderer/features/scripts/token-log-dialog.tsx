// One token's access log: its requests newest first, filtered by status class.
import { useEffect, useState } from 'react';
import type { AccessLogEntry, AccessLogStatusFilter, KithApi, ScriptToken } from '../../../src-contract/kith-api';
import { errorWords, toErrorInfo } from '../../lib/error-words';
import { formatDateTime, formatRelative } from '../../lib/format';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';

const filters: { value: AccessLogStatusFilter | 'all'; label: string }[] = [
  { value: 'all', label: 'All requests' },
  { value: '2xx', label: 'Succeeded (2xx)' },
  { value: '4xx', label: 'Refused (4xx)' },
  { value: '5xx', label: 'Failed in Kith (5xx)' },
];

export function TokenLogDialog({ api, token, now, onClose }: { api: KithApi; token: ScriptToken | null; now: number; onClose(): void }) {
  const [filter, setFilter] = useState<AccessLogStatusFilter | 'all'>('all');
  const tokenId = token?.id ?? null;
  const key = `${tokenId}|${filter}`;
  // What was loaded, for which token and filter: another key shows "Loading…" until its answer.
  const [loaded, setLoaded] = useState<{ key: string; entries: AccessLogEntry[] | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!tokenId) return;
    let current = true;
    api.tokens.log({ tokenId, ...(filter === 'all' ? {} : { status: filter }) }).then(
      (page) => current && setLoaded({ key, entries: page.entries, error: null }),
      (failure: unknown) => current && setLoaded({ key, entries: null, error: errorWords(toErrorInfo(failure), { action: 'load' }) ?? 'Could not load the access log.' }),
    );
    return () => {
      current = false;
    };
  }, [api, tokenId, filter, key]);
  const entries = loaded?.key === key ? loaded.entries : null;
  const error = loaded?.key === key ? loaded.error : null;

  return (
    <Dialog
      open={token !== null}
      title={token ? `Access log: ${token.name}` : ''}
      onClose={onClose}
      footer={<Button onClick={onClose}>Close</Button>}
    >
      <label className="token-field token-log-filter">
        <span className="token-field-label">Show</span>
        <select value={filter} onChange={(e) => setFilter(e.target.value as AccessLogStatusFilter | 'all')}>
          {filters.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      {error ? <p role="alert">{error}</p> : null}
      {entries === null && !error ? <p className="muted">Loading…</p> : null}
      {entries && entries.length === 0 ? <p className="muted">No requests {filter === 'all' ? 'yet' : 'with that status'}.</p> : null}
      {entries && entries.length > 0 ? (
        <div className="token-log-scroll">
          <table className="token-log" aria-label="Requests, newest first">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col">Bytes</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td>
                    <time dateTime={new Date(e.at).toISOString()} title={formatRelative(e.at, now)}>
                      {formatDateTime(e.at)}
                    </time>
                  </td>
                  <td>
                    <code>
                      {e.method} {e.path}
                    </code>
                  </td>
                  <td>
                    <span className={`status-pill ${e.status < 400 ? 'status-pill-ok' : e.status < 500 ? 'status-pill-warn' : 'status-pill-bad'}`}>{e.status}</span>
                  </td>
                  <td>{e.durationMs.toFixed(1)} ms</td>
                  <td>{e.bytes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Dialog>
  );
}
