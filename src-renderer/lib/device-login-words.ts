// How a device login (Facebook Login for Devices) ended, in words about the
// code the person was shown, and what the retry button offers: a new code.
// Other endings read as any sign-in's (error-words.ts).
import type { KithErrorInfo, ProviderId } from '../../src-contract/kith-api';
import { providerName } from '../../src-contract/provider-names';
import { errorWords } from './error-words';

export function deviceLoginFailureWords(error: KithErrorInfo, provider: ProviderId): string | null {
  const who = providerName(provider);
  switch (error.code) {
    case 'E_LOGIN_TIMEOUT':
      return `The code expired before it was confirmed at ${who}, so nothing was connected. Get a new code when you are ready.`;
    case 'E_CONSENT_DENIED':
      return `You chose not to allow Kith at ${who}, so nothing was connected. Get a new code if you change your mind.`;
    default:
      return errorWords(error, { provider, action: 'connect' });
  }
}

/** The retry button's label after a failed sign-in. */
export function retryLabel(withCode: boolean | undefined): string {
  return withCode ? 'Get a new code' : 'Try again';
}
