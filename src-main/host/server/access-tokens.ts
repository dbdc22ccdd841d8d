// What the host server needs of the AccessTokenService (src-main/core/tokens),
// narrowed to the methods it calls so tests can wrap the real service.
import type { KithHandlers } from '../../../src-contract/kith-api';
import type { AccessLog } from '../../core/tokens/access-log';
import type { AccessTokenService } from '../../core/tokens/access-token-service';

export type { AccessTokenAbility as TokenAbility } from '../../core/tokens/access-token-record';
export type { AccessTokenType as TokenType } from '../../core/tokens/access-token-format';

export type HostTokenService = Pick<AccessTokenService, 'issue' | 'verify' | 'revokeAllOfType'> & Partial<Pick<AccessTokenService, 'flushUses'>>;

export type HostAccessLog = Pick<AccessLog, 'record' | 'failed' | 'flush'>;

/** The core as the host server uses it (KithCore fits): the contract's handlers, the access tokens, and (optionally) the access log. */
export type HostCore = KithHandlers & { readonly accessTokens: HostTokenService; readonly accessLog?: HostAccessLog };
