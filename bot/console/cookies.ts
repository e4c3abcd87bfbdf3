import type { Request, Response } from 'express';

export interface CookieSettings {
  /** Production: Secure and the __Host- prefix (the browser then refuses it over http and from subdomains). */
  secure: boolean;
}

export function cookieName(settings: CookieSettings): string {
  return settings.secure ? '__Host-parley_console' : 'parley_console';
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

export function setSessionCookie(res: Response, settings: CookieSettings, secret: string, expiresAt: Date): void {
  res.cookie(cookieName(settings), secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(res: Response, settings: CookieSettings): void {
  res.clearCookie(cookieName(settings), { httpOnly: true, sameSite: 'strict', secure: settings.secure, path: '/' });
}
