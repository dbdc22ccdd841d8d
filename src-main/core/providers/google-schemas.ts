// The shapes Kith reads from Google: the token endpoint's answer (as
// google-auth-library hands it back, expires_in already turned into
// expiry_date) and a People connections.list page. Only the fields Kith uses
// are named; all may be absent (the JSON omits empty fields) or null.
import { z } from 'zod';

/** RFC 6749 §5.1 as Credentials: access_token required; id_token is checked apart (E_ID_TOKEN_INVALID when missing). */
export const GoogleTokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  id_token: z.string().nullish(),
  refresh_token: z.string().nullish(),
  scope: z.string().nullish(),
  token_type: z.string().nullish(),
  // The library computes it from expires_in: NaN (refused) when expires_in was not a number.
  expiry_date: z.number().nullish(),
  // Left in place only when falsy.
  expires_in: z.number().nullish(),
  // Seconds the refresh token has left, "only set when the user grants time-based access" (and for
  // apps in "Testing"): "OAuth 2.0 for Mobile & Desktop Apps", token response. The library passes it through.
  refresh_token_expires_in: z.number().nonnegative().nullish(),
});
export type GoogleTokenAnswer = z.infer<typeof GoogleTokenAnswerSchema>;

// People pages are read with stripping objects (z.object): fields Kith does not name are
// accepted and left out of the result instead of copied into it. A full sync parses every
// person of every page; copying the unnamed ones (etag, sources, displayNameLastFirst, …)
// doubled the check's cost (measured 8 us per person loose, 2-4 us stripped).
const FieldMetadataSchema = z.object({ primary: z.boolean().nullish() });

/** A People field value (names, emailAddresses, ...): its metadata says which one is primary. */
const fieldValue = <T extends z.core.$ZodShape>(shape: T) => z.object({ metadata: FieldMetadataSchema.nullish(), ...shape });

// People API, Person resource (developers.google.com/people/api/rest/v1/people): Name's
// givenName / familyName; EmailAddress and PhoneNumber's `type` (home, work, mobile, … or a
// custom one) and `formattedType` (the same in the viewer's locale); PhoneNumber's canonicalForm
// (ITU-T E.164); PersonMetadata.sources[].updateTime ("Last update timestamp of this source").
const labelled = { value: z.string().nullish(), type: z.string().nullish(), formattedType: z.string().nullish() };

export const PeoplePersonSchema = z.object({
  resourceName: z.string().nullish(),
  metadata: z.object({ deleted: z.boolean().nullish(), sources: z.array(z.object({ updateTime: z.string().nullish() })).nullish() }).nullish(),
  names: z.array(fieldValue({ displayName: z.string().nullish(), givenName: z.string().nullish(), familyName: z.string().nullish() })).nullish(),
  emailAddresses: z.array(fieldValue(labelled)).nullish(),
  phoneNumbers: z.array(fieldValue({ ...labelled, canonicalForm: z.string().nullish() })).nullish(),
  // `default`: Google's generated placeholder picture.
  photos: z.array(fieldValue({ url: z.string().nullish(), default: z.boolean().nullish() })).nullish(),
});
export type PeoplePerson = z.infer<typeof PeoplePersonSchema>;

export const PeopleConnectionsPageSchema = z.object({
  connections: z.array(PeoplePersonSchema).nullish(),
  nextPageToken: z.string().nullish(),
  nextSyncToken: z.string().nullish(),
  totalItems: z.number().int().nonnegative().nullish(),
});
export type PeopleConnectionsPage = z.infer<typeof PeopleConnectionsPageSchema>;
