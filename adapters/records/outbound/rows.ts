import type { Arrangement, OutboundKind, OutboundMessage, OutboundStatus } from '../../../dialogs/ports.js';
import type { Channel } from '../../../guardrails/index.js';

export interface OutboundRow {
  id: string;
  account_id: string;
  channel: Channel | 'auto';
  channel_policy: 'fixed' | 'auto';
  kind: OutboundKind;
  speech_act: string;
  slots: Record<string, unknown>;
  due_at: Date;
  first_due_at: Date | null;
  status: OutboundStatus;
  reason: string | null;
  attempts: number;
  expires_at: Date | null;
  dedupe_key: string | null;
  source: string | null;
  arrangement_id: string | null;
  arrangement_kind: Arrangement['kind'] | null;
  target: string | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const OUTBOUND_COLUMNS =
  'id, account_id, channel, channel_policy, kind, speech_act, slots, due_at, first_due_at, status, reason, attempts, expires_at, dedupe_key, source, arrangement_id, arrangement_kind, target, sent_at, created_at, updated_at';

export function toOutboundMessage(row: OutboundRow): OutboundMessage {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    speechAct: row.speech_act,
    slots: row.slots,
    channel: row.channel,
    channelPolicy: row.channel_policy,
    dueAt: row.due_at,
    firstDueAt: row.first_due_at ?? row.due_at,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.reason === null ? {} : { reason: row.reason }),
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    ...(row.dedupe_key === null ? {} : { dedupeKey: row.dedupe_key }),
    ...(row.source === null ? {} : { source: row.source }),
    ...(row.arrangement_id === null || row.arrangement_kind === null ? {} : { arrangement: { id: row.arrangement_id, kind: row.arrangement_kind } }),
    ...(row.target === null ? {} : { target: row.target }),
    ...(row.sent_at === null ? {} : { sentAt: row.sent_at }),
  };
}

export const OUTBOUND_STATUSES: readonly OutboundStatus[] = ['pending', 'deferred', 'sending', 'sent', 'suppressed', 'blocked', 'failed', 'cancelled'];

export function emptyCounts(): Record<OutboundStatus, number> {
  return Object.fromEntries(OUTBOUND_STATUSES.map((status) => [status, 0])) as Record<OutboundStatus, number>;
}
