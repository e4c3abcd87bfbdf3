import type { HandoffQueue, HandoffRequest } from '../../../dialogs/ports.js';
import type { SqlClient } from '../sql-client.js';

export interface QueuedHandoff extends HandoffRequest {
  claimedAt?: Date;
  claimedBy?: string;
  resolvedAt?: Date;
  resolvedBy?: string;
  resolution?: string;
}

/** The hand-off queue on PostgreSQL, with what a supervisor does to it: claim, then resolve. */
export interface WorkableHandoffQueue extends HandoffQueue {
  /** Open requests (not resolved), oldest first, with who claimed them. */
  listOpen(): Promise<QueuedHandoff[]>;
  claim(id: string, by: string, at: Date): Promise<QueuedHandoff>;
  resolve(id: string, by: string, at: Date, resolution: string): Promise<QueuedHandoff>;
}

interface Row {
  id: string;
  account_id: string | null;
  conversation_id: string;
  channel: string;
  reason: HandoffRequest['reason'];
  context: HandoffRequest['context'];
  requested_at: Date;
  claimed_at: Date | null;
  claimed_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
}

function toQueued(row: Row): QueuedHandoff {
  return {
    id: row.id,
    ...(row.account_id ? { accountId: row.account_id } : {}),
    conversationId: row.conversation_id,
    channel: row.channel,
    reason: row.reason,
    context: row.context,
    requestedAt: row.requested_at,
    ...(row.claimed_at ? { claimedAt: row.claimed_at } : {}),
    ...(row.claimed_by ? { claimedBy: row.claimed_by } : {}),
    ...(row.resolved_at ? { resolvedAt: row.resolved_at } : {}),
    ...(row.resolved_by ? { resolvedBy: row.resolved_by } : {}),
    ...(row.resolution ? { resolution: row.resolution } : {}),
  };
}

export class HandoffStateError extends Error {}

export function createPostgresHandoffQueue(client: SqlClient): WorkableHandoffQueue {
  const open = async () => (await client.query<Row>('SELECT * FROM console_handoffs WHERE resolved_at IS NULL ORDER BY requested_at, id')).map(toQueued);
  return {
    async enqueue(request) {
      return client.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO console_handoffs (id, account_id, conversation_id, channel, reason, context, requested_at)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::timestamptz) ON CONFLICT (id) DO NOTHING`,
          [request.id, request.accountId ?? null, request.conversationId, request.channel, request.reason, JSON.stringify(request.context), request.requestedAt.toISOString()],
        );
        const [row] = await tx.query<{ position: number }>(
          `SELECT count(*)::int AS position FROM console_handoffs
            WHERE resolved_at IS NULL AND claimed_at IS NULL AND (requested_at, id) <= ($1::timestamptz, $2)`,
          [request.requestedAt.toISOString(), request.id],
        );
        return { position: row?.position ?? 1 };
      });
    },
    async list() {
      return (await open()).filter((request) => !request.claimedAt);
    },
    listOpen: open,
    async claim(id, by, at) {
      const [row] = await client.query<Row>(
        `UPDATE console_handoffs SET claimed_at = $3::timestamptz, claimed_by = $2 WHERE id = $1 AND claimed_at IS NULL AND resolved_at IS NULL RETURNING *`,
        [id, by, at.toISOString()],
      );
      if (!row) throw new HandoffStateError(`Hand-off ${id} is not waiting (already claimed, resolved, or unknown).`);
      return toQueued(row);
    },
    async resolve(id, by, at, resolution) {
      const [row] = await client.query<Row>(
        `UPDATE console_handoffs SET resolved_at = $3::timestamptz, resolved_by = $2, resolution = $4,
                claimed_at = coalesce(claimed_at, $3::timestamptz), claimed_by = coalesce(claimed_by, $2)
          WHERE id = $1 AND resolved_at IS NULL RETURNING *`,
        [id, by, at.toISOString(), resolution],
      );
      if (!row) throw new HandoffStateError(`Hand-off ${id} is not open.`);
      return toQueued(row);
    },
  };
}
