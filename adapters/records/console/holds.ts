import { randomUUID } from 'node:crypto';
import type { SqlClient, SqlQueryable } from '../sql-client.js';

export interface LegalHold {
  id: string;
  accountId: string;
  reason: string;
  placedBy: string;
  placedAt: Date;
  releasedAt?: Date;
  releasedBy?: string;
}

interface Row {
  id: string;
  account_id: string;
  reason: string;
  placed_by: string;
  placed_at: Date;
  released_at: Date | null;
  released_by: string | null;
}

function toHold(row: Row): LegalHold {
  return {
    id: row.id,
    accountId: row.account_id,
    reason: row.reason,
    placedBy: row.placed_by,
    placedAt: row.placed_at,
    ...(row.released_at ? { releasedAt: row.released_at } : {}),
    ...(row.released_by ? { releasedBy: row.released_by } : {}),
  };
}

export class LegalHoldError extends Error {}

export interface LegalHolds {
  place(input: { accountId: string; reason: string; by: string; at: Date }): Promise<LegalHold>;
  release(id: string, by: string, at: Date): Promise<LegalHold>;
  /** Holds in place (not released), newest first; of one account when given. */
  active(accountId?: string): Promise<LegalHold[]>;
}

/** Accounts under a hold: a console hold in place, or the legalHold flag on the consumer's flags. */
export async function heldAccountIds(tx: SqlQueryable): Promise<Set<string>> {
  const rows = await tx.query<{ account_id: string }>(
    `SELECT account_id FROM console_legal_holds WHERE released_at IS NULL
     UNION SELECT account_id FROM consumer_flags WHERE jsonb_typeof(flags -> 'legalHold') = 'object'`,
  );
  return new Set(rows.map((row) => row.account_id));
}

export function createLegalHolds(client: SqlClient): LegalHolds {
  return {
    async place({ accountId, reason, by, at }) {
      if (!reason.trim()) throw new LegalHoldError('A legal hold needs a reason (the matter or request it serves).');
      const [row] = await client.query<Row>(
        `INSERT INTO console_legal_holds (id, account_id, reason, placed_by, placed_at) VALUES ($1, $2, $3, $4, $5::timestamptz) RETURNING *`,
        [randomUUID(), accountId, reason.trim(), by, at.toISOString()],
      );
      return toHold(row as Row);
    },
    async release(id, by, at) {
      const [row] = await client.query<Row>(
        `UPDATE console_legal_holds SET released_at = $3::timestamptz, released_by = $2 WHERE id = $1 AND released_at IS NULL RETURNING *`,
        [id, by, at.toISOString()],
      );
      if (!row) throw new LegalHoldError(`No legal hold ${id} is in place.`);
      return toHold(row);
    },
    async active(accountId) {
      const rows = await client.query<Row>(
        `SELECT * FROM console_legal_holds WHERE released_at IS NULL ${accountId ? 'AND account_id = $1' : ''} ORDER BY placed_at DESC`,
        accountId ? [accountId] : [],
      );
      return rows.map(toHold);
    },
  };
}
