// Export: vCard 4.0 or CSV (Google Contacts' columns or Thunderbird's), of the list as
// filtered now, of everyone, or of one account; the core writes the file
// (friends.export) and the page saves it (save-file.ts).
import { useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountId, AccountSummary, FriendExportInput } from '../../../src-contract/kith-api';
import { accountWithProvider } from '../../state/accounts-store';
import { useAppStore, useStores } from '../../state/stores-context';
import { errorWords, toErrorInfo } from '../../lib/error-words';
import { pluralize } from '../../lib/format';
import { Button } from '../../ui/button';
import { saveTextFile } from './save-file';

type Format = 'vcf' | 'csv-google' | 'csv-thunderbird';
type Which = 'filter' | 'all' | AccountId;

export function ExportMenu({ accounts }: { accounts: readonly AccountSummary[] }) {
  const stores = useStores();
  const query = useAppStore(
    'friends',
    useShallow((s) => ({ accountId: s.accountId, provider: s.provider, search: s.search, view: s.view, sort: s.sort })),
  );
  const menu = useRef<HTMLDetailsElement>(null);
  const formatId = useId();
  const whichId = useId();
  const [format, setFormat] = useState<Format>('vcf');
  const [which, setWhich] = useState<Which>('filter');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');

  const save = async () => {
    const scope: Partial<FriendExportInput> =
      which === 'filter'
        ? {
            ...(query.accountId ? { accountId: query.accountId } : query.provider ? { provider: query.provider } : {}),
            ...(query.search.trim() ? { search: query.search.trim() } : {}),
          }
        : which === 'all'
          ? {}
          : { accountId: which };
    setBusy(true);
    try {
      const file = await stores.api.friends.export({
        ...scope,
        format: format === 'vcf' ? 'vcf' : 'csv',
        ...(format === 'csv-thunderbird' ? { csvColumns: 'thunderbird' as const } : {}),
        view: query.view,
        sort: query.sort,
      });
      saveTextFile(file.text, file.filename, file.mimeType);
      setResult(`Saved ${pluralize(file.count, query.view === 'people' ? 'person' : 'entry', query.view === 'people' ? 'people' : 'entries')} as ${file.filename}.`);
    } catch (cause) {
      setResult(`Could not export: ${errorWords(toErrorInfo(cause)) ?? 'something went wrong.'}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details
      ref={menu}
      className="friends-export-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && menu.current?.open) {
          menu.current.removeAttribute('open');
          menu.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="btn btn-secondary">Export</summary>
      <div className="friends-export-popover" role="group" aria-label="Export friends">
        <div className="field">
          <label htmlFor={formatId}>Format</label>
          <select id={formatId} value={format} onChange={(event) => setFormat(event.target.value as Format)}>
            <option value="vcf">vCard 4.0 (.vcf)</option>
            <option value="csv-google">CSV, Google Contacts columns</option>
            <option value="csv-thunderbird">CSV, Thunderbird columns</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={whichId}>Who</label>
          <select id={whichId} value={which} onChange={(event) => setWhich(event.target.value as Which)}>
            <option value="filter">This list, as filtered now</option>
            <option value="all">Everyone, all accounts</option>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {accountWithProvider(account)}
              </option>
            ))}
          </select>
        </div>
        <Button variant="primary" busy={busy} disabled={busy} onClick={() => void save()}>
          Save file
        </Button>
        <p className="friends-export-result" role="status">
          {result}
        </p>
      </div>
    </details>
  );
}
