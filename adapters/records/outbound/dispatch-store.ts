import type {
  OutboundCommitment,
  OutboundContext,
  OutboundDeliveryReport,
  OutboundDispatchStore,
  OutboundProcessed,
  OutboundResolution,
  StoredConversationReference,
} from '../../../dialogs/ports.js';
import type { Account } from '../../../guardrails/index.js';
import { appendAuditEvent } from '../audit-trail.js';
import type { SqlClient, SqlQueryable } from '../sql-client.js';
import { changeFlags, readFlagsLocked } from './flags-in-transaction.js';
import { referenceFromRow, REFERENCE_COLUMNS, type ReferenceRow } from './conversation-references.js';
import { OUTBOUND_COLUMNS, toOutboundMessage, type OutboundRow } from './rows.js';
import { outboundChain } from './scheduler.js';
import { toAttempt, type AttemptRow } from '../contacts.js';

/** First key of the per-account advisory lock; any constant shared by every Parley instance on the database. */
const OUTBOUND_LOCK_CLASS = 7_208_435;
const DAY_MS = 86_400_000;
/** Contact history handed to the decision: the longest cap is 30 days; preferences look back 90. */
const HISTORY_DAYS = 90;

export interface OutboundDispatchStoreOptions {
  /** Names this dispatcher on the messages it claims (host and pid, say). */
  instanceId?: string;
  /** How long a message whose processing threw waits before it is tried again. Default one minute. */
  retryDelayMs?: number;
}

/** Processing a claimed message failed (the records could not be read or written): nothing was sent. */
export class OutboundProcessingError extends Error {
  constructor(
    readonly messageId: string,
    options: { cause: unknown },
  ) {
    super(`Outbound message ${messageId} could not be processed; nothing was sent and it will be tried again`, options);
    this.name = 'OutboundProcessingError';
  }
}

async function readContext(tx: SqlQueryable, row: OutboundRow, at: Date): Promise<OutboundContext> {
  const accountId = row.account_id;
  const [accountRow] = await tx.query<{ data: Account }>('SELECT data FROM accounts WHERE id = $1', [accountId]);
  if (!accountRow) throw new Error(`outbound message ${row.id} names account ${accountId}, which is not in the records`);
  const flags = await readFlagsLocked(tx, accountId);
  const attempts = await tx.query<AttemptRow>(
    `SELECT account_id, channel, at, initiated_by, outcome, address, address_type
       FROM contact_attempts WHERE account_id = $1 AND at >= $2::timestamptz ORDER BY at, id`,
    [accountId, new Date(at.getTime() - HISTORY_DAYS * DAY_MS).toISOString()],
  );
  const references = await tx.query<ReferenceRow>(`SELECT ${REFERENCE_COLUMNS} FROM conversation_references WHERE account_id = $1 ORDER BY updated_at DESC`, [accountId]);
  const commitments = await tx.query<{ arrangement_id: string; arrangement_kind: OutboundCommitment['kind']; due_date: string | null }>(
    `SELECT arrangement_id, arrangement_kind, slots ->> 'dueDate' AS due_date FROM scheduled_messages
      WHERE account_id = $1 AND arrangement_id IS NOT NULL AND arrangement_kind IS NOT NULL AND status <> 'cancelled'`,
    [accountId],
  );
  return {
    message: toOutboundMessage(row),
    account: accountRow.data,
    flags,
    attempts: attempts.map(toAttempt),
    references: references.map(referenceFromRow) satisfies StoredConversationReference[],
    commitments: commitments.flatMap((c) => (c.due_date ? [{ arrangementId: c.arrangement_id, kind: c.arrangement_kind, dueDate: c.due_date }] : [])),
    at,
  };
}

/** Writes the decision: attempt (for a send), audit event, the message's new state. Resolves to the attempt id and the updated row. */
async function apply(tx: SqlQueryable, row: OutboundRow, resolution: OutboundResolution, at: Date, instanceId: string | null): Promise<{ attemptId?: string; after?: OutboundRow }> {
  const common = { chainId: outboundChain(row.account_id), accountId: row.account_id, at };
  if (resolution.status === 'sending') {
    const attempt = resolution.attempt;
    const [inserted] = await tx.query<{ id: string | number }>(
      `INSERT INTO contact_attempts (account_id, channel, at, initiated_by, outcome, address, address_type)
       VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7) RETURNING id`,
      [row.account_id, attempt.channel, attempt.at, attempt.initiatedBy, attempt.outcome, attempt.address ?? null, attempt.addressType ?? null],
    );
    const attemptId = String(inserted?.id);
    await appendAuditEvent(tx, { ...common, kind: resolution.audit.kind, channel: resolution.channel, payload: resolution.audit.payload });
    const [after] = await tx.query<OutboundRow>(
      `UPDATE scheduled_messages SET status = 'sending', channel = $2, target = $3, reason = $4, attempts = attempts + 1,
              claimed_by = $5, contact_attempt_id = $6, updated_at = $7::timestamptz WHERE id = $1 RETURNING ${OUTBOUND_COLUMNS}`,
      [row.id, resolution.channel, resolution.target ?? null, resolution.reason, instanceId, attemptId, at.toISOString()],
    );
    return { attemptId, after };
  }
  await appendAuditEvent(tx, { ...common, kind: resolution.audit.kind, payload: resolution.audit.payload });
  if (resolution.status === 'deferred') {
    // A decision to wait must move the message forward in time, or the dispatcher would pick it up again at once.
    const dueAt = Math.max(resolution.dueAt.getTime(), at.getTime() + 60_000);
    const [after] = await tx.query<OutboundRow>(
      `UPDATE scheduled_messages SET status = 'deferred', due_at = $2::timestamptz, reason = $3, attempts = attempts + 1, claimed_by = $4, updated_at = $5::timestamptz
        WHERE id = $1 RETURNING ${OUTBOUND_COLUMNS}`,
      [row.id, new Date(dueAt).toISOString(), resolution.reason, instanceId, at.toISOString()],
    );
    return { after };
  }
  const [after] = await tx.query<OutboundRow>(
    `UPDATE scheduled_messages SET status = $2, reason = $3, attempts = attempts + 1, claimed_by = $4, updated_at = $5::timestamptz WHERE id = $1 RETURNING ${OUTBOUND_COLUMNS}`,
    [row.id, resolution.status, resolution.reason, instanceId, at.toISOString()],
  );
  return { after };
}

export function createOutboundDispatchStore(client: SqlClient, options: OutboundDispatchStoreOptions = {}): OutboundDispatchStore {
  const instanceId = options.instanceId ?? null;
  const retryDelayMs = options.retryDelayMs ?? 60_000;

  async function postpone(messageId: string, until: Date, reason: string): Promise<void> {
    await client.query(
      `UPDATE scheduled_messages SET due_at = $2::timestamptz, reason = $3, attempts = attempts + 1 WHERE id = $1 AND status IN ('pending', 'deferred')`,
      [messageId, until.toISOString(), reason],
    );
  }

  return {
    async processNext(now, decide): Promise<OutboundProcessed | null> {
      let claimed: string | undefined;
      try {
        return await client.transaction(async (tx) => {
          // Each dispatcher skips rows another one holds, so two never decide about the same message.
          const [row] = await tx.query<OutboundRow>(
            `SELECT ${OUTBOUND_COLUMNS} FROM scheduled_messages
              WHERE status IN ('pending', 'deferred') AND due_at <= $1::timestamptz
              ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
            [now.toISOString()],
          );
          if (!row) return null;
          claimed = row.id;
          // Messages of one account are decided one at a time across every instance: each decision sees
          // the attempts the previous one recorded, so no two can both pass the cap the second one breaks.
          await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [OUTBOUND_LOCK_CLASS, row.account_id]);
          const context = await readContext(tx, row, now);
          const resolution = decide(context);
          const { attemptId, after } = await apply(tx, row, resolution, now, instanceId);
          return { message: toOutboundMessage(after ?? row), resolution, ...(attemptId ? { attemptId } : {}) };
        });
      } catch (error) {
        if (claimed === undefined) throw error;
        // Fail closed: nothing was recorded or sent. Move the message back so one bad row cannot hold up the queue.
        await postpone(claimed, new Date(now.getTime() + retryDelayMs), `not processed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500)).catch(() => undefined);
        throw new OutboundProcessingError(claimed, { cause: error });
      }
    },

    completeDelivery(report: OutboundDeliveryReport) {
      return client.transaction(async (tx) => {
        const delivered = report.outcome === 'delivered';
        const reason = delivered
          ? `delivered by ${report.channel}`
          : `${report.outcome === 'failed' ? 'the channel refused it' : report.outcome === 'opted-out' ? `the consumer has opted out of ${report.channel}` : `the consumer blocked ${report.channel}`}${report.detail?.reason ? `: ${report.detail.reason}` : ''}`;
        await tx.query(
          `UPDATE scheduled_messages SET status = $2, sent_at = $3::timestamptz, reason = $4, updated_at = $5::timestamptz WHERE id = $1 AND status = 'sending'`,
          [report.messageId, delivered ? 'sent' : 'failed', delivered ? report.at.toISOString() : null, reason.slice(0, 500), report.at.toISOString()],
        );
        // The attempt stays counted either way: the caps are about attempts, and a refused one was still made.
        await tx.query('UPDATE contact_attempts SET outcome = $2 WHERE id = $1', [report.attemptId, delivered ? 'delivered' : 'failed']);
        const common = { chainId: outboundChain(report.accountId), accountId: report.accountId, channel: report.channel, at: report.at };
        if (!delivered) {
          await appendAuditEvent(tx, {
            ...common,
            kind: 'delivery-status',
            payload: {
              scheduledMessageId: report.messageId,
              messageSid: report.channel === 'sms' ? (report.ids?.[0] ?? null) : null,
              ids: report.ids ?? [],
              status: report.outcome,
              errorCode: report.detail?.errorCode ?? null,
              httpStatus: report.detail?.httpStatus ?? null,
              reason: report.detail?.reason ?? null,
              parts: report.detail?.parts ?? null,
            },
          });
        }
        for (const change of report.flagChanges ?? []) {
          await changeFlags(tx, report.accountId, change.apply);
          await appendAuditEvent(tx, { ...common, kind: 'flag-change', payload: { accountId: report.accountId, intent: change.intent, field: change.field, summary: change.summary } });
        }
      });
    },

    recoverStale(olderThan, at) {
      return client.transaction(async (tx) => {
        const rows = await tx.query<OutboundRow>(
          `UPDATE scheduled_messages SET status = 'failed', updated_at = $2::timestamptz,
                  reason = 'outcome unknown: the dispatcher stopped between recording the message and handing it to the channel; not sent again'
            WHERE status = 'sending' AND updated_at < $1::timestamptz RETURNING ${OUTBOUND_COLUMNS}`,
          [olderThan.toISOString(), at.toISOString()],
        );
        for (const row of rows) {
          await appendAuditEvent(tx, {
            chainId: outboundChain(row.account_id),
            accountId: row.account_id,
            channel: row.channel,
            at,
            kind: 'delivery-status',
            payload: { scheduledMessageId: row.id, messageSid: null, status: 'unknown', reason: 'the dispatcher stopped mid-send; the message is not sent again' },
          });
        }
        return rows.length;
      });
    },
  };
}
