// Who may reach what: every console route refuses a visitor without a session (401) and a role
// without the permission (403); sessions expire and end; sign-in is rate limited and its cookie is
// httpOnly and SameSite=Strict.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { can, type ConsoleRole } from '../../adapters/index.js';
import { startConsoleServer, type ConsoleServer } from '../../tests/support/console-server.js';
import type { RouteSpec } from './index.js';

let server: ConsoleServer;
let opening: Promise<ConsoleServer> | undefined;
const cookies = new Map<ConsoleRole, string>();
beforeEach(async () => {
  server = await (opening ??= startConsoleServer());
  if (cookies.size === 0) for (const role of ['officer', 'supervisor', 'admin'] as const) cookies.set(role, (await server.signIn(role)).cookie);
});
afterAll(async () => {
  await opening?.then((s) => s.close(), () => undefined);
});

function pathOf(route: RouteSpec): string {
  return route.example ?? route.path;
}

function bodyFor(route: RouteSpec): unknown {
  return route.method === 'post' ? {} : undefined;
}

describe('every console route', () => {
  it('lists the routes it guards, and only the sign-in page, its assets and the sign-in call are public', async () => {
    const routes = server.console.routes;
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((route) => route.access === 'public').map((route) => `${route.method} ${route.path}`)).toEqual([
      'get /console/sign-in',
      'get /console/assets/sign-in.js',
      'get /console/assets/console.css',
      'post /api/audit/session',
    ]);
  });

  it('answers 401 without a session, on each of them', async () => {
    const guarded = server.console.routes.filter((route) => route.access !== 'public');
    for (const route of guarded) {
      const response = await server.request(route.method.toUpperCase(), pathOf(route), { body: bodyFor(route) });
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
    }
    // A made-up cookie is no session either.
    const forged = await server.request('GET', '/api/audit/conversations', { cookie: 'parley_console=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.status).toBe(401);
  });

  it('answers 401 on paths under /api/audit and /console that no route names', async () => {
    for (const path of ['/api/audit/nothing-here', '/api/audit', '/console/secret.json', '/console/assets/other.js']) {
      expect((await server.request('GET', path)).status, path).toBe(401);
    }
    const signedIn = await server.request('GET', '/api/audit/nothing-here', { cookie: cookies.get('admin') });
    expect(signedIn.status).toBe(404);
  });

  it('answers 403 to a role without the permission, on each of them, and lets a role with it through', async () => {
    const byCapability = server.console.routes.filter((route) => route.access !== 'public' && route.access !== 'session');
    let refusals = 0;
    for (const route of byCapability) {
      for (const role of ['officer', 'supervisor', 'admin'] as const) {
        const response = await server.request(route.method.toUpperCase(), pathOf(route), { cookie: cookies.get(role), body: bodyFor(route) });
        const label = `${role} ${route.method} ${route.path}`;
        if (route.access === 'public' || route.access === 'session' || can(role, route.access)) {
          expect([401, 403], label).not.toContain(response.status);
        } else {
          expect(response.status, label).toBe(403);
          refusals += 1;
        }
      }
    }
    // Officers may not work hand-offs or manage users; supervisors may not place holds or manage users.
    expect(refusals).toBeGreaterThanOrEqual(10);
  });

  it('serves the sign-in page without a session and sends a visitor of the console page to it', async () => {
    const signInPage = await server.request('GET', '/console/sign-in');
    expect(signInPage.status).toBe(200);
    expect(await signInPage.text()).toContain('Sign-in token');
    const consolePage = await server.request('GET', '/console/', { headers: { accept: 'text/html' } });
    expect(consolePage.status).toBe(401);
    expect(await consolePage.text()).toContain('url=/console/sign-in');
    const signedIn = await server.request('GET', '/console/', { cookie: cookies.get('officer'), headers: { accept: 'text/html' } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await signedIn.text()).toContain('/console/assets/app.js');
  });

  it('refuses unmasking to a supervisor (403) but not to an officer', async () => {
    const key = encodeURIComponent('conv:webchat:none');
    expect((await server.request('GET', `/api/audit/conversations/${key}?unmask=1`, { cookie: cookies.get('supervisor') })).status).toBe(403);
    expect((await server.request('GET', `/api/audit/conversations/${key}?unmask=1`, { cookie: cookies.get('officer') })).status).toBe(404);
  });

  it('refuses a state change sent as a form or from another origin', async () => {
    const form = await fetch(`${server.baseUrl}/api/audit/holds`, {
      method: 'POST',
      headers: { cookie: cookies.get('officer') ?? '', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'accountId=DEMO-MA-001&reason=subpoena',
    });
    expect(form.status).toBe(415);
    const crossSite = await server.request('POST', '/api/audit/holds', { cookie: cookies.get('officer'), body: { accountId: 'DEMO-MA-001', reason: 'subpoena' }, headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
  });
});

describe('sessions', () => {
  it('gives an httpOnly, SameSite=Strict cookie that ends at sign-out', async () => {
    const { token } = await server.signIn('officer', 'cookie checker');
    const response = await server.request('POST', '/api/audit/session', { body: { token } });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^parley_console=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await server.request('GET', '/api/audit/session', { cookie })).status).toBe(200);
    expect((await server.request('DELETE', '/api/audit/session', { cookie })).status).toBe(200);
    expect((await server.request('GET', '/api/audit/session', { cookie })).status).toBe(401);
  });

  it('expires after the configured time', async () => {
    const { cookie } = await server.signIn('officer', 'expiry checker');
    expect((await server.request('GET', '/api/audit/conversations', { cookie })).status).toBe(200);
    const start = server.now.value;
    try {
      server.now.value = new Date(start.getTime() + 59 * 60_000);
      expect((await server.request('GET', '/api/audit/conversations', { cookie })).status).toBe(200);
      server.now.value = new Date(start.getTime() + 60 * 60_000 + 1);
      expect((await server.request('GET', '/api/audit/conversations', { cookie })).status).toBe(401);
    } finally {
      server.now.value = start;
    }
  });

  it('refuses a wrong, malformed or disabled token with one message', async () => {
    const { token, userId, cookie } = await server.signIn('officer', 'to be disabled');
    const wrong = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    for (const candidate of [wrong, 'not a token', '']) {
      const response = await server.request('POST', '/api/audit/session', { body: { token: candidate } });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'that token is not valid: ask an admin for a new one' });
    }
    const disabled = await server.request('POST', `/api/audit/users/${userId}/disable`, { cookie: cookies.get('admin'), body: {} });
    expect(disabled.status).toBe(200);
    expect((await server.request('GET', '/api/audit/session', { cookie })).status).toBe(401);
    expect((await server.request('POST', '/api/audit/session', { body: { token } })).status).toBe(401);
  });
});

describe('sign-in attempts', () => {
  it('are limited per user and per client address, with Retry-After', async () => {
    const limited = await startConsoleServer({ signInLimits: { perIp: 8, perUser: 3, windowMs: 15 * 60_000 } });
    try {
      const { token } = await limited.signIn('officer', 'hammered');
      const wrong = `${token.split('.')[0]}.${'x'.repeat(43)}`;
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await limited.request('POST', '/api/audit/session', { body: { token: wrong } })).status);
      // The first sign-in counted too: the user's fourth attempt is refused even with the right token.
      expect(statuses).toEqual([401, 401, 429]);
      const blocked = await limited.request('POST', '/api/audit/session', { body: { token } });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      // Other users from the same address: 8 attempts in all, then the address is refused.
      const others: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) others.push((await limited.request('POST', '/api/audit/session', { body: { token: `u_${'a'.repeat(10)}.${'y'.repeat(43)}` } })).status);
      expect(others.slice(0, 3)).toEqual([401, 401, 401]);
      expect(others.at(-1)).toBe(429);
      // After the window the user may try again.
      limited.now.value = new Date(limited.now.value.getTime() + 16 * 60_000);
      expect((await limited.request('POST', '/api/audit/session', { body: { token } })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('in production', () => {
  it('marks the cookie Secure with the __Host- prefix', async () => {
    const secure = await startConsoleServer({ secureCookies: true, backend: 'postgres' });
    try {
      const { token } = await secure.signIn('officer');
      const response = await secure.request('POST', '/api/audit/session', { body: { token } });
      // Over plain http the test client keeps no cookie, but the server's header says what a browser gets.
      expect(response.headers.get('set-cookie') ?? '').toMatch(/^__Host-parley_console=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
    } finally {
      await secure.close();
    }
  });
});
