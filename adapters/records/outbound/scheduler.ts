import { randomUUID } from 'node:crypto';
import type { NewOutboundMessage, OutboundMessage, OutboundScheduler, OutboundStatus } from '../../../dialogs/ports.js';
import { appendAuditEvent } from '../audit-trail.js';
import { normalizeJsonObject } from '../canonical-json.js';
import { UnknownAccountError, isForeignKeyViolation } from '../errors.js';
import type { SqlClient, SqlParam } from '../sql-client.js';
import { OUTBOUND_COLUMNS, emptyCounts, toOutboundMessage, type OutboundRow } from './rows.js';

/** The audit chain every outbound event of an account extends. */
export function outboundChain(accountId: string): string {
  return `outbound:${accountId}`;
}

const INSERT_COLUMNS = '(id, account_id, channel, channel_policy, kind, speech_act, slots, due_at, first_due_at, expires_at, dedupe_key, source, arrangement_id, arrangement_kind, created_at)';
const PARAMS_PER_ROW = 14;
const BATCH_ROWS = 500;

function check(message: NewOutboundMessage): void {
  if (Number.isNaN(message.dueAt.getTime())) throw new TypeError('An outbound message needs a valid dueAt');
  if (message.expiresAt && Number.isNaN(message.expiresAt.getTime())) throw new TypeError('expiresAt is not a valid instant');
  if (!message.speechAct) throw new TypeError('An outbound message needs a speech act');
  if (message.createdAt && Number.isNaN(message.createdAt.getTime())) throw new TypeError('createdAt is not a valid instant');
}

function rowParams(message: NewOutboundMessage): SqlParam[] {
  const auto = message.channel === 'auto';
  return [
    randomUUID(),
    message.accountId,
    message.channel,
    auto ? 'auto' : 'fixed',
    message.kind,
    message.speechAct,
    JSON.stringify(normalizeJsonObject(message.slots ?? {})),
    message.dueAt.toISOString(),
    message.expiresAt?.toISOString() ?? null,
    message.dedupeKey ?? null,
    message.source,
    message.arrangement?.id ?? null,
    message.arrangement?.kind ?? null,
    message.createdAt?.toISOString() ?? null,
  ];
}

function placeholders(row: number): string {
  const p = (n: number) => `$${row * PARAMS_PER_ROW + n}`;
  return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}::jsonb, ${p(8)}::timestamptz, ${p(8)}::timestamptz, ${p(9)}::timestamptz, ${p(10)}, ${p(11)}, ${p(12)}, ${p(13)}, coalesce(${p(14)}::timestamptz, now()))`;
}

const ON_DUPLICATE = 'ON CONFLICT (account_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING';

export function createOutboundScheduler(client: SqlClient): OutboundScheduler {
  async function get(id: string): Promise<OutboundMessage | undefined> {
    const [row] = await client.query<OutboundRow>(`SELECT ${OUTBOUND_COLUMNS} FROM scheduled_messages WHERE id = $1`, [id]);
    return row ? toOutboundMessage(row) : undefined;
  }

  return {
    get,
    async schedule(message) {
      check(message);
      try {
        const [row] = await client.query<OutboundRow>(
          `INSERT INTO scheduled_messages ${INSERT_COLUMNS} VALUES ${placeholders(0)} ${ON_DUPLICATE} RETURNING ${OUTBOUND_COLUMNS}`,
          rowParams(message),
        );
        if (row) return { message: toOutboundMessage(row), created: true };
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new UnknownAccountError(message.accountId);
        throw error;
      }
      const [existing] = await client.query<OutboundRow>(`SELECT ${OUTBOUND_COLUMNS} FROM scheduled_messages WHERE account_id = $1 AND dedupe_key = $2`, [
        message.accountId,
        message.dedupeKey ?? null,
      ]);
      if (!existing) throw new Error('an outbound message conflicted on its dedupe key but cannot be found');
      return { message: toOutboundMessage(existing), created: false };
    },
    async scheduleMany(messages) {
      for (const message of messages) check(message);
      if (messages.length === 0) return 0;
      try {
        return await client.transaction(async (tx) => {
          let created = 0;
          for (let start = 0; start < messages.length; start += BATCH_ROWS) {
            const batch = messages.slice(start, start + BATCH_ROWS);
            const rows = await tx.query<{ id: string }>(
              `INSERT INTO scheduled_messages ${INSERT_COLUMNS} VALUES ${batch.map((_, i) => placeholders(i)).join(', ')} ${ON_DUPLICATE} RETURNING id`,
              batch.flatMap(rowParams),
            );
            created += rows.length;
          }
          return created;
        });
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new UnknownAccountError('(one of the accounts scheduled)');
        throw error;
      }
    },
    cancel(id, reason, at) {
      return client.transaction(async (tx) => {
        const [row] = await tx.query<OutboundRow>(
          `UPDATE scheduled_messages SET status = 'cancelled', reason = $2, updated_at = now()
            WHERE id = $1 AND status IN ('pending', 'deferred') RETURNING ${OUTBOUND_COLUMNS}`,
          [id, reason],
        );
        if (!row) return false;
        const rule = { ruleId: 'cancelled', citation: 'Parley policy', reason };
        await appendAuditEvent(tx, {
          chainId: outboundChain(row.account_id),
          kind: 'decision',
          accountId: row.account_id,
          payload: {
            speechAct: row.speech_act,
            scheduledMessageId: row.id,
            kind: row.kind,
            outcome: 'cancelled',
            reason,
            decision: { verdict: 'suppress', text: null, disclosures: [], rules: [rule], violations: [rule], packVersion: 'none', at: at.toISOString() },
          },
          at,
        });
        return true;
      });
    },
    async listForAccount(accountId) {
      const rows = await client.query<OutboundRow>(`SELECT ${OUTBOUND_COLUMNS} FROM scheduled_messages WHERE account_id = $1 ORDER BY due_at, created_at, id`, [accountId]);
      return rows.map(toOutboundMessage);
    },
    async counts() {
      const rows = await client.query<{ status: OutboundStatus; n: string | number }>('SELECT status, count(*) AS n FROM scheduled_messages GROUP BY status');
      const counts = emptyCounts();
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    },
  };
}
