import type { OutboundCommitment, OutboundMessage, StoredConversationReference } from '../../../dialogs/ports.js';
import { consumerFlagsSchema, emptyFlags, type Account, type ConsumerFlags, type ContactAttempt } from '../../../guardrails/index.js';
import type { SqlClient } from '../sql-client.js';
import { REFERENCE_COLUMNS, referenceFromRow, type ReferenceRow } from './conversation-references.js';
import { OUTBOUND_COLUMNS, toOutboundMessage, type OutboundRow } from './rows.js';

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 90;

/** What planning knows of one account: the same inputs the dispatcher reads, without its locks. */
export interface PortfolioRecord {
  /** The account as stored; undefined when the id is not in the records. */
  account?: Account;
  flags: ConsumerFlags;
  attempts: ContactAttempt[];
  references: StoredConversationReference[];
  commitments: OutboundCommitment[];
  /** Pending or deferred messages, earliest first. */
  open: OutboundMessage[];
}

export interface OutboundPortfolioReader {
  countAccounts(): Promise<number>;
  /** Every account id in order, a page at a time. */
  accountIds(pageSize?: number): AsyncIterable<string[]>;
  /** The planning inputs of these accounts, read in a handful of statements. */
  read(accountIds: readonly string[], at: Date): Promise<Map<string, PortfolioRecord>>;
}

const IDS = 'SELECT jsonb_array_elements_text($1::jsonb)';

export function createOutboundPortfolioReader(client: SqlClient): OutboundPortfolioReader {
  return {
    async countAccounts() {
      const [row] = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
      return row?.n ?? 0;
    },
    async *accountIds(pageSize = 1_000) {
      let after = '';
      for (;;) {
        const rows = await client.query<{ id: string }>('SELECT id FROM accounts WHERE id > $1 ORDER BY id LIMIT $2', [after, pageSize]);
        if (rows.length === 0) return;
        yield rows.map((row) => row.id);
        after = rows.at(-1)?.id ?? after;
        if (rows.length < pageSize) return;
      }
    },
    async read(accountIds, at) {
      const ids = JSON.stringify(accountIds);
      const records = new Map<string, PortfolioRecord>();
      for (const id of accountIds) records.set(id, { flags: emptyFlags(), attempts: [], references: [], commitments: [], open: [] });
      const accounts = await client.query<{ id: string; data: Account }>(`SELECT id, data FROM accounts WHERE id IN (${IDS})`, [ids]);
      for (const row of accounts) {
        const record = records.get(row.id);
        if (record) record.account = row.data;
      }
      const flags = await client.query<{ account_id: string; flags: unknown }>(`SELECT account_id, flags FROM consumer_flags WHERE account_id IN (${IDS})`, [ids]);
      for (const row of flags) {
        const record = records.get(row.account_id);
        if (record) record.flags = consumerFlagsSchema.parse(row.flags);
      }
      const attempts = await client.query<{ account_id: string; channel: ContactAttempt['channel']; at: Date; initiated_by: ContactAttempt['initiatedBy']; outcome: ContactAttempt['outcome']; address: string | null; address_type: ContactAttempt['addressType'] | null }>(
        `SELECT account_id, channel, at, initiated_by, outcome, address, address_type FROM contact_attempts
          WHERE account_id IN (${IDS}) AND at >= $2::timestamptz ORDER BY account_id, at, id`,
        [ids, new Date(at.getTime() - HISTORY_DAYS * DAY_MS).toISOString()],
      );
      for (const row of attempts) {
        records.get(row.account_id)?.attempts.push({
          accountId: row.account_id,
          channel: row.channel,
          at: row.at.toISOString(),
          initiatedBy: row.initiated_by,
          outcome: row.outcome,
          ...(row.address === null ? {} : { address: row.address }),
          ...(row.address_type === null ? {} : { addressType: row.address_type }),
        });
      }
      const references = await client.query<ReferenceRow>(`SELECT ${REFERENCE_COLUMNS} FROM conversation_references WHERE account_id IN (${IDS}) ORDER BY updated_at DESC`, [ids]);
      for (const row of references) records.get(row.account_id)?.references.push(referenceFromRow(row));
      const messages = await client.query<OutboundRow>(
        `SELECT ${OUTBOUND_COLUMNS} FROM scheduled_messages
          WHERE account_id IN (${IDS}) AND (status IN ('pending', 'deferred') OR (arrangement_id IS NOT NULL AND status <> 'cancelled'))
          ORDER BY due_at, id`,
        [ids],
      );
      for (const row of messages) {
        const record = records.get(row.account_id);
        if (!record) continue;
        const message = toOutboundMessage(row);
        if (message.status === 'pending' || message.status === 'deferred') record.open.push(message);
        const dueDate = message.slots.dueDate;
        if (message.arrangement && typeof dueDate === 'string') record.commitments.push({ arrangementId: message.arrangement.id, kind: message.arrangement.kind, dueDate });
      }
      return records;
    },
  };
}
