// What the device login (login/device-login.ts) needs from a provider that
// signs people in with a code they confirm elsewhere (RFC 8628's device
// authorization grant; Facebook's "Login for Devices"). One implementation:
// facebook-device-login.ts. The device code is the polling secret and never
// leaves the core; the user code is meant to be shown.
import type { KithError } from '../../../src-contract/kith-api';
import type { ProviderIdentity, TokenSet } from './provider';

export interface DeviceAuthorization {
  /** The polling secret (RFC 8628 `device_code`, Facebook's `code`): sent back to the provider only. */
  deviceCode: string;
  /** What the person confirms at the provider's page. */
  userCode: string;
  /** The provider's device page, without the code. */
  verificationUri: string;
  /** The same page with the code filled in, when the provider's page takes it (else null). */
  verificationUriComplete: string | null;
  /** How long the codes are good for, from the provider's answer. */
  expiresInSeconds: number;
  /** The provider's minimum time between polls. */
  intervalSeconds: number;
}

export type DevicePoll =
  /** The person has not answered yet: poll again after the interval. */
  | { status: 'pending' }
  /** Polled too often (RFC 8628 §3.5 slow_down): poll again, less often. */
  | { status: 'slow_down' }
  | { status: 'expired' }
  | { status: 'declined' }
  /** The provider could not be reached or had trouble; a later poll may work. */
  | { status: 'unavailable'; error: KithError }
  | { status: 'approved'; result: { tokens: TokenSet; identity: ProviderIdentity } };

export interface DeviceAuthorizationClient {
  /** Asks the provider for a device code and a user code. */
  start(): Promise<DeviceAuthorization>;
  /** Asks once whether the person has answered; approved: the tokens and who signed in. */
  poll(deviceCode: string): Promise<DevicePoll>;
}
