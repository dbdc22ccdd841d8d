// The name a person knows each provider by, for messages and labels.
import type { ProviderId } from '../../../src-contract/kith-api';

const NAMES: Record<ProviderId, string> = { google: 'Google', facebook: 'Facebook' };

export function providerName(id: ProviderId): string {
  return NAMES[id];
}
