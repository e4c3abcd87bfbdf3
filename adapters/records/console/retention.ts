import { randomUUID } from 'node:crypto';
import { retentionYears } from '../../../guardrails/index.js';
import { appendAuditEvent, verifyAuditChains } from '../audit-trail.js';
import { CHECKPOINT_COLUMNS, signCheckpoint, toCheckpoint, type AuditCheckpoint } from '../audit-checkpoints.js';
import { GENESIS_HASH } from '../audit-hash.js';
import type { SqlClient } from '../sql-client.js';
import { heldAccountIds } from './holds.js';
import { likeLiteral } from './sql-builder.js';

export interface RetentionCandidate {
  accountId: string;
  jurisdictions: string[];
  lastActivity: Date;
  years: number;
  ruleId: string;
  citation: string;
  /** lastActivity + years: records older than the run's instant minus the period may go. */
  expiredAt: Date;
}

export interface RetentionChain {
  chainId: string;
  accountId: string;
  /** The seq range this run removes (after any earlier checkpoint). */
  firstSeq: number;
  lastSeq: number;
  events: number;
}

export interface RetentionPlan {
  at: Date;
  expired: RetentionCandidate[];
  /** Expired accounts kept because a legal hold is in place. */
  held: RetentionCandidate[];
  /** Accounts whose jurisdictions have no retention rule: kept. */
  noRule: string[];
  chains: RetentionChain[];
}

export interface RetentionResult extends RetentionPlan {
  applied: boolean;
  removedEvents: number;
  checkpoints: AuditCheckpoint[];
  /** Chains not touched because they do not verify: retention must never launder tampering. */
  refused: Array<{ chainId: string; reason: string }>;
}

interface ActivityRow {
  account_id: string;
  last_activity: Date;
  jurisdictions: string[] | null;
}

function addYears(at: Date, years: number): Date {
  const next = new Date(at.getTime());
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
}

/**
 * What retention would remove at `at`: for every account, the last collection activity (its
 * conversations, the contact ledger, events naming it; console reads do not count), the retention
 * period of its jurisdictions' packs, and, once that period is over, the front of each of its chains
 * older than the period. Accounts under a legal hold are listed and kept.
 */
export async function planRetention(client: SqlClient, at: Date): Promise<RetentionPlan> {
  const activity = await client.query<ActivityRow>(
    `WITH last AS (
       SELECT account_id, max(last_at) AS at FROM console_conversations WHERE account_id IS NOT NULL GROUP BY 1
       UNION ALL SELECT account_id, max(at) FROM contact_attempts GROUP BY 1
       UNION ALL SELECT account_id, max(at) FROM audit_events WHERE account_id IS NOT NULL AND kind NOT IN ('console-access', 'system') GROUP BY 1
     )
     SELECT l.account_id, max(l.at) AS last_activity, a.data -> 'jurisdictions' AS jurisdictions
       FROM last l JOIN accounts a ON a.id = l.account_id
      GROUP BY l.account_id, a.data -> 'jurisdictions'
      ORDER BY l.account_id`,
  );
  const held = await heldAccountIds(client);
  const plan: RetentionPlan = { at, expired: [], held: [], noRule: [], chains: [] };
  for (const row of activity) {
    const jurisdictions = row.jurisdictions ?? [];
    const rule = retentionYears(jurisdictions, at);
    if (!rule) {
      plan.noRule.push(row.account_id);
      continue;
    }
    const expiredAt = addYears(row.last_activity, rule.years);
    if (expiredAt > at) continue;
    const candidate: RetentionCandidate = { accountId: row.account_id, jurisdictions, lastActivity: row.last_activity, years: rule.years, ruleId: rule.ruleId, citation: rule.citation, expiredAt };
    if (held.has(row.account_id)) plan.held.push(candidate);
    else plan.expired.push(candidate);
  }
  for (const candidate of plan.expired) {
    const cutoff = addYears(at, -candidate.years);
    const chains = await client.query<{ chain_id: string; first_seq: number; last_seq: number; events: number }>(
      `WITH chains AS (
         SELECT conv_key AS chain_id FROM console_conversations WHERE account_id = $1
         UNION SELECT 'account:' || $1 UNION SELECT 'outbound:' || $1
       ), resume AS (
         SELECT ch.chain_id, coalesce((SELECT max(last_seq) FROM audit_checkpoints c WHERE c.chain_id = ch.chain_id), 0) + 1 AS first_seq,
                coalesce((SELECT min(seq) FROM audit_events e WHERE e.chain_id = ch.chain_id AND e.at >= $2::timestamptz), 2147483647) AS stop
           FROM chains ch
       )
       SELECT r.chain_id, r.first_seq, max(e.seq) AS last_seq, count(*)::int AS events
         FROM resume r JOIN audit_events e ON e.chain_id = r.chain_id AND e.seq >= r.first_seq AND e.seq < r.stop
        GROUP BY r.chain_id, r.first_seq ORDER BY r.chain_id`,
      [candidate.accountId, cutoff.toISOString()],
    );
    for (const chain of chains) {
      plan.chains.push({ chainId: chain.chain_id, accountId: candidate.accountId, firstSeq: chain.first_seq, lastSeq: chain.last_seq, events: chain.events });
    }
  }
  return plan;
}

export class RetentionKeyMissingError extends Error {
  constructor() {
    super('Retention writes signed checkpoints: set PARLEY_AUDIT_CHECKPOINT_KEY (a long random secret) first.');
  }
}

/**
 * Removes what the plan lists, one chain per transaction: check the chain verifies, sign a
 * checkpoint of the removed range, delete the range (the append-only trigger lets exactly the
 * checkpointed rows go, in this transaction only), rebuild the conversation summary, and record the
 * removal in the system chain. A chain that does not verify is left alone and reported.
 */
export async function applyRetention(client: SqlClient, plan: RetentionPlan, key: string | undefined, options: { onProgress?: (done: number, total: number) => void } = {}): Promise<RetentionResult> {
  if (!key) throw new RetentionKeyMissingError();
  const result: RetentionResult = { ...plan, applied: true, removedEvents: 0, checkpoints: [], refused: [] };
  let done = 0;
  for (const chain of plan.chains) {
    const verification = await verifyAuditChains(client, { chainId: chain.chainId, checkpointKey: key });
    if (!verification.ok) {
      result.refused.push({ chainId: chain.chainId, reason: verification.firstBroken.reason });
      done += 1;
      options.onProgress?.(done, plan.chains.length);
      continue;
    }
    const checkpoint = await client.transaction(async (tx) => {
      await tx.query('SELECT last_seq FROM audit_chain_heads WHERE chain_id = $1 FOR UPDATE', [chain.chainId]);
      const [previous] = await tx.query<Parameters<typeof toCheckpoint>[0]>(
        `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE chain_id = $1 ORDER BY last_seq DESC LIMIT 1`,
        [chain.chainId],
      );
      const [first] = await tx.query<{ prev_hash: string }>('SELECT prev_hash FROM audit_events WHERE chain_id = $1 AND seq = $2', [chain.chainId, chain.firstSeq]);
      const [last] = await tx.query<{ hash: string }>('SELECT hash FROM audit_events WHERE chain_id = $1 AND seq = $2', [chain.chainId, chain.lastSeq]);
      const expectedPrev = previous ? toCheckpoint(previous).lastHash : GENESIS_HASH;
      if (!first || !last || first.prev_hash !== expectedPrev) throw new Error(`The chain ${chain.chainId} changed while retention ran; run it again.`);
      const signed = signCheckpoint(
        {
          id: randomUUID(),
          chainId: chain.chainId,
          firstSeq: chain.firstSeq,
          lastSeq: chain.lastSeq,
          firstPrevHash: first.prev_hash,
          lastHash: last.hash,
          removedAt: plan.at,
          reason: `retention: account ${chain.accountId}, last activity older than the retention period`,
        },
        key,
      );
      await tx.query(
        `INSERT INTO audit_checkpoints (${CHECKPOINT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9, $10)`,
        [signed.id, signed.chainId, signed.firstSeq, signed.lastSeq, signed.firstPrevHash, signed.lastHash, signed.removedAt.toISOString(), signed.reason, signed.keyId, signed.signature],
      );
      await tx.query(`SELECT set_config('parley.audit_retention', 'on', true)`);
      const removed = await tx.query<{ id: string }>('DELETE FROM audit_events WHERE chain_id = $1 AND seq BETWEEN $2 AND $3 RETURNING id', [chain.chainId, chain.firstSeq, chain.lastSeq]);
      await tx.query(`SELECT set_config('parley.audit_retention', 'off', true)`);
      await tx.query('SELECT parley_console_rebuild($1)', [likeLiteral(chain.chainId)]);
      await tx.query(`DELETE FROM console_handoffs WHERE account_id = $1 AND requested_at < $2::timestamptz`, [chain.accountId, plan.at.toISOString()]);
      await appendAuditEvent(tx, {
        chainId: 'system',
        kind: 'system',
        // The account is named in the payload only: a removal is not collection activity.
        payload: { action: 'retention', accountId: chain.accountId, chainId: chain.chainId, firstSeq: chain.firstSeq, lastSeq: chain.lastSeq, events: removed.length, checkpointId: signed.id },
        at: plan.at,
      });
      result.removedEvents += removed.length;
      return signed;
    });
    result.checkpoints.push(checkpoint);
    done += 1;
    options.onProgress?.(done, plan.chains.length);
  }
  return result;
}
