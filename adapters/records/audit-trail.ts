import { randomUUID } from 'node:crypto';
import type { AuditBreakCode, AuditEvent, AuditEventInput, AuditTrail, AuditVerification } from '../../dialogs/ports.js';
import { checkCheckpoints } from './audit-checkpoints.js';
import { auditEventHash, GENESIS_HASH } from './audit-hash.js';
import { normalizeJsonObject, type JsonValue } from './canonical-json.js';
import type { SqlClient, SqlQueryable } from './sql-client.js';

export interface EventRow {
  id: string;
  chain_id: string;
  seq: number;
  kind: string;
  account_id: string | null;
  conversation_id: string | null;
  channel: string | null;
  payload: { [key: string]: JsonValue };
  at: Date;
  prev_hash: string;
  hash: string;
}

export const EVENT_COLUMNS = 'id, chain_id, seq, kind, account_id, conversation_id, channel, payload, at, prev_hash, hash';

export function toEvent(row: EventRow): AuditEvent {
  return {
    id: row.id,
    chainId: row.chain_id,
    seq: row.seq,
    kind: row.kind as AuditEvent['kind'],
    ...(row.account_id === null ? {} : { accountId: row.account_id }),
    ...(row.conversation_id === null ? {} : { conversationId: row.conversation_id }),
    ...(row.channel === null ? {} : { channel: row.channel }),
    payload: row.payload,
    at: row.at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function rowHash(row: EventRow): string {
  return auditEventHash({
    id: row.id,
    chainId: row.chain_id,
    seq: row.seq,
    kind: row.kind,
    accountId: row.account_id,
    conversationId: row.conversation_id,
    channel: row.channel,
    payload: row.payload,
    at: row.at,
    prevHash: row.prev_hash,
  });
}

/**
 * Appends inside the caller's transaction. The chain head row is locked first, so concurrent appends
 * to one chain queue on it and each sees the seq and hash its predecessor committed.
 */
export async function appendAuditEvent(tx: SqlQueryable, input: AuditEventInput): Promise<AuditEvent> {
  if (!input.chainId) throw new TypeError('An audit event needs a chainId');
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) throw new TypeError('An audit event needs a valid `at` instant');
  // Most appends extend a chain that exists: lock its head first and create it only when missing
  // (one round trip fewer on the hot path of every turn).
  const lockHead = () =>
    tx.query<{ last_seq: number; last_hash: string }>('SELECT last_seq, last_hash FROM audit_chain_heads WHERE chain_id = $1 FOR UPDATE', [input.chainId]);
  let [head] = await lockHead();
  if (!head) {
    await tx.query('INSERT INTO audit_chain_heads (chain_id, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT (chain_id) DO NOTHING', [input.chainId, GENESIS_HASH]);
    [head] = await lockHead();
  }
  if (!head) throw new Error(`The audit chain head for ${input.chainId} vanished`);
  const row: EventRow = {
    id: randomUUID(),
    chain_id: input.chainId,
    seq: head.last_seq + 1,
    kind: input.kind,
    account_id: input.accountId ?? null,
    conversation_id: input.conversationId ?? null,
    channel: input.channel ?? null,
    payload: normalizeJsonObject(input.payload),
    at: input.at,
    prev_hash: head.last_hash,
    hash: '',
  };
  row.hash = rowHash(row);
  // The event and the head that now points at it are written in one statement.
  await tx.query(
    `WITH event AS (
       INSERT INTO audit_events (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::timestamptz, $10, $11) RETURNING chain_id, seq, hash
     )
     UPDATE audit_chain_heads AS head SET last_seq = event.seq, last_hash = event.hash, updated_at = now() FROM event WHERE head.chain_id = event.chain_id`,
    [row.id, row.chain_id, row.seq, row.kind, row.account_id, row.conversation_id, row.channel, JSON.stringify(row.payload), row.at.toISOString(), row.prev_hash, row.hash],
  );
  return toEvent(row);
}

const VERIFY_PAGE = 2_000;

type Broken = Extract<AuditVerification, { ok: false }>['firstBroken'];

function broken(code: AuditBreakCode, chainId: string, seq: number, eventId: string, detail: string): Broken {
  const label = {
    'hash-mismatch': 'hash mismatch',
    'prev-hash-mismatch': 'prev-hash mismatch',
    gap: 'gap',
    'head-mismatch': 'head mismatch',
    'checkpoint-invalid': 'checkpoint invalid',
  }[code];
  return { chainId, seq, eventId, code, reason: `${label}: ${detail}` };
}

export interface VerifyOptions {
  /** The key retention checkpoints are signed with (PARLEY_AUDIT_CHECKPOINT_KEY); needed once any exist. */
  checkpointKey?: string;
  /** Verify this chain only (the console's per-conversation integrity badge). */
  chainId?: string;
}

/**
 * Walks every chain in (chain, seq) order a page at a time, so memory stays flat however long the
 * trail. Each page is one statement and reads each event with its chain head as of the same
 * snapshot, so appends running during the walk do not look like tampering. A chain whose front was
 * removed by retention resumes where its last signed checkpoint ends; any other gap is a break.
 */
export async function verifyAuditChains(client: SqlClient, options: VerifyOptions = {}): Promise<AuditVerification> {
  let chains = 0;
  let events = 0;
  let cursor: { chainId: string; seq: number } | undefined;
  let chain: { id: string; expectedSeq: number; prevHash: string; lastId: string; head: { seq: number; hash: string } | null } | undefined;

  const checkpointProblem = await checkCheckpoints(client, options.checkpointKey, options.chainId);
  if (checkpointProblem) {
    return { ok: false, chains, events, firstBroken: broken('checkpoint-invalid', checkpointProblem.chainId, checkpointProblem.seq, '', checkpointProblem.reason) };
  }

  const finishChain = (): Broken | undefined => {
    if (!chain) return undefined;
    const lastSeq = chain.expectedSeq - 1;
    if (!chain.head) return broken('head-mismatch', chain.id, lastSeq, chain.lastId, 'the chain has no head record');
    if (chain.head.seq !== lastSeq || chain.head.hash !== chain.prevHash) {
      return broken(
        'head-mismatch',
        chain.id,
        lastSeq,
        chain.lastId,
        `the chain head records seq ${chain.head.seq} but the chain ends at seq ${lastSeq}: events after it were deleted or the head was altered`,
      );
    }
    return undefined;
  };

  for (;;) {
    // The page is cut first, then joined to its chain heads, so a trail with millions of chains
    // looks up a page's heads by key instead of scanning them all.
    const params: Array<string | number> = [VERIFY_PAGE];
    const where: string[] = [];
    if (options.chainId !== undefined) {
      params.push(options.chainId);
      where.push(`chain_id = $${params.length}`);
    }
    if (cursor) {
      params.push(cursor.chainId, cursor.seq);
      where.push(`(chain_id, seq) > ($${params.length - 1}, $${params.length})`);
    }
    const rows = await client.query<EventRow & { head_seq: number | null; head_hash: string | null; sub_ms: boolean; cp_seq: number | null; cp_hash: string | null }>(
      `SELECT p.*, h.last_seq AS head_seq, h.last_hash AS head_hash, cp.last_seq AS cp_seq, cp.last_hash AS cp_hash
         FROM (SELECT ${EVENT_COLUMNS}, at <> date_trunc('milliseconds', at) AS sub_ms
                 FROM audit_events
                ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                ORDER BY chain_id, seq
                LIMIT $1) AS p
         LEFT JOIN audit_chain_heads h ON h.chain_id = p.chain_id
         LEFT JOIN LATERAL (SELECT c.last_seq, c.last_hash FROM audit_checkpoints c
                             WHERE c.chain_id = p.chain_id ORDER BY c.last_seq DESC LIMIT 1) AS cp ON true
        ORDER BY p.chain_id, p.seq`,
      params,
    );
    for (const row of rows) {
      if (!chain || chain.id !== row.chain_id) {
        const problem = finishChain();
        if (problem) return { ok: false, chains, events, firstBroken: problem };
        chains += 1;
        // Retention removed seq 1..cp_seq; the checkpoints were checked above.
        const resumed = row.cp_seq !== null && row.cp_hash !== null;
        chain = {
          id: row.chain_id,
          expectedSeq: resumed ? (row.cp_seq as number) + 1 : 1,
          prevHash: resumed ? (row.cp_hash as string) : GENESIS_HASH,
          lastId: row.id,
          head: null,
        };
        if (row.seq < chain.expectedSeq) {
          return {
            ok: false,
            chains,
            events,
            firstBroken: broken('checkpoint-invalid', row.chain_id, row.seq, row.id, `a retention checkpoint records seq 1 to ${chain.expectedSeq - 1} as removed, but seq ${row.seq} is still there`),
          };
        }
      }
      chain.head = row.head_seq === null || row.head_hash === null ? null : { seq: row.head_seq, hash: row.head_hash };
      let problem: Broken | undefined;
      if (row.seq !== chain.expectedSeq) {
        problem = broken('gap', row.chain_id, row.seq, row.id, `expected seq ${chain.expectedSeq} but found seq ${row.seq}: events were deleted`);
      } else if (row.prev_hash !== chain.prevHash) {
        problem = broken('prev-hash-mismatch', row.chain_id, row.seq, row.id, 'prev_hash does not match the hash of the event before it: an event was replaced or rewritten');
      } else if (row.sub_ms || rowHash(row) !== row.hash) {
        problem = broken('hash-mismatch', row.chain_id, row.seq, row.id, 'the event no longer matches its hash: it was edited after it was written');
      }
      if (problem) return { ok: false, chains, events, firstBroken: problem };
      events += 1;
      chain.expectedSeq += 1;
      chain.prevHash = row.hash;
      chain.lastId = row.id;
    }
    const last = rows.at(-1);
    if (!last || rows.length < VERIFY_PAGE) break;
    cursor = { chainId: last.chain_id, seq: last.seq };
  }
  const problem = finishChain();
  if (problem) return { ok: false, chains, events, firstBroken: problem };

  // A head with no events left is a deletion, unless retention removed the whole chain and its
  // last checkpoint ends exactly where the head does.
  const emptiedParams: string[] = options.chainId === undefined ? [] : [options.chainId];
  const [emptied] = await client.query<{ chain_id: string; last_seq: number }>(
    `SELECT h.chain_id, h.last_seq FROM audit_chain_heads h
      WHERE h.last_seq > 0 ${options.chainId === undefined ? '' : 'AND h.chain_id = $1'}
        AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.chain_id = h.chain_id)
        AND NOT EXISTS (SELECT 1 FROM audit_checkpoints c WHERE c.chain_id = h.chain_id AND c.last_seq = h.last_seq AND c.last_hash = h.last_hash)
      ORDER BY h.chain_id LIMIT 1`,
    emptiedParams,
  );
  if (emptied) {
    return {
      ok: false,
      chains: chains + 1,
      events,
      firstBroken: broken('head-mismatch', emptied.chain_id, emptied.last_seq, '', `the chain head records seq ${emptied.last_seq} but no events remain: they were deleted`),
    };
  }
  return { ok: true, chains, events };
}

export function createAuditTrail(client: SqlClient, options: { checkpointKey?: string } = {}): AuditTrail {
  return {
    append: (input) => client.transaction((tx) => appendAuditEvent(tx, input)),
    async listChain(chainId) {
      const rows = await client.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM audit_events WHERE chain_id = $1 ORDER BY seq`, [chainId]);
      return rows.map(toEvent);
    },
    verify: () => verifyAuditChains(client, { checkpointKey: options.checkpointKey }),
  };
}
