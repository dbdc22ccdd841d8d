// The name a person knows each provider by, in every message and label Kith
// shows: the renderer's cards and notices, the CLI's lines, the core's errors
// and the end-to-end page object that finds buttons by those names.
import type { ProviderId } from './kith-api';

export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = { google: 'Google', facebook: 'Facebook' };

export function providerName(id: ProviderId): string {
  return PROVIDER_NAMES[id];
}
