// The real AccessTokenService over an in-memory store, with a clock the test
// moves and a record of every token issued (to look for them in logs).
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../../core/ports';
import { MemoryDocumentStore } from '../../../core/testing/memory-document-store';
import { TypedDocumentStore } from '../../../core/storage/typed-document-store';
import type { AccessTokenAbility } from '../../../core/tokens/access-token-record';
import { AccessTokenService } from '../../../core/tokens/access-token-service';
import type { HostTokenService } from '../access-tokens';

export interface TestAccessTokens extends HostTokenService {
  /** A personal token, as a person would create one for a script. */
  issuePersonal(abilities: AccessTokenAbility[], ttlMs?: number): Promise<string>;
  /** Moves the service's clock forward. */
  advance(ms: number): void;
  /** Every token issued so far. */
  readonly issued: string[];
}

export function createTestAccessTokens(log: Logger): TestAccessTokens {
  const clock = { time: 1_700_000_000_000, now: () => clock.time };
  const service = new AccessTokenService({
    documents: new TypedDocumentStore(new MemoryDocumentStore(), log),
    clock,
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
  });
  const issued: string[] = [];
  const issue: HostTokenService['issue'] = async (input) => {
    const result = await service.issue(input);
    issued.push(result.token);
    return result;
  };
  return {
    issued,
    issue,
    verify: (token, ability, options) => service.verify(token, ability, options),
    revokeAllOfType: (type) => service.revokeAllOfType(type),
    flushUses: () => service.flushUses(),
    async issuePersonal(abilities, ttlMs) {
      return (await issue({ type: 'personal', name: 'test script', abilities, ttlMs })).token;
    },
    advance(ms) {
      clock.time += ms;
    },
  };
}
