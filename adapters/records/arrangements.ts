import type { Arrangement, ArrangementRepository } from '../../dialogs/ports.js';
import { UnknownAccountError, isForeignKeyViolation } from './errors.js';
import type { SqlClient } from './sql-client.js';

interface ArrangementRow {
  id: string;
  account_id: string;
  kind: Arrangement['kind'];
  amount: string | number;
  currency: string;
  dates: string[];
  frequency: Arrangement['frequency'] | null;
  conversation_id: string | null;
  created_at: Date;
}

export function createArrangementRepository(client: SqlClient): ArrangementRepository {
  return {
    async record(arrangement) {
      try {
        await client.query(
          `INSERT INTO arrangements (id, account_id, kind, amount, currency, dates, frequency, conversation_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
          [
            arrangement.id,
            arrangement.accountId,
            arrangement.kind,
            arrangement.amount,
            arrangement.currency,
            JSON.stringify(arrangement.dates),
            arrangement.frequency ?? null,
            arrangement.conversationId ?? null,
            arrangement.createdAt.toISOString(),
          ],
        );
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new UnknownAccountError(arrangement.accountId);
        throw error;
      }
    },
    async listForAccount(accountId) {
      const rows = await client.query<ArrangementRow>(
        'SELECT id, account_id, kind, amount, currency, dates, frequency, conversation_id, created_at FROM arrangements WHERE account_id = $1 ORDER BY created_at, id',
        [accountId],
      );
      return rows.map((row) => ({
        id: row.id,
        accountId: row.account_id,
        kind: row.kind,
        amount: Number(row.amount),
        currency: row.currency,
        dates: row.dates,
        ...(row.frequency ? { frequency: row.frequency } : {}),
        ...(row.conversation_id ? { conversationId: row.conversation_id } : {}),
        createdAt: row.created_at,
      }));
    },
  };
}
