// The first check on any address Kith hands to a system browser: it must parse,
// and be http or https (never file:, javascript:, a custom scheme or a command).
import { KithError } from '../../../src-contract/kith-api';

export function parseWebUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KithError('E_FORBIDDEN', 'Kith only opens web addresses in the browser.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new KithError('E_FORBIDDEN', 'Kith only opens http and https addresses in the browser.');
  }
  return parsed;
}
