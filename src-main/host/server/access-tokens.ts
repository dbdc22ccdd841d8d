// What the host server needs of the AccessTokenService (src-main/core/tokens),
// narrowed to the methods it calls so tests can wrap the real service.
import type { KithApi } from '../../../src-contract/kith-api';
import type { AccessTokenService } from '../../core/tokens/access-token-service';

export type { AccessTokenAbility as TokenAbility } from '../../core/tokens/access-token-record';
export type { AccessTokenType as TokenType } from '../../core/tokens/access-token-format';

export type HostTokenService = Pick<AccessTokenService, 'issue' | 'verify' | 'revokeAllOfType'>;

/** The core as the host server uses it (core/kith-core.ts's KithCore fits). */
export type HostCore = KithApi & { readonly accessTokens: HostTokenService };
