import type { ContactLedger } from '../../dialogs/ports.js';
import type { ContactAttempt } from '../../guardrails/index.js';
import { UnknownAccountError, isForeignKeyViolation } from './errors.js';
import type { SqlClient } from './sql-client.js';

export interface AttemptRow {
  account_id: string;
  channel: ContactAttempt['channel'];
  at: Date;
  initiated_by: ContactAttempt['initiatedBy'];
  outcome: ContactAttempt['outcome'];
  address: string | null;
  address_type: ContactAttempt['addressType'] | null;
}

/** Instants come back in UTC (…Z) whatever offset they were recorded with. */
export function toAttempt(row: AttemptRow): ContactAttempt {
  return {
    accountId: row.account_id,
    channel: row.channel,
    at: row.at.toISOString(),
    initiatedBy: row.initiated_by,
    outcome: row.outcome,
    ...(row.address === null ? {} : { address: row.address }),
    ...(row.address_type === null ? {} : { addressType: row.address_type }),
  };
}

export function createContactLedger(client: SqlClient): ContactLedger {
  return {
    async record(attempt) {
      const at = new Date(attempt.at);
      if (Number.isNaN(at.getTime())) throw new TypeError(`A contact attempt needs a valid instant, not ${attempt.at}`);
      try {
        await client.query(
          `INSERT INTO contact_attempts (account_id, channel, at, initiated_by, outcome, address, address_type)
           VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7)`,
          [attempt.accountId, attempt.channel, at.toISOString(), attempt.initiatedBy, attempt.outcome, attempt.address ?? null, attempt.addressType ?? null],
        );
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new UnknownAccountError(attempt.accountId);
        throw error;
      }
    },
    async listSince(accountId, since) {
      const rows = await client.query<AttemptRow>(
        `SELECT account_id, channel, at, initiated_by, outcome, address, address_type
           FROM contact_attempts WHERE account_id = $1 AND at >= $2::timestamptz ORDER BY at, id`,
        [accountId, since.toISOString()],
      );
      return rows.map(toAttempt);
    },
  };
}
