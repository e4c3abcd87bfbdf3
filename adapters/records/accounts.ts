import type { AccountRepository, UpsertOptions, UpsertSummary } from '../../dialogs/ports.js';
import type { Account } from '../../guardrails/index.js';
import { appendAuditEvent } from './audit-trail.js';
import type { SqlClient } from './sql-client.js';

// Rows per statement: one jsonb parameter per batch keeps statements small for both drivers.
const BATCH_SIZE = 1_000;

// The phones column is derived from the account in SQL so the index can never disagree with the data.
const UPSERT_BATCH = `
  INSERT INTO accounts (id, data, phones)
  SELECT x.id, x.data, ARRAY(SELECT p.value ->> 'number' FROM jsonb_array_elements(x.data -> 'consumer' -> 'phones') AS p(value))
    FROM jsonb_to_recordset($1::jsonb) AS x(id text, data jsonb)
  ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, phones = EXCLUDED.phones, updated_at = now()
  RETURNING (xmax = 0) AS inserted`;

export function createAccountRepository(client: SqlClient): AccountRepository {
  return {
    async upsertMany(accounts: readonly Account[], options: UpsertOptions = {}): Promise<UpsertSummary> {
      // One statement cannot touch a row twice, so a repeated id keeps its last version.
      const unique = [...new Map(accounts.map((account) => [account.accountId, account])).values()];
      return client.transaction(async (tx) => {
        const summary: UpsertSummary = { inserted: 0, updated: 0 };
        for (let start = 0; start < unique.length; start += BATCH_SIZE) {
          const batch = unique.slice(start, start + BATCH_SIZE);
          const rows = await tx.query<{ inserted: boolean }>(UPSERT_BATCH, [JSON.stringify(batch.map((account) => ({ id: account.accountId, data: account })))]);
          for (const row of rows) {
            if (row.inserted) summary.inserted += 1;
            else summary.updated += 1;
          }
          options.onProgress?.(start + batch.length, unique.length);
        }
        if (options.auditEvent) await appendAuditEvent(tx, options.auditEvent(summary));
        return summary;
      });
    },
    async get(accountId) {
      const [row] = await client.query<{ data: Account }>('SELECT data FROM accounts WHERE id = $1', [accountId]);
      return row?.data;
    },
    async findByPhone(e164) {
      const rows = await client.query<{ data: Account }>('SELECT data FROM accounts WHERE phones @> ARRAY[$1::text] ORDER BY id', [e164]);
      return rows.map((row) => row.data);
    },
    async count() {
      const [row] = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
      return row?.n ?? 0;
    },
  };
}
