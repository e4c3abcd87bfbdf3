import { consumerFlagsSchema, type ConsumerFlags } from '../../../guardrails/index.js';
import type { SqlQueryable } from '../sql-client.js';

/** Makes sure the account has a flags row, so it can be locked; an absent row means empty flags. */
export async function ensureFlagsRow(tx: SqlQueryable, accountId: string): Promise<void> {
  await tx.query(`INSERT INTO consumer_flags (account_id, flags) VALUES ($1, '{}'::jsonb) ON CONFLICT (account_id) DO NOTHING`, [accountId]);
}

/**
 * Reads the flags under a share lock: a concurrent change (a cease arriving) waits for this
 * transaction, or this one waits for it, so a decision never rests on flags already overwritten.
 */
export async function readFlagsLocked(tx: SqlQueryable, accountId: string): Promise<ConsumerFlags> {
  await ensureFlagsRow(tx, accountId);
  const [row] = await tx.query<{ flags: unknown }>('SELECT flags FROM consumer_flags WHERE account_id = $1 FOR SHARE', [accountId]);
  return consumerFlagsSchema.parse(row?.flags ?? {});
}

/** FlagsRepository.update inside the caller's transaction: read under a row lock, change, validate, write. */
export async function changeFlags(tx: SqlQueryable, accountId: string, change: (flags: ConsumerFlags) => ConsumerFlags): Promise<ConsumerFlags> {
  await ensureFlagsRow(tx, accountId);
  const [row] = await tx.query<{ flags: unknown }>('SELECT flags FROM consumer_flags WHERE account_id = $1 FOR UPDATE', [accountId]);
  const current = consumerFlagsSchema.parse(row?.flags ?? {});
  const next: ConsumerFlags = consumerFlagsSchema.parse(change(structuredClone(current)));
  await tx.query('UPDATE consumer_flags SET flags = $2::jsonb, updated_at = now() WHERE account_id = $1', [accountId, JSON.stringify(next)]);
  return next;
}
