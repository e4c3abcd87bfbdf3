import { DateTime } from 'luxon';
import type { AuditEvent } from '../../../dialogs/ports.js';
import { phoneZones, postalZones, type Account } from '../../../guardrails/index.js';
import { toEvent, type EventRow } from '../audit-trail.js';
import type { SqlClient } from '../sql-client.js';
import { maskName, maskPayload } from './mask.js';
import { getConversationSummary, type ConversationSummary } from './search.js';

export interface ConversationRecords {
  summary: ConversationSummary;
  account?: Account;
  /** Every event of the conversation, in order: its own chain, plus events of other chains that name it. */
  events: AuditEvent[];
}

/** The stored records of one conversation, unmasked: what exports and the transcript view start from. */
export async function loadConversation(client: SqlClient, key: string): Promise<ConversationRecords | undefined> {
  const summary = await getConversationSummary(client, key);
  if (!summary) return undefined;
  const rows = await client.query<EventRow>(
    `SELECT id, chain_id, seq, kind, account_id, conversation_id, channel, payload, at, prev_hash, hash
       FROM audit_events
      WHERE chain_id = $1 OR ($2::text IS NOT NULL AND conversation_id = $2 AND channel = $3)
      ORDER BY at, chain_id = $1 DESC, chain_id, seq`,
    [key, summary.conversationId ?? null, summary.channel ?? null],
  );
  let account: Account | undefined;
  if (summary.accountId) {
    const [row] = await client.query<{ data: Account }>('SELECT data FROM accounts WHERE id = $1', [summary.accountId]);
    account = row?.data;
  }
  return { summary, events: rows.map(toEvent), ...(account ? { account } : {}) };
}

/** The zone the consumer's local times are shown in: the address first, else the first phone's. */
export function consumerZone(account: Account | undefined): { zone: string; source: string } | undefined {
  if (!account) return undefined;
  const address = account.consumer.address;
  const byAddress = postalZones(address.postalCode, address.country)[0];
  if (byAddress) return { zone: byAddress, source: 'address' };
  for (const phone of account.consumer.phones) {
    const zones = phoneZones(phone.number);
    if (zones.length === 1 && zones[0]) return { zone: zones[0], source: 'phone' };
  }
  return undefined;
}

export function localTime(at: Date, zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  const local = DateTime.fromJSDate(at, { zone });
  return local.isValid ? local.toFormat("ccc d LLL yyyy, HH:mm:ss ZZZZ") : undefined;
}

export interface RuleView {
  ruleId: string;
  citation: string;
  reason: string;
}

export interface DecisionView {
  verdict: string;
  text?: string | null;
  deferUntil?: string;
  disclosures: string[];
  rules: RuleView[];
  violations: RuleView[];
  replacedDraft?: { text: string; violations: RuleView[] };
  packVersion?: string;
  phrasing?: Record<string, unknown>;
}

export interface TranscriptEntry {
  id: string;
  chainId: string;
  seq: number;
  kind: string;
  at: string;
  localTime?: string;
  channel?: string;
  from: 'consumer' | 'parley' | 'system';
  text?: string;
  speechAct?: string;
  decision?: DecisionView;
  flagChange?: { field: string; intent?: string; summary: Record<string, unknown> };
  handoff?: { reason: string };
  details?: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export interface TranscriptView {
  key: string;
  conversationId?: string;
  channel?: string;
  accountId?: string;
  consumer?: string;
  jurisdictions: string[];
  zone?: { zone: string; source: string };
  masked: boolean;
  summary: Omit<ConversationSummary, 'consumer'>;
  entries: TranscriptEntry[];
}

function rulesOf(value: unknown): RuleView[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
    .map((item) => ({ ruleId: String(item.ruleId ?? ''), citation: String(item.citation ?? ''), reason: String(item.reason ?? '') }));
}

function decisionOf(payload: Record<string, unknown>): DecisionView | undefined {
  const raw = payload.decision;
  if (raw === null || typeof raw !== 'object') return undefined;
  const decision = raw as Record<string, unknown>;
  const replaced = decision.replacedDraft as { text?: unknown; violations?: unknown } | undefined;
  return {
    verdict: String(decision.verdict ?? 'unknown'),
    ...(decision.text === undefined ? {} : { text: decision.text === null ? null : String(decision.text) }),
    ...(typeof decision.deferUntil === 'string' ? { deferUntil: decision.deferUntil } : {}),
    disclosures: Array.isArray(decision.disclosures) ? decision.disclosures.map(String) : [],
    rules: rulesOf(decision.rules),
    violations: rulesOf(decision.violations),
    ...(replaced && typeof replaced === 'object' && typeof replaced.text === 'string' ? { replacedDraft: { text: replaced.text, violations: rulesOf(replaced.violations) } } : {}),
    ...(typeof decision.packVersion === 'string' ? { packVersion: decision.packVersion } : {}),
    ...(payload.phrasing && typeof payload.phrasing === 'object' ? { phrasing: payload.phrasing as Record<string, unknown> } : {}),
  };
}

/** One event as the officer reads it: who spoke, what, when (UTC and the consumer's local time), and the decision beside it. */
export function transcriptEntry(event: AuditEvent, zone: string | undefined, masked: boolean): TranscriptEntry {
  const payload = masked ? maskPayload(event.payload) : event.payload;
  const base = {
    id: event.id,
    chainId: event.chainId,
    seq: event.seq,
    kind: event.kind,
    at: event.at.toISOString(),
    ...(zone ? { localTime: localTime(event.at, zone) } : {}),
    ...(event.channel ? { channel: event.channel } : {}),
    hash: event.hash,
    prevHash: event.prevHash,
  };
  switch (event.kind) {
    case 'inbound':
      return { ...base, from: 'consumer', text: String(payload.text ?? '') };
    case 'outbound':
    case 'decision': {
      const decision = decisionOf(payload);
      return {
        ...base,
        from: 'parley',
        ...(typeof payload.text === 'string' ? { text: payload.text } : decision?.text ? { text: decision.text } : {}),
        ...(typeof payload.speechAct === 'string' ? { speechAct: payload.speechAct } : {}),
        ...(decision ? { decision } : {}),
      };
    }
    case 'flag-change':
      return {
        ...base,
        from: 'system',
        flagChange: {
          field: String(payload.field ?? ''),
          ...(typeof payload.intent === 'string' ? { intent: payload.intent } : {}),
          summary: (payload.summary && typeof payload.summary === 'object' ? payload.summary : {}) as Record<string, unknown>,
        },
      };
    case 'handoff':
      return { ...base, from: 'system', handoff: { reason: String(payload.reason ?? 'other') } };
    default:
      return { ...base, from: 'system', details: payload };
  }
}

export function transcriptView(records: ConversationRecords, masked: boolean): TranscriptView {
  const zone = consumerZone(records.account);
  const { consumer, ...summary } = records.summary;
  const name = consumer ? (masked ? maskName(consumer.firstName, consumer.lastName) : `${consumer.firstName} ${consumer.lastName}`) : undefined;
  return {
    key: summary.key,
    ...(summary.conversationId ? { conversationId: summary.conversationId } : {}),
    ...(summary.channel ? { channel: summary.channel } : {}),
    ...(summary.accountId ? { accountId: summary.accountId } : {}),
    ...(name ? { consumer: name } : {}),
    jurisdictions: summary.jurisdictions,
    ...(zone ? { zone } : {}),
    masked,
    summary,
    entries: records.events.map((event) => transcriptEntry(event, zone?.zone, masked)),
  };
}
