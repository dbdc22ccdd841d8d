// Settings' data folder: where Kith keeps its files, with Copy (the path, to
// paste into a file manager or a terminal) and Open (Kith's own folder in the
// system's file manager: dataFolder.open takes no path). When Kith cannot open
// it (no file manager, or a shell that opens nothing) the card says so and
// points at the path to copy.
import { useState } from 'react';
import type { KithStatus } from '../../../src-contract/kith-api';
import { useStores } from '../../state/stores-context';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { CopyButton } from '../../ui/copy-button';

type OpenState = 'idle' | 'opening' | 'opened' | 'failed';

export function DataFolderSetting({ status }: { status: KithStatus | null }) {
  const stores = useStores();
  const [open, setOpen] = useState<OpenState>('idle');
  const openFolder = async () => {
    setOpen('opening');
    try {
      setOpen((await stores.api.dataFolder.open({})).opened ? 'opened' : 'failed');
    } catch {
      setOpen('failed');
    }
  };
  return (
    <Card aria-labelledby="data-title" className="settings-section">
      <h2 id="data-title">Data folder</h2>
      {status ? (
        <>
          <p>
            <code className="path" id="data-folder-path">
              {status.dataDir}
            </code>
          </p>
          <div className="device-code-actions">
            <CopyButton text={status.dataDir} label="Copy path" what="The path" describedBy="data-folder-path" statusId="data-folder-copy-status" />
            <Button onClick={() => void openFolder()} busy={open === 'opening'} aria-describedby="data-folder-path">
              Open folder
            </Button>
          </div>
          <p className="muted" role="status">
            {open === 'failed'
              ? 'Kith could not open the folder here. Copy its path and open it in your file manager.'
              : open === 'opened'
                ? 'The folder is open in your file manager.'
                : ''}
          </p>
          <p className="muted">
            Kith {status.version} · {status.shell === 'electron' ? 'desktop app' : 'served to your browser by kith serve, on this computer'}
          </p>
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </Card>
  );
}
