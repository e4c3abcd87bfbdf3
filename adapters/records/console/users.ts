import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SqlClient } from '../sql-client.js';
import type { ConsoleRole } from './roles.js';

export interface ConsoleUser {
  id: string;
  name: string;
  role: ConsoleRole;
  createdAt: Date;
  createdBy?: string;
  tokenIssuedAt: Date;
  disabledAt?: Date;
}

interface UserRow {
  id: string;
  name: string;
  role: ConsoleRole;
  token_hash: string;
  created_at: Date;
  created_by: string | null;
  token_issued_at: Date;
  disabled_at: Date | null;
}

function toUser(row: UserRow): ConsoleUser {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    ...(row.created_by ? { createdBy: row.created_by } : {}),
    tokenIssuedAt: row.token_issued_at,
    ...(row.disabled_at ? { disabledAt: row.disabled_at } : {}),
  };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** "<id>.<secret>": the id names the user (for per-user rate limits), the 32-byte secret proves it. */
const TOKEN = /^(u_[a-z0-9]{10})\.([A-Za-z0-9_-]{43})$/;

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export class ConsoleUserError extends Error {}

export type Authentication = { ok: true; user: ConsoleUser } | { ok: false; userId?: string; reason: 'malformed' | 'unknown' | 'disabled' | 'wrong-secret' };

/** The id a token claims, without checking it: the per-user rate-limit key. */
export function tokenUserId(token: string): string | undefined {
  return TOKEN.exec(token.trim())?.[1];
}

export interface ConsoleUsers {
  /** Creates a user and returns the sign-in token, which is shown once and never stored. */
  add(input: { name: string; role: ConsoleRole; at: Date; createdBy?: string }): Promise<{ user: ConsoleUser; token: string }>;
  /** Replaces a user's token (the old one stops working) and returns the new one. */
  reissueToken(idOrName: string, at: Date): Promise<{ user: ConsoleUser; token: string }>;
  disable(idOrName: string, at: Date): Promise<ConsoleUser>;
  list(): Promise<ConsoleUser[]>;
  get(id: string): Promise<ConsoleUser | undefined>;
  authenticate(token: string): Promise<Authentication>;
}

const COLUMNS = 'id, name, role, token_hash, created_at, created_by, token_issued_at, disabled_at';

export function createConsoleUsers(client: SqlClient): ConsoleUsers {
  async function find(idOrName: string): Promise<UserRow> {
    const [row] = await client.query<UserRow>(`SELECT ${COLUMNS} FROM console_users WHERE id = $1 OR name = $1`, [idOrName]);
    if (!row) throw new ConsoleUserError(`No console user is called or numbered "${idOrName}".`);
    return row;
  }
  return {
    async add({ name, role, at, createdBy }) {
      const trimmed = name.trim();
      if (!/^[\p{L}\p{N} ._'@-]{1,80}$/u.test(trimmed)) throw new ConsoleUserError('A user name is 1 to 80 letters, digits, spaces or . _ \' @ -.');
      const [existing] = await client.query<{ id: string }>('SELECT id FROM console_users WHERE name = $1', [trimmed]);
      if (existing) throw new ConsoleUserError(`A console user called "${trimmed}" already exists.`);
      const id = `u_${randomBytes(8).toString('hex').slice(0, 10)}`;
      const secret = newSecret();
      const [row] = await client.query<UserRow>(
        `INSERT INTO console_users (id, name, role, token_hash, created_at, created_by, token_issued_at)
         VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $5::timestamptz) RETURNING ${COLUMNS}`,
        [id, trimmed, role, sha256Hex(secret), at.toISOString(), createdBy ?? null],
      );
      return { user: toUser(row as UserRow), token: `${id}.${secret}` };
    },
    async reissueToken(idOrName, at) {
      const current = await find(idOrName);
      const secret = newSecret();
      const [row] = await client.query<UserRow>(
        `UPDATE console_users SET token_hash = $2, token_issued_at = $3::timestamptz WHERE id = $1 RETURNING ${COLUMNS}`,
        [current.id, sha256Hex(secret), at.toISOString()],
      );
      // Sessions opened with the old token end with it.
      await client.query('UPDATE console_sessions SET ended_at = $2::timestamptz WHERE user_id = $1 AND ended_at IS NULL', [current.id, at.toISOString()]);
      return { user: toUser(row as UserRow), token: `${current.id}.${secret}` };
    },
    async disable(idOrName, at) {
      const current = await find(idOrName);
      const [row] = await client.query<UserRow>(
        `UPDATE console_users SET disabled_at = coalesce(disabled_at, $2::timestamptz) WHERE id = $1 RETURNING ${COLUMNS}`,
        [current.id, at.toISOString()],
      );
      await client.query('UPDATE console_sessions SET ended_at = $2::timestamptz WHERE user_id = $1 AND ended_at IS NULL', [current.id, at.toISOString()]);
      return toUser(row as UserRow);
    },
    async list() {
      return (await client.query<UserRow>(`SELECT ${COLUMNS} FROM console_users ORDER BY name`)).map(toUser);
    },
    async get(id) {
      const [row] = await client.query<UserRow>(`SELECT ${COLUMNS} FROM console_users WHERE id = $1`, [id]);
      return row ? toUser(row) : undefined;
    },
    async authenticate(token) {
      const match = TOKEN.exec(token.trim());
      if (!match) return { ok: false, reason: 'malformed' };
      const [, id = '', secret = ''] = match;
      const [row] = await client.query<UserRow>(`SELECT ${COLUMNS} FROM console_users WHERE id = $1`, [id]);
      if (!row) return { ok: false, userId: id, reason: 'unknown' };
      const given = Buffer.from(sha256Hex(secret), 'hex');
      const stored = Buffer.from(row.token_hash, 'hex');
      if (given.length !== stored.length || !timingSafeEqual(given, stored)) return { ok: false, userId: id, reason: 'wrong-secret' };
      if (row.disabled_at) return { ok: false, userId: id, reason: 'disabled' };
      return { ok: true, user: toUser(row) };
    },
  };
}
