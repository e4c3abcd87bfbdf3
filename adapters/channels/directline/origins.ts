// Which web origins may use the chat service from a browser: the configured ones and the service's own.
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { sendError } from './errors.js';

const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, x-ms-bot-agent, x-requested-with';
const PREFLIGHT_MAX_AGE_S = 600;

export class OriginPolicy {
  private readonly allowed: Set<string>;
  private readonly ownHosts: Set<string>;

  constructor(allowedOrigins: readonly string[], publicUrl?: string) {
    this.allowed = new Set(allowedOrigins.map(normalizeOrigin));
    this.ownHosts = new Set(publicUrl ? [new URL(publicUrl).host.toLowerCase()] : []);
    if (publicUrl) this.allowed.add(normalizeOrigin(publicUrl));
  }

  /** A request without Origin is not a browser's cross-origin request (a server, curl): the bearer token decides. */
  permits(headers: IncomingHttpHeaders): boolean {
    const origin = headers.origin;
    if (origin === undefined) return true;
    if (this.allowed.has(origin.toLowerCase())) return true;
    // The page this service serves itself, whatever scheme a proxy in front of it terminates.
    try {
      const host = new URL(origin).host.toLowerCase();
      return host === (headers.host ?? '').toLowerCase() || this.ownHosts.has(host);
    } catch {
      return false;
    }
  }

  /** CORS headers for the allowed origins, a 204 for their preflights, a 403 for every other origin. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      res.vary('Origin');
      const origin = req.headers.origin;
      if (!this.permits(req.headers)) {
        sendError(res, 403, 'Forbidden', `The origin ${origin ?? ''} is not allowed to use this chat service.`);
        return;
      }
      if (origin !== undefined) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
      }
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_S));
        res.status(204).end();
        return;
      }
      next();
    };
  }
}

function normalizeOrigin(value: string): string {
  if (value === '*') throw new RangeError('Allowed web chat origins must be listed one by one ("*" would let any site use the service).');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RangeError(`Allowed web chat origin "${value}" is not a URL such as https://www.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError(`Allowed web chat origin "${value}" must be http(s)`);
  return url.origin.toLowerCase();
}
