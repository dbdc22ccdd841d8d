// Child process for vault-race.test.ts: puts its own accounts into a shared
// vault as fast as it can, as the CLI and `kith serve` might at once.
import { createRecordingLogger } from '../../core/testing/recording-logger';
import { TypedDocumentStore } from '../../core/storage/typed-document-store';
import { createTestingCipher } from '../../core/testing/testing-cipher';
import { TokenVault } from '../../core/vault/token-vault';
import { createConfDocumentStore } from '../conf-document-store';

const [dir, prefix, count] = process.argv.slice(2);
if (!dir || !prefix || !count) throw new Error('usage: vault-race.child.ts <dir> <prefix> <count>');
const log = createRecordingLogger();
const vault = new TokenVault({ documents: new TypedDocumentStore(await createConfDocumentStore({ dir }), log), cipher: createTestingCipher(), log });
for (let i = 0; i < Number(count); i++) {
  await vault.put(`acc_${prefix}${String(i).padStart(4, '0')}`, { accessToken: `t-${prefix}-${i}`, accessTokenExpiresAt: null, refreshToken: null, scopes: [] });
}
