import type { SqlClient } from '../sql-client.js';
import { resolveRuleFilter, textQuery, type SearchFilters } from './filters.js';
import { CursorError, decodeCursor, encodeCursor, Params } from './sql-builder.js';

export interface ConversationSummary {
  key: string;
  conversationId?: string;
  channel?: string;
  accountId?: string;
  consumer?: { firstName: string; lastName: string };
  jurisdictions: string[];
  firstAt: Date;
  lastAt: Date;
  events: number;
  inbound: number;
  outbound: number;
  blocked: number;
  deferred: number;
  suppressed: number;
  replaced: number;
  handoffs: number;
  verdicts: string[];
  ruleIds: string[];
  citations: string[];
  flags: string[];
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  next?: string;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface SearchOptions {
  /** Conversation keys a phone number names beyond its accounts (SMS conversations are keyed by a hash of the numbers). */
  phoneConversationKeys?: (e164: string) => string[];
}

export interface SummaryRow {
  conv_key: string;
  conversation_id: string | null;
  channel: string | null;
  account_id: string | null;
  first_name: string | null;
  last_name: string | null;
  jurisdictions: string[] | null;
  first_at: Date;
  last_at: Date;
  events: number;
  inbound: number;
  outbound: number;
  blocked: number;
  deferred: number;
  suppressed: number;
  replaced: number;
  handoffs: number;
  verdicts: string[];
  rule_ids: string[];
  citations: string[];
  flags: string[];
}

export const SUMMARY_SELECT = `SELECT c.*, a.data -> 'consumer' ->> 'firstName' AS first_name, a.data -> 'consumer' ->> 'lastName' AS last_name,
       a.data -> 'jurisdictions' AS jurisdictions
  FROM console_conversations c LEFT JOIN accounts a ON a.id = c.account_id`;

export function toSummary(row: SummaryRow): ConversationSummary {
  return {
    key: row.conv_key,
    ...(row.conversation_id ? { conversationId: row.conversation_id } : {}),
    ...(row.channel ? { channel: row.channel } : {}),
    ...(row.account_id ? { accountId: row.account_id } : {}),
    ...(row.first_name !== null && row.last_name !== null ? { consumer: { firstName: row.first_name, lastName: row.last_name } } : {}),
    jurisdictions: row.jurisdictions ?? [],
    firstAt: row.first_at,
    lastAt: row.last_at,
    events: row.events,
    inbound: row.inbound,
    outbound: row.outbound,
    blocked: row.blocked,
    deferred: row.deferred,
    suppressed: row.suppressed,
    replaced: row.replaced,
    handoffs: row.handoffs,
    verdicts: row.verdicts,
    ruleIds: row.rule_ids,
    citations: row.citations,
    flags: row.flags,
  };
}

const MAX_LIMIT = 200;

function limitOf(page: PageRequest): number {
  return Math.min(Math.max(Math.trunc(page.limit ?? 50), 1), MAX_LIMIT);
}

/** Conditions on accounts (phone, name, jurisdiction) as a subquery of account ids, or undefined. */
function accountSubquery(filters: SearchFilters, params: Params): string | undefined {
  const where: string[] = [];
  if (filters.phone) where.push(`phones @> ARRAY[${params.add(filters.phone)}::text]`);
  if (filters.name) {
    const words = filters.name.toLowerCase().split(/\s+/).filter(Boolean);
    for (const word of words) {
      const like = params.add(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(lower(data -> 'consumer' ->> 'firstName') LIKE ${like} OR lower(data -> 'consumer' ->> 'lastName') LIKE ${like})`);
    }
  }
  if (filters.jurisdiction) where.push(`data -> 'jurisdictions' ? ${params.add(filters.jurisdiction)}`);
  return where.length ? `SELECT id FROM accounts WHERE ${where.join(' AND ')}` : undefined;
}

/** Conversations matching every filter, most recent activity first, a page at a time (keyset on last activity, key). */
export async function searchConversations(
  client: SqlClient,
  filters: SearchFilters,
  page: PageRequest = {},
  options: SearchOptions = {},
): Promise<Page<ConversationSummary>> {
  const params = new Params();
  const where: string[] = [];
  const limit = limitOf(page);
  if (filters.conversation) where.push(`(c.conv_key = ${params.add(filters.conversation)} OR c.conversation_id = ${params.add(filters.conversation)})`);
  if (filters.account) where.push(`c.account_id = ${params.add(filters.account)}`);
  const accounts = accountSubquery(filters, params);
  if (accounts) {
    const phoneKeys = filters.phone ? (options.phoneConversationKeys?.(filters.phone) ?? []) : [];
    where.push(
      phoneKeys.length > 0 && !filters.name && !filters.jurisdiction
        ? `(c.account_id IN (${accounts}) OR c.conv_key = ANY(${params.textArray(phoneKeys)}))`
        : `c.account_id IN (${accounts})`,
    );
  }
  if (filters.from) where.push(`c.last_at >= ${params.add(filters.from.toISOString())}::timestamptz`);
  if (filters.to) where.push(`c.first_at < ${params.add(filters.to.toISOString())}::timestamptz`);
  if (filters.channel) where.push(`c.channel = ${params.add(filters.channel)}`);
  if (filters.rule) {
    const match = resolveRuleFilter(filters.rule);
    where.push(`(c.rule_ids && ${params.textArray(match.ruleIds)} OR c.citations && ${params.textArray(match.citations)})`);
  }
  if (filters.verdict) where.push(`c.verdicts @> ARRAY[${params.add(filters.verdict)}::text]`);
  if (filters.flag) where.push(`c.flags @> ARRAY[${params.add(filters.flag)}::text]`);
  if (filters.replaced === true) where.push('c.replaced > 0');
  if (filters.replaced === false) where.push('c.replaced = 0');
  if (filters.text) {
    const query = textQuery(filters.text);
    if (query) {
      const range = [
        filters.from ? `AND e.at >= ${params.add(filters.from.toISOString())}::timestamptz` : '',
        filters.to ? `AND e.at < ${params.add(filters.to.toISOString())}::timestamptz` : '',
      ].join(' ');
      where.push(
        `c.conv_key IN (SELECT e.chain_id FROM audit_events e
                          WHERE e.kind IN ('inbound', 'outbound', 'decision')
                            AND to_tsvector('simple', parley_event_text(e.payload)) @@ to_tsquery('simple', ${params.add(query)}) ${range})`,
      );
    }
  }
  const cursor = decodeCursor(page.cursor, 2);
  if (cursor) {
    const [at = '', key = ''] = cursor;
    if (Number.isNaN(Date.parse(at))) throw new CursorError();
    where.push(`(c.last_at, c.conv_key) < (${params.add(at)}::timestamptz, ${params.add(key)})`);
  }
  const rows = await client.query<SummaryRow>(
    `${SUMMARY_SELECT}
     ${where.length ? `WHERE ${where.join('\n AND ')}` : ''}
     ORDER BY c.last_at DESC, c.conv_key DESC
     LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  const items = rows.slice(0, limit).map(toSummary);
  const last = items.at(-1);
  return { items, ...(rows.length > limit && last ? { next: encodeCursor([last.lastAt.toISOString(), last.key]) } : {}) };
}

export interface DecisionHit {
  id: string;
  key?: string;
  chainId: string;
  seq: number;
  kind: string;
  at: Date;
  channel?: string;
  accountId?: string;
  payload: Record<string, unknown>;
}

interface EventHitRow {
  id: string;
  conv_key: string | null;
  chain_id: string;
  seq: number;
  kind: string;
  at: Date;
  channel: string | null;
  account_id: string | null;
  payload: Record<string, unknown>;
}

function containment(params: Params, value: unknown): string {
  return `e.payload @> ${params.add(JSON.stringify(value))}::jsonb`;
}

/**
 * Decisions, flag changes and hand-offs matching the filters, newest first (keyset on at, id): what
 * an officer lists to answer "every message this rule blocked last month".
 */
export async function searchDecisions(client: SqlClient, filters: SearchFilters, page: PageRequest = {}): Promise<Page<DecisionHit>> {
  const params = new Params();
  const where: string[] = [];
  const limit = limitOf(page);
  let kinds = ['outbound', 'decision', 'flag-change', 'handoff'];
  if (filters.verdict || filters.rule || filters.replaced !== undefined) kinds = ['outbound', 'decision'];
  if (filters.flag) kinds = kinds.filter((kind) => kind === 'flag-change');
  where.push(`e.kind = ANY(${params.textArray(kinds)})`);
  if (filters.conversation) where.push(`e.chain_id = ${params.add(filters.conversation)}`);
  const accountIds: string[] = [];
  if (filters.account) accountIds.push(params.add(filters.account));
  const accounts = accountSubquery(filters, params);
  if (filters.account || accounts) {
    const accountSet = [filters.account ? `SELECT ${accountIds[0]}::text` : undefined, accounts].filter(Boolean).join(' INTERSECT ');
    where.push(`(e.account_id IN (${accountSet}) OR e.chain_id IN (SELECT conv_key FROM console_conversations WHERE account_id IN (${accountSet})))`);
  }
  if (filters.from) where.push(`e.at >= ${params.add(filters.from.toISOString())}::timestamptz`);
  if (filters.to) where.push(`e.at < ${params.add(filters.to.toISOString())}::timestamptz`);
  if (filters.channel) where.push(`e.channel = ${params.add(filters.channel)}`);
  if (filters.verdict) where.push(containment(params, { decision: { verdict: filters.verdict } }));
  if (filters.flag) where.push(containment(params, { field: filters.flag }));
  if (filters.replaced === true) where.push(`e.payload @? '$.decision.replacedDraft.text'`);
  if (filters.replaced === false) where.push(`NOT (e.payload @? '$.decision.replacedDraft.text')`);
  if (filters.rule) {
    const match = resolveRuleFilter(filters.rule);
    const alternatives: string[] = [];
    for (const ruleId of match.ruleIds.slice(0, 20)) {
      alternatives.push(containment(params, { decision: { rules: [{ ruleId }] } }));
      alternatives.push(containment(params, { decision: { violations: [{ ruleId }] } }));
      alternatives.push(containment(params, { decision: { replacedDraft: { violations: [{ ruleId }] } } }));
    }
    where.push(`(${alternatives.join(' OR ')})`);
  }
  if (filters.text) {
    const query = textQuery(filters.text);
    if (query) where.push(`to_tsvector('simple', parley_event_text(e.payload)) @@ to_tsquery('simple', ${params.add(query)})`);
  }
  const cursor = decodeCursor(page.cursor, 2);
  if (cursor) {
    const [at = '', id = ''] = cursor;
    if (Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw new CursorError();
    where.push(`(e.at, e.id) < (${params.add(at)}::timestamptz, ${params.add(id)}::uuid)`);
  }
  const rows = await client.query<EventHitRow>(
    `SELECT e.id, parley_console_key(e.chain_id, e.conversation_id, e.channel) AS conv_key, e.chain_id, e.seq, e.kind, e.at, e.channel, e.account_id, e.payload
       FROM audit_events e
      WHERE ${where.join('\n AND ')}
      ORDER BY e.at DESC, e.id DESC
      LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  const items: DecisionHit[] = rows.slice(0, limit).map((row) => ({
    id: row.id,
    ...(row.conv_key ? { key: row.conv_key } : {}),
    chainId: row.chain_id,
    seq: row.seq,
    kind: row.kind,
    at: row.at,
    ...(row.channel ? { channel: row.channel } : {}),
    ...(row.account_id ? { accountId: row.account_id } : {}),
    payload: row.payload,
  }));
  const last = items.at(-1);
  return { items, ...(rows.length > limit && last ? { next: encodeCursor([last.at.toISOString(), last.id]) } : {}) };
}

/** One conversation's summary, or undefined. */
export async function getConversationSummary(client: SqlClient, key: string): Promise<ConversationSummary | undefined> {
  const [row] = await client.query<SummaryRow>(`${SUMMARY_SELECT} WHERE c.conv_key = $1`, [key]);
  return row ? toSummary(row) : undefined;
}
