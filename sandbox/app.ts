// Wires every route of the sandbox into one Hono app. Faults wrap only the
// providers' API endpoints; consent pages, discovery, JWKS, avatars and the
// admin API always answer normally.
import { Hono } from 'hono';
import type { SandboxContext } from './context';
import { faultMiddleware } from './fault-middleware';
import { registerAdmin } from './admin';
import { registerAvatarRoutes } from './seed/avatars';
import { registerGoogleAuthorize } from './google/authorize';
import { GOOGLE_TOKEN_PATH, registerGoogleToken } from './google/token';
import { GOOGLE_REVOKE_PATH, registerGoogleRevoke } from './google/revoke';
import { GOOGLE_USERINFO_PATH, registerGoogleOidc } from './google/oidc';
import { registerGooglePeople } from './google/people';
import { registerFacebookDialog } from './facebook/dialog';
import { registerFacebookOidc } from './facebook/oidc';
import { registerFacebookToken } from './facebook/token';
import { registerFacebookMe } from './facebook/me';
import { registerFacebookFriends } from './facebook/friends';
import { registerFacebookPermissions } from './facebook/permissions';
import { registerFacebookDebugToken } from './facebook/debug-token';
import { registerFacebookDeviceLogin } from './facebook/device-login';
import { registerFacebookDevicePage } from './facebook/device-page';

export function createSandboxApp(context: SandboxContext, log?: (line: string) => void): Hono {
  const app = new Hono();

  if (log) {
    app.use('*', async (c, next) => {
      await next();
      // Path only: queries carry codes and tokens.
      log(`${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status}`);
    });
  }

  const googleFaults = faultMiddleware(context, 'google');
  for (const path of [GOOGLE_TOKEN_PATH, GOOGLE_REVOKE_PATH, GOOGLE_USERINFO_PATH, '/google/tokeninfo', '/google/people/*']) app.use(path, googleFaults);

  const facebookFaults = faultMiddleware(context, 'facebook');
  app.use('/facebook/graph/*', async (c, next) => {
    await next();
    // Graph reports the app's rate-limit usage on every answer.
    if (!c.res.headers.has('X-App-Usage')) c.res.headers.set('X-App-Usage', JSON.stringify({ call_count: 1, total_cputime: 1, total_time: 1 }));
  });
  app.use('/facebook/graph/*', facebookFaults);

  registerGoogleAuthorize(app, context);
  registerGoogleToken(app, context);
  registerGoogleRevoke(app, context);
  registerGoogleOidc(app, context);
  registerGooglePeople(app, context);

  registerFacebookDialog(app, context);
  registerFacebookDevicePage(app, context);
  registerFacebookDeviceLogin(app, context);
  registerFacebookOidc(app, context);
  registerFacebookToken(app, context);
  registerFacebookPermissions(app, context);
  registerFacebookDebugToken(app, context);
  registerFacebookFriends(app, context);
  registerFacebookMe(app, context);

  registerAvatarRoutes(app);
  if (context.config.admin) registerAdmin(app, context);

  app.notFound((c) => {
    if (c.req.path.startsWith('/facebook/graph')) {
      return c.json({ error: { message: `Unknown path components: ${c.req.path}`, type: 'OAuthException', code: 2500 } }, 400);
    }
    return c.json({ error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } }, 404);
  });
  app.onError((error, c) => {
    log?.(`error: ${error.message}`);
    return c.json({ error: { code: 500, message: 'Internal error in the sandbox', status: 'INTERNAL' } }, 500);
  });
  return app;
}
