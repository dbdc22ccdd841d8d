// The OpenAPI 3.1 description of the host server's REST API for scripts,
// generated from the contract's own zod schemas (zod 4's z.toJSONSchema emits
// JSON Schema 2020-12, which OpenAPI 3.1 uses as is), so the description
// cannot drift from what the server checks and answers. Served at
// httpPaths.openapi. The page's RPC and event routes are not described: they
// take a browser session, not a script's token.
//
// OpenAPI 3.1: https://spec.openapis.org/oas/v3.1.0 (§4.8.27: for a scheme other
// than OAuth2 or OpenID Connect, a security requirement's array MAY list roles,
// used here for the token's abilities).
import { z } from 'zod';
import { KithErrorSchema } from './errors';
import { FriendPageSchema, FriendQuerySchema, FriendRowPageSchema } from './friends-schemas';
import { AccountSummarySchema } from './schemas';
import { httpPaths } from './wire';

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
}

const ErrorReplySchema = z.object({ ok: z.literal(false), error: KithErrorSchema }).strict();

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject) => ({ 'application/json': { schema } });
const errorResponse = (description: string, headers?: JsonObject) => ({ description, content: json(ref('ErrorReply')), ...(headers ? { headers } : {}) });

/** The failures every authenticated route may answer with. */
const authErrors = {
  '401': errorResponse('No token, or a token that is malformed, expired, revoked or never issued (E_UNAUTHORIZED).', {
    'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer realm="kith" (RFC 6750 §3).' },
  }),
  '403': errorResponse('The token lacks the ability this route needs, or the request came from another site (E_FORBIDDEN).'),
  '429': errorResponse('Too many failed attempts from this client, or too many requests with this token (E_RATE_LIMITED).', {
    'Retry-After': { schema: { type: 'integer', minimum: 1 }, description: 'Seconds to wait (RFC 9110 §10.2.3).' },
  }),
  '500': errorResponse('Kith failed (E_INTERNAL, E_STORAGE, E_CONFIG).'),
};

function queryParameters(schema: z.ZodType): JsonObject[] {
  const described = jsonSchema(schema, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(described.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: described.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) };
  });
}

export function buildOpenApiDocument(version: string): JsonObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kith local API',
      version,
      description:
        'Read-only access to the accounts and offline friend lists Kith holds, for scripts on this computer. ' +
        'Served by "kith serve" on 127.0.0.1 only. Authenticate with a Kith personal access token ("kith token create", ' +
        'or the app\'s Script access page): "Authorization: Bearer kith_p_...". Provider tokens are never served.',
    },
    servers: [{ url: '/', description: 'The "kith serve" that served this document.' }],
    security: [],
    paths: {
      [httpPaths.accounts]: {
        get: {
          operationId: 'listAccounts',
          summary: 'The connected accounts.',
          security: [{ kithToken: ['accounts:read'] }],
          'x-kith-abilities': ['accounts:read'],
          responses: {
            '200': { description: 'Every connected account the token may read.', content: json(ref('AccountList')) },
            ...authErrors,
          },
        },
      },
      [httpPaths.friends]: {
        get: {
          operationId: 'listFriends',
          summary: 'A page of friends from the offline cache, of one account or all of them.',
          security: [{ kithToken: ['friends:read'] }],
          'x-kith-abilities': ['friends:read'],
          // accountIds is the server's own narrowing for a token limited to some accounts, not a parameter.
          parameters: queryParameters(FriendQuerySchema.omit({ accountIds: true })),
          responses: {
            '200': {
              description: 'One page, in the order asked for: its items whole people (FriendPage), or rows with shape=row (FriendRowPage).',
              content: json({ oneOf: [ref('FriendPage'), ref('FriendRowPage')] }),
            },
            '400': errorResponse('A parameter is out of range or unknown (E_INVALID_INPUT).'),
            '404': errorResponse('There is no such account (E_UNKNOWN_ACCOUNT).'),
            ...authErrors,
          },
        },
      },
      [httpPaths.openapi]: {
        get: {
          operationId: 'openapi',
          summary: 'This document.',
          security: [],
          responses: { '200': { description: 'The OpenAPI 3.1 description of this API.', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: {
      securitySchemes: {
        kithToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A Kith personal access token (kith_p_...). Its abilities (accounts:read, friends:read) decide which routes it may use.',
        },
      },
      schemas: {
        AccountList: jsonSchema(z.array(AccountSummarySchema), 'output'),
        FriendPage: jsonSchema(FriendPageSchema, 'output'),
        FriendRowPage: jsonSchema(FriendRowPageSchema, 'output'),
        ErrorReply: jsonSchema(ErrorReplySchema, 'output'),
      },
    },
  };
}

