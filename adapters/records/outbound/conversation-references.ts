import type { ConversationReferenceStore, StoredConversationReference } from '../../../dialogs/ports.js';
import { normalizeJsonObject } from '../canonical-json.js';
import { UnknownAccountError, isForeignKeyViolation } from '../errors.js';
import type { SqlClient } from '../sql-client.js';

export interface ReferenceRow {
  account_id: string;
  channel: StoredConversationReference['channel'];
  user_id: string;
  conversation_id: string;
  reference: Record<string, unknown>;
  audience: StoredConversationReference['audience'];
  updated_at: Date;
}

export const REFERENCE_COLUMNS = 'account_id, channel, user_id, conversation_id, reference, audience, updated_at';

export function referenceFromRow(row: ReferenceRow): StoredConversationReference {
  return {
    accountId: row.account_id,
    channel: row.channel,
    userId: row.user_id,
    conversationId: row.conversation_id,
    reference: row.reference,
    audience: row.audience,
    updatedAt: row.updated_at,
  };
}

/** Conversation references in PostgreSQL/PGlite, beside the accounts they reach. */
export function createSqlConversationReferenceStore(client: SqlClient): ConversationReferenceStore {
  return {
    async save(entry) {
      try {
        await client.query(
          `INSERT INTO conversation_references (account_id, channel, user_id, conversation_id, reference, audience, updated_at)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::timestamptz)
           ON CONFLICT (account_id, channel, user_id) DO UPDATE
             SET conversation_id = EXCLUDED.conversation_id, reference = EXCLUDED.reference, audience = EXCLUDED.audience, updated_at = EXCLUDED.updated_at`,
          [entry.accountId, entry.channel, entry.userId, entry.conversationId, JSON.stringify(normalizeJsonObject(entry.reference)), entry.audience, entry.updatedAt.toISOString()],
        );
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new UnknownAccountError(entry.accountId);
        throw error;
      }
    },
    async listForAccount(accountId) {
      const rows = await client.query<ReferenceRow>(`SELECT ${REFERENCE_COLUMNS} FROM conversation_references WHERE account_id = $1 ORDER BY updated_at DESC`, [accountId]);
      return rows.map(referenceFromRow);
    },
    async remove(accountId, channel, userId) {
      await client.query('DELETE FROM conversation_references WHERE account_id = $1 AND channel = $2 AND user_id = $3', [accountId, channel, userId]);
    },
  };
}

/** In memory: for tests and a single process without PostgreSQL's reach. */
export class MemoryConversationReferenceStore implements ConversationReferenceStore {
  private readonly entries = new Map<string, StoredConversationReference>();

  async save(entry: StoredConversationReference): Promise<void> {
    this.entries.set(`${entry.accountId}\u0000${entry.channel}\u0000${entry.userId}`, structuredClone(entry));
  }

  async listForAccount(accountId: string): Promise<StoredConversationReference[]> {
    return [...this.entries.values()].filter((entry) => entry.accountId === accountId).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()).map((entry) => structuredClone(entry));
  }

  async remove(accountId: string, channel: StoredConversationReference['channel'], userId: string): Promise<void> {
    this.entries.delete(`${accountId}\u0000${channel}\u0000${userId}`);
  }
}
