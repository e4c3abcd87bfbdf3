import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, type Capability, type ConsoleSession, type ConsoleSessions } from '../../adapters/index.js';
import { cookieName, readCookie, type CookieSettings } from './cookies.js';

/** Who a route is for: anyone (sign-in), any signed-in user, or users whose role has the capability. */
export type Access = 'public' | 'session' | Capability;

declare module 'express-serve-static-core' {
  interface Request {
    consoleSession?: ConsoleSession;
  }
}

export interface AuthDeps {
  sessions: ConsoleSessions;
  cookies: CookieSettings;
  clock: () => Date;
}

function wantsHtml(req: Request): boolean {
  return req.method === 'GET' && !req.path.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
}

/** A 401 for a page sends the browser to the sign-in page; for the API it is JSON. */
export function unauthorized(req: Request, res: Response): void {
  res.status(401);
  res.setHeader('Cache-Control', 'no-store');
  if (wantsHtml(req)) {
    res.type('html').send(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/console/sign-in"><title>Sign in</title></head>' +
        '<body><p>Please <a href="/console/sign-in">sign in to the compliance console</a>.</p></body></html>',
    );
    return;
  }
  res.json({ error: 'sign in first: this needs a console session' });
}

/** Attaches the session the cookie names (if live) to the request; never refuses by itself. */
export function loadSession(deps: AuthDeps): RequestHandler {
  return async (req, _res, next) => {
    const secret = readCookie(req, cookieName(deps.cookies));
    if (secret) {
      const session = await deps.sessions.find(secret, deps.clock());
      if (session) req.consoleSession = session;
    }
    next();
  };
}

/**
 * State-changing requests must be JSON and, when the browser says where they come from, from this
 * origin: with the SameSite=Strict cookie that closes cross-site request forgery.
 */
function sameOriginJson(req: Request, res: Response): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    try {
      if (new URL(origin).host !== req.headers.host) {
        res.status(403).json({ error: 'cross-origin request refused' });
        return false;
      }
    } catch {
      res.status(403).json({ error: 'cross-origin request refused' });
      return false;
    }
  }
  if (req.method === 'DELETE' && !req.headers['content-type']) return true;
  if (!req.is('application/json')) {
    res.status(415).json({ error: 'send JSON (Content-Type: application/json)' });
    return false;
  }
  return true;
}

export function requireAccess(access: Access): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!sameOriginJson(req, res)) return;
    if (access === 'public') {
      next();
      return;
    }
    const session = req.consoleSession;
    if (!session) {
      unauthorized(req, res);
      return;
    }
    if (access !== 'session' && !can(session.user.role, access)) {
      res.status(403).json({ error: `your role (${session.user.role}) may not do this: it needs the ${access} permission` });
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
