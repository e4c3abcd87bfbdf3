import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json.js';

/** The prev_hash of the first event of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  id: string;
  chainId: string;
  seq: number;
  kind: string;
  accountId: string | null;
  conversationId: string | null;
  channel: string | null;
  payload: { [key: string]: JsonValue };
  at: Date;
  prevHash: string;
}

/**
 * sha256 (hex) of the canonical JSON of every field of the event except the hash itself, with
 * absent optional fields as null and the instant as an ISO-8601 UTC string with milliseconds.
 * Anyone can recompute it from an export without Parley.
 */
export function auditEventHash(fields: HashedFields): string {
  const canonical = canonicalJson({
    accountId: fields.accountId,
    at: fields.at.toISOString(),
    chainId: fields.chainId,
    channel: fields.channel,
    conversationId: fields.conversationId,
    id: fields.id,
    kind: fields.kind,
    payload: fields.payload,
    prevHash: fields.prevHash,
    seq: fields.seq,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
