// The admin API for tests: /__sandbox/*. JSON in and out, validated with zod;
// see README.md and admin-client.ts. It is test plumbing, not part of either
// provider, so faults never apply to it.
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { SandboxContext } from './context';
import { contactBookFor, friendCountFor } from './context';
import { contactResourceName } from './seed/contacts';
import { FACEBOOK_PEOPLE, GOOGLE_PEOPLE, SANDBOX_CREDENTIALS, displayName } from './seed/people';
import { findPerson, findSubject } from './seed/people-lookup';
import { decideDeviceLogin } from './facebook/device-page';
import type { DeviceLogin } from './state/device-logins';
import {
  AdvanceClockRequestSchema,
  ChangeContactsRequestSchema,
  DeviceDecisionRequestSchema,
  ExpireTokensRequestSchema,
  FailNextRequestSchema,
  FaultSettingsPatchSchema,
  ProviderNameSchema,
  RevokeGrantRequestSchema,
  SettingsPatchSchema,
} from './admin-schemas';

async function body<T>(c: Context, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let raw: unknown = {};
  const text = await c.req.text();
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, response: c.json({ error: 'invalid_json' }, 400) };
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: c.json({ error: 'invalid_request', issues: parsed.error.issues }, 400) };
  return { ok: true, value: parsed.data };
}

export function registerAdmin(app: Hono, context: SandboxContext): void {
  const A = '/__sandbox';

  app.get(`${A}/health`, (c) => c.json({ ok: true }));

  app.get(`${A}/people`, (c) =>
    c.json({
      credentials: {
        google: SANDBOX_CREDENTIALS.google,
        facebook: {
          appId: SANDBOX_CREDENTIALS.facebook.appId,
          appSecret: SANDBOX_CREDENTIALS.facebook.appSecret,
          clientToken: context.config.facebookClientToken,
          redirectUris: context.config.facebookRedirectUris,
        },
      },
      google: GOOGLE_PEOPLE.map((p) => ({ key: p.key, subject: p.subject, name: displayName(p), email: p.email, contacts: contactBookFor(context, p).total })),
      facebook: FACEBOOK_PEOPLE.map((p) => ({ key: p.key, subject: p.subject, name: displayName(p), email: p.email, friends: friendCountFor(context, p) })),
    }),
  );

  app.get(`${A}/grants`, (c) => {
    const provider = c.req.query('provider');
    const kind = c.req.query('kind');
    const status = c.req.query('status');
    const tokens = context.grants
      .listTokens()
      .map((t) => {
        const grant = context.grants.grant(t.grantId);
        return {
          provider: t.provider,
          kind: t.kind,
          value: t.value,
          status: context.grants.statusOf(t),
          grantId: t.grantId,
          person: grant ? findSubject(t.provider, grant.personKey).email : null,
          clientId: grant?.clientId ?? null,
          scopes: t.scopes,
          issuedAt: t.issuedAt,
          expiresAt: t.expiresAt,
        };
      })
      .filter((t) => (!provider || t.provider === provider) && (!kind || t.kind === kind) && (!status || t.status === status));
    const grants = context.grants
      .listGrants()
      .filter((g) => !provider || g.provider === provider)
      .map((g) => ({
        id: g.id,
        provider: g.provider,
        person: findSubject(g.provider, g.personKey).email,
        clientId: g.clientId,
        scopes: [...g.scopes],
        declined: [...g.declined],
        status: g.revokedAt === null ? 'active' : 'revoked',
        revokeReason: g.revokeReason,
        createdAt: g.createdAt,
        revokedAt: g.revokedAt,
      }));
    return c.json({ tokens, grants });
  });

  app.post(`${A}/grants/revoke`, async (c) => {
    const req = await body(c, RevokeGrantRequestSchema);
    if (!req.ok) return req.response;
    const { provider, person, reason } = req.value;
    const target = person === undefined ? null : findPerson(provider, person);
    if (person !== undefined && !target) return c.json({ error: 'unknown_person' }, 404);
    let revoked = 0;
    for (const grant of context.grants.listGrants()) {
      if (grant.provider !== provider || grant.revokedAt !== null || (target && grant.personKey !== target.key)) continue;
      context.grants.revokeGrant(grant, reason);
      revoked += 1;
    }
    return c.json({ revoked });
  });

  app.post(`${A}/tokens/expire`, async (c) => {
    const req = await body(c, ExpireTokensRequestSchema);
    if (!req.ok) return req.response;
    return c.json({ expired: context.grants.expireAccessTokens(req.value.provider) });
  });

  app.post(`${A}/contacts/change`, async (c) => {
    const req = await body(c, ChangeContactsRequestSchema);
    if (!req.ok) return req.response;
    const person = req.value.person === undefined ? GOOGLE_PEOPLE[0] : findPerson('google', req.value.person);
    if (!person) return c.json({ error: 'unknown_person' }, 404);
    const book = contactBookFor(context, person);
    const summary = book.change(req.value);
    const names = (indices: number[]) => indices.map((i) => contactResourceName(person, i));
    return c.json({ person: person.email, updated: names(summary.updated), deleted: names(summary.deleted), added: names(summary.added), total: book.total });
  });

  app.post(`${A}/sync-tokens/expire`, (c) => {
    // Strictly after every token issued so far, even within the same millisecond.
    context.syncTokensValidFrom = context.clock.now() + 1;
    return c.json({ ok: true });
  });

  // Login for Devices: list the device logins (never their polling code) and answer one as the person would.
  const deviceView = (login: DeviceLogin) => ({
    userCode: login.userCode,
    status: context.deviceLogins.isExpired(login) && login.status === 'pending' ? 'expired' : login.status,
    permissions: login.permissions,
    person: login.personKey === null ? null : findSubject('facebook', login.personKey).email,
    createdAt: login.createdAt,
    expiresAt: login.expiresAt,
  });
  app.get(`${A}/facebook/device-logins`, (c) => c.json({ deviceLogins: context.deviceLogins.list().map(deviceView) }));
  app.post(`${A}/facebook/device-logins/decide`, async (c) => {
    const req = await body(c, DeviceDecisionRequestSchema);
    if (!req.ok) return req.response;
    const { userCode, decision, friends } = req.value;
    const waiting = context.deviceLogins.list().filter((l) => l.status === 'pending' && !context.deviceLogins.isExpired(l));
    const login = userCode === undefined ? (waiting.at(-1) ?? null) : context.deviceLogins.byUserCode(userCode);
    if (!login) return c.json({ error: 'no_device_login' }, 404);
    if (login.status !== 'pending' || context.deviceLogins.isExpired(login)) return c.json({ error: 'device_login_not_pending', deviceLogin: deviceView(login) }, 409);
    const person = req.value.person === undefined ? FACEBOOK_PEOPLE[0] : findPerson('facebook', req.value.person);
    if (!person) return c.json({ error: 'unknown_person' }, 404);
    decideDeviceLogin(context, login, decision === 'deny' ? { decision: 'deny' } : { decision: 'allow', person, friendsGranted: friends });
    return c.json(deviceView(login));
  });

  app.get(`${A}/faults`, (c) => c.json(context.faults.all()));
  app.put(`${A}/faults/:provider`, async (c) => {
    const provider = ProviderNameSchema.safeParse(c.req.param('provider'));
    if (!provider.success) return c.json({ error: 'unknown_provider' }, 404);
    const req = await body(c, FaultSettingsPatchSchema);
    if (!req.ok) return req.response;
    return c.json(context.faults.update(provider.data, req.value));
  });
  app.post(`${A}/faults/:provider/next`, async (c) => {
    const provider = ProviderNameSchema.safeParse(c.req.param('provider'));
    if (!provider.success) return c.json({ error: 'unknown_provider' }, 404);
    const req = await body(c, FailNextRequestSchema);
    if (!req.ok) return req.response;
    return c.json(context.faults.failNext(provider.data, req.value.kind, req.value.count));
  });
  app.delete(`${A}/faults`, (c) => {
    const provider = c.req.query('provider');
    const parsed = provider === undefined ? null : ProviderNameSchema.safeParse(provider);
    if (parsed && !parsed.success) return c.json({ error: 'unknown_provider' }, 404);
    context.faults.clear(parsed?.data);
    return c.json(context.faults.all());
  });

  app.get(`${A}/clock`, (c) => c.json({ now: context.clock.now(), offsetMs: context.clock.offsetMs }));
  app.post(`${A}/clock/advance`, async (c) => {
    const req = await body(c, AdvanceClockRequestSchema);
    if (!req.ok) return req.response;
    context.clock.advance(req.value.seconds * 1000);
    return c.json({ now: context.clock.now(), offsetMs: context.clock.offsetMs });
  });

  app.get(`${A}/settings`, (c) => c.json(context.settings));
  app.put(`${A}/settings`, async (c) => {
    const req = await body(c, SettingsPatchSchema);
    if (!req.ok) return req.response;
    for (const [key, value] of Object.entries(req.value)) {
      if (value !== undefined) Object.assign(context.settings, { [key]: value });
    }
    return c.json(context.settings);
  });

  app.post(`${A}/reset`, (c) => {
    context.reset();
    return c.json({ ok: true });
  });
}
