// The people who can sign in at the sandbox's consent pages. Deterministic so
// tests and docs can name them; the counts of contacts and friends are the
// defaults that --contacts / --friends override.

export interface SeededPerson {
  /** Short stable key used in admin calls and resource ids. */
  key: string;
  /** Google `sub` / Facebook app-scoped user id. */
  subject: string;
  givenName: string;
  familyName: string;
  email: string;
  /** Contacts (Google) or friends (Facebook) this person has by default. */
  defaultConnections: number;
  /** Index used to derive ids and avatar colours. */
  ordinal: number;
}

export function displayName(person: SeededPerson): string {
  return `${person.givenName} ${person.familyName}`;
}

export const GOOGLE_PEOPLE: readonly SeededPerson[] = [
  { key: 'ada', subject: '110000000000000000001', givenName: 'Ada', familyName: 'Lovelace', email: 'ada.lovelace@example.com', defaultConnections: 250, ordinal: 1 },
  { key: 'grace', subject: '110000000000000000002', givenName: 'Grace', familyName: 'Hopper', email: 'grace.hopper@example.com', defaultConnections: 40, ordinal: 2 },
  { key: 'alan', subject: '110000000000000000003', givenName: 'Alan', familyName: 'Turing', email: 'alan.turing@example.com', defaultConnections: 0, ordinal: 3 },
];

export const FACEBOOK_PEOPLE: readonly SeededPerson[] = [
  { key: 'kofi', subject: '10000000000000101', givenName: 'Kofi', familyName: 'Mensah', email: 'kofi.mensah@example.net', defaultConnections: 120, ordinal: 1 },
  { key: 'mei', subject: '10000000000000102', givenName: 'Mei', familyName: 'Chen', email: 'mei.chen@example.net', defaultConnections: 12, ordinal: 2 },
  { key: 'lars', subject: '10000000000000103', givenName: 'Lars', familyName: 'Berg', email: 'lars.berg@example.net', defaultConnections: 0, ordinal: 3 },
];

export const SANDBOX_CREDENTIALS = {
  google: {
    clientId: 'kith-sandbox-desktop.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-kith-sandbox-desktop',
    clientName: 'Kith (sandbox)',
  },
  facebook: {
    appId: '100000000000001',
    appSecret: 'kith-sandbox-app-secret',
    /** Meant to be embedded in apps (Login for Devices sends APP_ID|CLIENT_TOKEN), unlike the secret. */
    clientToken: 'kith-sandbox-client-token',
    appName: 'Kith (sandbox)',
    // The localhost one older Kith configurations used, and Kith's default on 127.0.0.1 (RFC 8252 §8.3).
    defaultRedirectUris: ['http://localhost:47823/kith/facebook/callback', 'http://127.0.0.1:47823/kith/facebook/callback'],
  },
} as const;
