import { randomBytes } from 'node:crypto';
import type { SqlClient } from '../sql-client.js';
import { sha256Hex, type ConsoleUser } from './users.js';
import type { ConsoleRole } from './roles.js';

export interface ConsoleSession {
  user: ConsoleUser;
  createdAt: Date;
  expiresAt: Date;
}

export interface ConsoleSessions {
  /** Opens a session; the secret goes in the cookie, only its hash in the database. */
  open(userId: string, at: Date, ttlMs: number): Promise<{ secret: string; expiresAt: Date }>;
  /** The live session a cookie secret names, or undefined (unknown, ended, expired, user disabled). */
  find(secret: string, at: Date): Promise<ConsoleSession | undefined>;
  end(secret: string, at: Date): Promise<void>;
}

interface Row {
  created_at: Date;
  expires_at: Date;
  id: string;
  name: string;
  role: ConsoleRole;
  user_created_at: Date;
  token_issued_at: Date;
}

export function createConsoleSessions(client: SqlClient): ConsoleSessions {
  return {
    async open(userId, at, ttlMs) {
      const secret = randomBytes(32).toString('base64url');
      const expiresAt = new Date(at.getTime() + ttlMs);
      await client.query('INSERT INTO console_sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3::timestamptz, $4::timestamptz)', [
        sha256Hex(secret),
        userId,
        at.toISOString(),
        expiresAt.toISOString(),
      ]);
      return { secret, expiresAt };
    },
    async find(secret, at) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
      const [row] = await client.query<Row>(
        `SELECT s.created_at, s.expires_at, u.id, u.name, u.role, u.created_at AS user_created_at, u.token_issued_at
           FROM console_sessions s JOIN console_users u ON u.id = s.user_id
          WHERE s.id_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2::timestamptz AND u.disabled_at IS NULL`,
        [sha256Hex(secret), at.toISOString()],
      );
      if (!row) return undefined;
      return {
        user: { id: row.id, name: row.name, role: row.role, createdAt: row.user_created_at, tokenIssuedAt: row.token_issued_at },
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },
    async end(secret, at) {
      await client.query('UPDATE console_sessions SET ended_at = $2::timestamptz WHERE id_hash = $1 AND ended_at IS NULL', [sha256Hex(secret), at.toISOString()]);
    },
  };
}
