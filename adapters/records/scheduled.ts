import { randomUUID } from 'node:crypto';
import type { ScheduledMessage, ScheduledMessageRepository } from '../../dialogs/ports.js';
import { normalizeJsonObject } from './canonical-json.js';
import { UnknownAccountError, isForeignKeyViolation } from './errors.js';
import type { SqlClient } from './sql-client.js';

interface ScheduledRow {
  id: string;
  account_id: string;
  channel: ScheduledMessage['channel'];
  speech_act: string;
  slots: Record<string, unknown>;
  due_at: Date;
  status: ScheduledMessage['status'];
  reason: string | null;
  created_at: Date;
}

const COLUMNS = 'id, account_id, channel, speech_act, slots, due_at, status, reason, created_at';

function toMessage(row: ScheduledRow): ScheduledMessage {
  return {
    id: row.id,
    accountId: row.account_id,
    channel: row.channel,
    speechAct: row.speech_act,
    slots: row.slots,
    dueAt: row.due_at,
    status: row.status,
    ...(row.reason === null ? {} : { reason: row.reason }),
    createdAt: row.created_at,
  };
}

export function createScheduledMessageRepository(client: SqlClient): ScheduledMessageRepository {
  return {
    async schedule(message) {
      if (Number.isNaN(message.dueAt.getTime())) throw new TypeError('A scheduled message needs a valid dueAt');
      try {
        const [row] = await client.query<ScheduledRow>(
          `INSERT INTO scheduled_messages (id, account_id, channel, speech_act, slots, due_at)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6::timestamptz) RETURNING ${COLUMNS}`,
          [randomUUID(), message.accountId, message.channel, message.speechAct, JSON.stringify(normalizeJsonObject(message.slots ?? {})), message.dueAt.toISOString()],
        );
        if (!row) throw new Error('INSERT … RETURNING gave no row');
        return toMessage(row);
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new UnknownAccountError(message.accountId);
        throw error;
      }
    },
    async listForAccount(accountId) {
      const rows = await client.query<ScheduledRow>(`SELECT ${COLUMNS} FROM scheduled_messages WHERE account_id = $1 ORDER BY due_at, created_at, id`, [accountId]);
      return rows.map(toMessage);
    },
  };
}
