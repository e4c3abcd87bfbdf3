import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { GENESIS_HASH } from './audit-hash.js';
import { canonicalJson } from './canonical-json.js';
import type { SqlClient } from './sql-client.js';

/**
 * A retention checkpoint: the signed record of a prefix of a chain that retention removed. With it,
 * `verify` resumes the chain at last_seq + 1 expecting last_hash, and still flags any other gap.
 */
export interface AuditCheckpoint {
  id: string;
  chainId: string;
  firstSeq: number;
  lastSeq: number;
  /** prev_hash of the first removed event: the genesis hash, or last_hash of the checkpoint before. */
  firstPrevHash: string;
  /** hash of the last removed event: the prev_hash the first remaining event must carry. */
  lastHash: string;
  removedAt: Date;
  reason: string;
  /** Names the key that signed (a hash prefix of it, never the key). */
  keyId: string;
  signature: string;
}

export type UnsignedCheckpoint = Omit<AuditCheckpoint, 'keyId' | 'signature'>;

/** A short, non-secret name for a key, so a checkpoint says which key signed it. */
export function checkpointKeyId(key: string): string {
  return createHash('sha256').update(`parley-checkpoint-key-id|${key}`).digest('hex').slice(0, 12);
}

function signedText(checkpoint: UnsignedCheckpoint, keyId: string): string {
  return canonicalJson({
    chainId: checkpoint.chainId,
    firstPrevHash: checkpoint.firstPrevHash,
    firstSeq: checkpoint.firstSeq,
    id: checkpoint.id,
    keyId,
    lastHash: checkpoint.lastHash,
    lastSeq: checkpoint.lastSeq,
    reason: checkpoint.reason,
    removedAt: checkpoint.removedAt.toISOString(),
  });
}

export function signCheckpoint(checkpoint: UnsignedCheckpoint, key: string): AuditCheckpoint {
  const keyId = checkpointKeyId(key);
  const signature = createHmac('sha256', key).update(signedText(checkpoint, keyId), 'utf8').digest('hex');
  return { ...checkpoint, keyId, signature };
}

export function checkpointSignatureValid(checkpoint: AuditCheckpoint, key: string): boolean {
  const expected = createHmac('sha256', key).update(signedText(checkpoint, checkpoint.keyId), 'utf8').digest();
  const given = Buffer.from(checkpoint.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface CheckpointRow {
  id: string;
  chain_id: string;
  first_seq: number;
  last_seq: number;
  first_prev_hash: string;
  last_hash: string;
  removed_at: Date;
  reason: string;
  key_id: string;
  signature: string;
}

export const CHECKPOINT_COLUMNS = 'id, chain_id, first_seq, last_seq, first_prev_hash, last_hash, removed_at, reason, key_id, signature';

export function toCheckpoint(row: CheckpointRow): AuditCheckpoint {
  return {
    id: row.id,
    chainId: row.chain_id,
    firstSeq: row.first_seq,
    lastSeq: row.last_seq,
    firstPrevHash: row.first_prev_hash,
    lastHash: row.last_hash,
    removedAt: row.removed_at,
    reason: row.reason,
    keyId: row.key_id,
    signature: row.signature,
  };
}

export interface CheckpointProblem {
  chainId: string;
  seq: number;
  reason: string;
}

const PAGE = 2_000;

/**
 * Checks every checkpoint: signed with the configured key, and each chain's checkpoints contiguous
 * from seq 1 and the genesis hash. Without a key nothing can be trusted, so any checkpoint is a problem.
 */
export async function checkCheckpoints(client: SqlClient, key: string | undefined, onlyChain?: string): Promise<CheckpointProblem | undefined> {
  let cursor: { chainId: string; firstSeq: number } | undefined;
  let previous: AuditCheckpoint | undefined;
  for (;;) {
    const params: Array<string | number> = [PAGE];
    const where: string[] = [];
    if (onlyChain !== undefined) {
      params.push(onlyChain);
      where.push(`chain_id = $${params.length}`);
    }
    if (cursor) {
      params.push(cursor.chainId, cursor.firstSeq);
      where.push(`(chain_id, first_seq) > ($${params.length - 1}, $${params.length})`);
    }
    const rows = await client.query<CheckpointRow>(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY chain_id, first_seq LIMIT $1`,
      params,
    );
    for (const row of rows) {
      const checkpoint = toCheckpoint(row);
      const at = { chainId: checkpoint.chainId, seq: checkpoint.firstSeq };
      if (!key) return { ...at, reason: 'a retention checkpoint cannot be checked: PARLEY_AUDIT_CHECKPOINT_KEY is not set' };
      if (!checkpointSignatureValid(checkpoint, key)) {
        return {
          ...at,
          reason:
            checkpoint.keyId === checkpointKeyId(key)
              ? 'the retention checkpoint signature does not match: the checkpoint was forged or altered'
              : `the retention checkpoint was signed by another key (${checkpoint.keyId}) than PARLEY_AUDIT_CHECKPOINT_KEY (${checkpointKeyId(key)})`,
        };
      }
      const sameChain = previous?.chainId === checkpoint.chainId;
      const expectedSeq = sameChain && previous ? previous.lastSeq + 1 : 1;
      const expectedPrev = sameChain && previous ? previous.lastHash : GENESIS_HASH;
      if (checkpoint.firstSeq !== expectedSeq || checkpoint.firstPrevHash !== expectedPrev) {
        return { ...at, reason: `the retention checkpoints of this chain do not follow each other: expected one starting at seq ${expectedSeq}` };
      }
      previous = checkpoint;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return undefined;
    cursor = { chainId: last.chain_id, firstSeq: last.first_seq };
  }
}
