// The real ProviderClients (providers/google-provider.ts, facebook-provider.ts), built from the configuration.
import type { ProviderRegistry } from '../accounts/provider-registry';
import type { KithConfig } from '../config';
import type { CorePorts } from '../ports';
import { createFacebookProvider } from '../providers/facebook-provider';
import { createGoogleProvider } from '../providers/google-provider';

export function createRealProviders(config: KithConfig, ports: CorePorts): ProviderRegistry {
  const options = { clock: ports.clock, log: ports.log };
  return {
    google: createGoogleProvider(config, ports.fetch, options),
    facebook: createFacebookProvider(config, ports.fetch, options),
  };
}
