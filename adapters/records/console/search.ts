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

export const SUMMARY_SELECT = summarySelect('console_conversations');

/** The summary columns (without the words) with the consumer's name and jurisdictions, from a table or subquery. */
function summarySelect(source: string): string {
  return `SELECT c.conv_key, c.conversation_id, c.channel, c.account_id, c.first_at, c.last_at, c.events, c.inbound, c.outbound, c.blocked,
       c.deferred, c.suppressed, c.replaced, c.handoffs, c.verdicts, c.rule_ids, c.citations, c.flags,
       a.data -> 'consumer' ->> 'firstName' AS first_name, a.data -> 'consumer' ->> 'lastName' AS last_name, a.data -> 'jurisdictions' AS jurisdictions
  FROM ${source} c LEFT JOIN accounts a ON a.id = c.account_id`;
}

const NARROW_RANGE_MS = 92 * 86_400_000;

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
  let source = 'console_conversations';
  if (filters.from || filters.to) {
    // Conversations overlapping the range (GiST on the span); a missing end is unbounded.
    const overlap = `tstzrange(first_at, last_at, '[]') && tstzrange(${params.add(filters.from?.toISOString() ?? null)}::timestamptz, ${params.add(filters.to?.toISOString() ?? null)}::timestamptz, '[)')`;
    if (filters.from && filters.to && filters.to.getTime() - filters.from.getTime() <= NARROW_RANGE_MS) {
      // A narrow range is read through the span index first (OFFSET 0 keeps the planner from walking
      // the newest-first index down to an old week, which it wrongly estimates as cheap).
      source = `(SELECT * FROM console_conversations WHERE ${overlap} OFFSET 0)`;
    } else {
      where.push(overlap.replace('first_at, last_at', 'c.first_at, c.last_at'));
    }
  }
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
    if (query) where.push(`c.words @@ to_tsquery('simple', ${params.add(query)})`);
  }
  const cursor = decodeCursor(page.cursor, 2);
  if (cursor) {
    const [at = '', key = ''] = cursor;
    if (Number.isNaN(Date.parse(at))) throw new CursorError();
    where.push(`(c.last_at, c.conv_key) < (${params.add(at)}::timestamptz, ${params.add(key)})`);
  }
  const rows = await client.query<SummaryRow>(
    `${summarySelect(source)}
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
  // Literal kinds (constants, never input), so the planner can use the partial indexes on decisions.
  where.push(`e.kind IN (${kinds.map((kind) => `'${kind}'`).join(', ')})`);
  if (filters.conversation) where.push(`e.chain_id = ${params.add(filters.conversation)}`);
  const accountIds = await matchingAccounts(client, filters);
  if (accountIds) {
    if (accountIds.length === 0) return { items: [] };
    // The accounts' conversations are looked up first, so the events are found by index on
    // (chain_id, seq) and (account_id, at) rather than by a join the planner cannot drive.
    const keys = await client.query<{ conv_key: string }>(
      `SELECT conv_key FROM console_conversations WHERE account_id = ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))`,
      [JSON.stringify(accountIds)],
    );
    where.push(`(e.chain_id = ANY(${params.textArray(keys.map((row) => row.conv_key))}) OR e.account_id = ANY(${params.textArray(accountIds)}))`);
  }
  if (filters.from) where.push(`e.at >= ${params.add(filters.from.toISOString())}::timestamptz`);
  if (filters.to) where.push(`e.at < ${params.add(filters.to.toISOString())}::timestamptz`);
  if (filters.channel) where.push(`e.channel = ${params.add(filters.channel)}`);
  // These expressions match the partial indexes of migration 006 word for word.
  if (filters.verdict) where.push(`e.payload -> 'decision' ->> 'verdict' = ${params.add(filters.verdict)}`);
  if (filters.flag) where.push(containment(params, { field: filters.flag }));
  if (filters.replaced === true) where.push(`jsonb_typeof(e.payload -> 'decision' -> 'replacedDraft') = 'object'`);
  if (filters.replaced === false) where.push(`jsonb_typeof(e.payload -> 'decision' -> 'replacedDraft') IS DISTINCT FROM 'object'`);
  if (filters.rule) where.push(`parley_decision_rules(e.payload, 'ruleId') && ${params.textArray(resolveRuleFilter(filters.rule).ruleIds)}`);
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

/** The accounts the account, phone, name and jurisdiction filters name (at most 1,000), or undefined without such filters. */
async function matchingAccounts(client: SqlClient, filters: SearchFilters): Promise<string[] | undefined> {
  const params = new Params();
  const subquery = accountSubquery(filters, params);
  if (!subquery && !filters.account) return undefined;
  const conditions = [subquery ? `id IN (${subquery})` : undefined, filters.account ? `id = ${params.add(filters.account)}` : undefined].filter(Boolean);
  const rows = await client.query<{ id: string }>(`SELECT id FROM accounts WHERE ${conditions.join(' AND ')} ORDER BY id LIMIT 1000`, params.values);
  // An account id that is not (or no longer) in the accounts table still names its events.
  if (rows.length === 0 && filters.account && !subquery) return [filters.account];
  return rows.map((row) => row.id);
}

/** One conversation's summary, or undefined. */
export async function getConversationSummary(client: SqlClient, key: string): Promise<ConversationSummary | undefined> {
  const [row] = await client.query<SummaryRow>(`${SUMMARY_SELECT} WHERE c.conv_key = $1`, [key]);
  return row ? toSummary(row) : undefined;
}
