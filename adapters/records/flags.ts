import type { FlagsRepository } from '../../dialogs/ports.js';
import { consumerFlagsSchema, emptyFlags, type ConsumerFlags } from '../../guardrails/index.js';
import { UnknownAccountError } from './errors.js';
import type { SqlClient } from './sql-client.js';

export function createFlagsRepository(client: SqlClient): FlagsRepository {
  return {
    async get(accountId) {
      const [row] = await client.query<{ flags: unknown }>('SELECT flags FROM consumer_flags WHERE account_id = $1', [accountId]);
      return row ? consumerFlagsSchema.parse(row.flags) : emptyFlags();
    },
    update(accountId, change) {
      return client.transaction(async (tx) => {
        const [account] = await tx.query('SELECT 1 FROM accounts WHERE id = $1', [accountId]);
        if (!account) throw new UnknownAccountError(accountId);
        await tx.query(`INSERT INTO consumer_flags (account_id, flags) VALUES ($1, '{}'::jsonb) ON CONFLICT (account_id) DO NOTHING`, [accountId]);
        // The row lock makes concurrent changes queue: each one reads what the previous one wrote.
        const [row] = await tx.query<{ flags: unknown }>('SELECT flags FROM consumer_flags WHERE account_id = $1 FOR UPDATE', [accountId]);
        const current = consumerFlagsSchema.parse(row?.flags ?? {});
        // Validated before it is written: a malformed change is refused, not stored.
        const next: ConsumerFlags = consumerFlagsSchema.parse(change(structuredClone(current)));
        await tx.query('UPDATE consumer_flags SET flags = $2::jsonb, updated_at = now() WHERE account_id = $1', [accountId, JSON.stringify(next)]);
        return next;
      });
    },
  };
}
