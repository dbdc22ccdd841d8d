// The shapes Kith reads from Facebook's Graph API: the code exchange's answer,
// the profile, the granted permissions and a /me/friends page. Only the fields
// Kith uses are named; Graph leaves out what it has no value for.
import { z } from 'zod';

/** The OIDC code exchange: access_token required; id_token is checked apart (E_ID_TOKEN_INVALID when missing). */
export const FacebookTokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  // Seconds; absent for tokens without a known end.
  expires_in: z.number().nullish(),
  id_token: z.string().nullish(),
});

const PictureSchema = z.looseObject({
  data: z.looseObject({ url: z.string().nullish(), is_silhouette: z.boolean().nullish() }).nullish(),
});

export const FacebookProfileSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  email: z.string().nullish(),
  picture: PictureSchema.nullish(),
});

export const FacebookPermissionsSchema = z.looseObject({
  data: z.array(z.looseObject({ permission: z.string(), status: z.string() })),
});

export const FacebookFriendSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  picture: PictureSchema.nullish(),
});
export type FacebookFriend = z.infer<typeof FacebookFriendSchema>;

export const FacebookFriendsPageSchema = z.looseObject({
  data: z.array(FacebookFriendSchema),
  paging: z
    .looseObject({
      next: z.string().nullish(),
      cursors: z.looseObject({ after: z.string().nullish() }).nullish(),
    })
    .nullish(),
  // total_count: all friends, including those who do not use the app.
  summary: z.looseObject({ total_count: z.number().int().nonnegative().nullish() }).nullish(),
});
