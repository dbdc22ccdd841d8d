// The answers of Facebook Login for Devices (developers.facebook.com/docs/facebook-login/for-devices):
// device/login's codes and device/login_status's token. Only the fields Kith reads are named.
import { z } from 'zod';

/** POST /device/login: `code` polls, `user_code` is shown, `verification_uri` is facebook.com/device. */
export const FacebookDeviceStartSchema = z.looseObject({
  code: z.string().min(1).max(512),
  // Facebook's are 6-8 letters and digits; the schema leaves room but keeps it something a person can type.
  user_code: z.string().regex(/^[A-Za-z0-9-]{4,32}$/),
  verification_uri: z.url({ protocol: /^https?$/ }),
  expires_in: z.number().int().positive(),
  // RFC 8628 §3.2: 5 seconds when the server gives none; Facebook's guide says the same minimum.
  interval: z.number().int().positive().max(300).nullish(),
});

/**
 * POST /device/login_status once approved: the user token, `expires_in` in seconds (0: no expiry, as
 * Facebook's SDKs read it) and `data_access_expiration_time` in epoch seconds, after which data
 * calls fail until the person logs in again ("Authentication Versus Data Access").
 */
export const FacebookDeviceTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().nonnegative().nullish(),
  data_access_expiration_time: z.number().nonnegative().nullish(),
});
