// The ProviderClient for each provider Kith is configured for.
import { KithError, type ProviderId } from '../../../src-contract/kith-api';
import type { ProviderClient } from '../providers/provider';
import { providerName } from '../../../src-contract/provider-names';

export type ProviderRegistry = Partial<Record<ProviderId, ProviderClient>>;

export function providerFor(registry: ProviderRegistry, id: ProviderId): ProviderClient {
  const provider = registry[id];
  if (!provider) throw new KithError('E_CONFIG', `Kith is not configured for ${providerName(id)}.`);
  return provider;
}
