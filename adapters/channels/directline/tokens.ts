// Direct Line tokens: compact HS256 JWTs bound to one conversation (and one user), signed with a key derived
// from the Direct Line secret. JWT-shaped because DirectLineJS and Web Chat read the `user` claim from them.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenScope = 'conversation' | 'stream';

export interface TokenClaims {
  /** The only conversation this token opens. */
  conv: string;
  /** The user id every activity posted with this token is attributed to. */
  user: string;
  scope: TokenScope;
  /** Seconds since the epoch, as JWTs have it. */
  iat: number;
  exp: number;
  jti: string;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-scope' };

// One fixed header: anything else (alg "none", another algorithm) fails the signature comparison.
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const KEY_LABEL = 'parley/directline/token/v1';
export const MIN_SECRET_LENGTH = 32;

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export class TokenSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      throw new RangeError(`The Direct Line secret must be at least ${MIN_SECRET_LENGTH} characters (generate one with: openssl rand -base64 48)`);
    }
    // A derived key, so the secret itself never signs anything a client can see.
    this.key = createHmac('sha256', secret).update(KEY_LABEL).digest();
  }

  sign(claims: Omit<TokenClaims, 'iat' | 'exp' | 'jti'>, nowMs: number, ttlMs: number): string {
    const iat = Math.floor(nowMs / 1000);
    const full: TokenClaims = { ...claims, iat, exp: iat + Math.max(1, Math.floor(ttlMs / 1000)), jti: randomBytes(9).toString('base64url') };
    const body = `${HEADER}.${base64url(JSON.stringify(full))}`;
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  verify(token: string, scope: TokenScope, nowMs: number): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || token.length > 2048) return { ok: false, reason: 'malformed' };
    const [header, payload, signature] = parts as [string, string, string];
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(`${header}.${payload}`);
    if (header !== HEADER || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
    if (claims.scope !== scope) return { ok: false, reason: 'wrong-scope' };
    if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  /** Constant-time comparison of a presented bearer value with the secret. */
  static isSecret(presented: string, secret: string): boolean {
    const a = createHmac('sha256', KEY_LABEL).update(presented).digest();
    const b = createHmac('sha256', KEY_LABEL).update(secret).digest();
    return timingSafeEqual(a, b);
  }

  private mac(input: string): Buffer {
    return createHmac('sha256', this.key).update(input).digest();
  }
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    typeof claims.conv === 'string' &&
    typeof claims.user === 'string' &&
    (claims.scope === 'conversation' || claims.scope === 'stream') &&
    typeof claims.iat === 'number' &&
    typeof claims.exp === 'number' &&
    typeof claims.jti === 'string'
  );
}
