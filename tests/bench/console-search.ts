// Console search over a large audit trail: writes N events (default 1,000,000) as ~100,000
// conversations of 20,000 accounts over a year, with valid hash chains and decisions shaped like the
// gate's, then times the queries an officer runs (p50/p99 of repeated runs with varied parameters).
//   npx tsx tests/bench/console-search.ts [events] [pgliteEvents]
// pgliteEvents defaults to 200,000: loading PGlite (single-threaded WebAssembly) with a million
// events takes many minutes; pass 1000000 to measure it anyway.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  auditEventHash,
  createRecordsStore,
  dashboard,
  GENESIS_HASH,
  loadConversation,
  migrate,
  openSqlClient,
  searchConversations,
  searchDecisions,
  searchFiltersSchema,
  type SearchFiltersInput,
  type SqlClient,
} from '../../adapters/records/index.js';
import { createTestDatabase } from '../support/postgres.js';

const total = Number(process.argv[2] ?? 1_000_000);
const pgliteTotal = Number(process.argv[3] ?? 200_000);
const ACCOUNTS = 20_000;
const START = Date.parse('2025-11-01T00:00:00.000Z');
const YEAR_MS = 365 * 86_400_000;

/** A small deterministic generator, so two runs write the same trail. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20261124);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const FIRST = ['Alex', 'Jordan', 'Casey', 'Riley', 'Morgan', 'Taylor', 'Avery', 'Quinn', 'Jamie', 'Rowan', 'Skyler', 'Dakota', 'Emerson', 'Finley', 'Harper'];
const LAST = ['Sample', 'Placeholder', 'Testperson', 'Example', 'Fictional', 'Demo', 'Mockley', 'Stubbs', 'Fakeworth', 'Dummy', 'Pretend', 'Invented'];
const STATES: Array<[string, string, string]> = [['MA', '02108', '617'], ['CA', '90012', '213'], ['NY', '12207', '518'], ['WA', '98101', '206'], ['TX', '73301', '512'], ['AZ', '85001', '602'], ['FL', '33101', '305']];
const CONSUMER = [
  'what do I owe on this account',
  'can I set up a payment plan',
  'I already paid this last month',
  'please send me the payment link',
  'who is the original creditor',
  'I lost my job and cannot pay right now',
  'can you call me after work',
  'is this going to affect my credit report',
  'I want to talk to a person',
  'how long do I have to dispute',
];
const RIGHTS: Array<{ field: string; intent: string; text: string; weight: number }> = [
  { field: 'dispute', intent: 'dispute', text: "I don't owe this, it is not my debt", weight: 0.02 },
  { field: 'optOuts', intent: 'channel_opt_out', text: 'stop texting me', weight: 0.03 },
  { field: 'cease', intent: 'cease_communication', text: 'stop contacting me about this', weight: 0.01 },
  { field: 'attorney', intent: 'attorney', text: 'my lawyer handles this now', weight: 0.005 },
  { field: 'crisis', intent: 'crisis', text: 'I cannot cope with any of this anymore', weight: 0.003 },
];
const REPLIES = ['Your balance is $1,402.25. You can pay with a secure link.', 'I can set up a plan of $100.00 a month.', 'The original creditor is Example Bank, N.A.', 'A person will call you during business hours.', 'You can dispute this debt until the end of the validation period.'];

const rule = (ruleId: string, citation: string, reason: string) => ({ citation, reason, ruleId });
const BASE_RULES = [
  rule('social-media', '12 CFR 1006.22(f)(4)', 'a private conversation with the consumer'),
  rule('medium-restriction', '12 CFR 1006.14(h)', 'no opt-out of this medium on record'),
  rule('consumer-initiated', 'Parley policy', 'a reply to the consumer'),
  rule('draft-checks', '12 CFR 1006.18(b)–(c); 12 CFR 1006.38', 'template passed the draft checks'),
  rule('disclosures', '12 CFR 1006.18(e)', 'later communication: added later-disclosure in en'),
];

interface Row {
  id: string;
  chain_id: string;
  seq: number;
  kind: string;
  account_id: string | null;
  conversation_id: string;
  channel: string;
  payload: Record<string, unknown>;
  at: string;
  prev_hash: string;
  hash: string;
}

function decision(at: Date, verdict: string, extra: Record<string, unknown> = {}) {
  const violations = verdict === 'block' ? [rule('threat-criminal', '12 CFR 1006.18(b)–(c)', 'threatens arrest')] : verdict === 'suppress' ? [rule('dispute', '12 CFR 1006.38', 'disputed: collection stops')] : verdict === 'defer' ? [rule('time-of-day', '12 CFR 1006.6(b)(1)(i)', 'outside 08:00-21:00 local')] : [];
  return { at: at.toISOString(), disclosures: ['later-disclosure'], packVersion: 'us-federal@2026.11.0', rules: [...BASE_RULES, ...violations], text: verdict === 'send' || verdict === 'defer' ? 'text' : null, verdict, violations, ...extra };
}

/** One conversation's events with a valid hash chain. */
function conversation(n: number): Row[] {
  const account = Math.floor(random() * ACCOUNTS);
  const accountId = `BENCH-${String(account).padStart(6, '0')}`;
  const channel = random() < 0.5 ? 'webchat' : random() < 0.8 ? 'sms' : 'msteams';
  const conversationId = `bench-${n}`;
  const chainId = `conv:${channel}:${conversationId}`;
  let at = START + Math.floor(random() * (YEAR_MS - 3_600_000));
  const turns = 3 + Math.floor(random() * 3);
  const events: Array<Omit<Row, 'id' | 'seq' | 'prev_hash' | 'hash'>> = [];
  const push = (kind: string, payload: Record<string, unknown>, withAccount: boolean) => {
    at += 5_000 + Math.floor(random() * 60_000);
    events.push({ chain_id: chainId, kind, account_id: withAccount ? accountId : null, conversation_id: conversationId, channel, payload, at: new Date(at).toISOString() });
  };
  for (let turn = 0; turn < turns; turn += 1) {
    const right = RIGHTS.find((candidate) => random() < candidate.weight);
    push('inbound', { activityId: randomUUID(), text: right ? right.text : pick(CONSUMER) }, false);
    if (right) push('flag-change', { accountId, field: right.field, intent: right.intent, summary: {}, verified: true }, true);
    const roll = random();
    const verdict = roll < 0.03 ? 'block' : roll < 0.05 ? 'suppress' : roll < 0.07 ? 'defer' : 'send';
    const replaced = verdict === 'send' && random() < 0.02;
    const record = {
      accountId,
      speechAct: 'faq.answer',
      decision: decision(new Date(at), verdict, replaced ? { replacedDraft: { text: 'Pay today or we will have you arrested.', violations: [rule('threat-criminal', '12 CFR 1006.18(b)–(c)', 'threatens arrest')] } } : {}),
    };
    if (verdict === 'send') push('outbound', { replyTo: null, text: pick(REPLIES), ...record }, true);
    else push('decision', record, true);
    if (random() < 0.01) push('handoff', { reason: 'human_agent' }, true);
  }
  let prevHash = GENESIS_HASH;
  return events.map((event, index) => {
    const id = randomUUID();
    const hash = auditEventHash({
      id,
      chainId: event.chain_id,
      seq: index + 1,
      kind: event.kind,
      accountId: event.account_id,
      conversationId: event.conversation_id,
      channel: event.channel,
      payload: event.payload as never,
      at: new Date(event.at),
      prevHash,
    });
    const row = { ...event, id, seq: index + 1, prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
}

async function fillAccounts(client: SqlClient): Promise<void> {
  for (let start = 0; start < ACCOUNTS; start += 2_000) {
    const rows = [];
    for (let n = start; n < Math.min(ACCOUNTS, start + 2_000); n += 1) {
      const [region, zip, area] = STATES[n % STATES.length] ?? ['MA', '02108', '617'];
      const phone = `+1${area}555${String(n % 10_000).padStart(4, '0')}`;
      const id = `BENCH-${String(n).padStart(6, '0')}`;
      rows.push({
        id,
        phones: [phone],
        data: { accountId: id, consumer: { firstName: FIRST[n % FIRST.length], lastName: `${LAST[n % LAST.length]}${n}`, phones: [{ number: phone, type: 'mobile' }], address: { line1: '1 Bench St', city: 'Bench', region, postalCode: zip, country: 'US' } }, jurisdictions: ['US', `US-${region}`] },
      });
    }
    await client.query(
      `INSERT INTO accounts (id, data, phones) SELECT id, data, ARRAY(SELECT jsonb_array_elements_text(phones)) FROM jsonb_to_recordset($1::jsonb) AS x(id text, data jsonb, phones jsonb)`,
      [JSON.stringify(rows)],
    );
  }
}

async function fillEvents(client: SqlClient, count: number): Promise<{ conversations: number; keys: string[] }> {
  let written = 0;
  let conversations = 0;
  const keys: string[] = [];
  // Bulk load without the per-row summary trigger, then one set-based rebuild (as after a restore).
  await client.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_console_summary');
  let batch: Row[] = [];
  const heads: Array<{ chain_id: string; last_seq: number; last_hash: string }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await client.transaction(async (tx) => {
      await tx.query(`INSERT INTO audit_chain_heads (chain_id, last_seq, last_hash) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(chain_id text, last_seq int, last_hash text)`, [JSON.stringify(heads)]);
      await tx.query(
        `INSERT INTO audit_events (id, chain_id, seq, kind, account_id, conversation_id, channel, payload, at, prev_hash, hash)
         SELECT id, chain_id, seq, kind, account_id, conversation_id, channel, payload, at, prev_hash, hash
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, chain_id text, seq int, kind text, account_id text, conversation_id text, channel text, payload jsonb, at timestamptz, prev_hash text, hash text)`,
        [JSON.stringify(batch)],
      );
    });
    batch = [];
    heads.length = 0;
  };
  while (written < count) {
    const events = conversation(conversations).slice(0, count - written);
    conversations += 1;
    const last = events.at(-1);
    if (!last) continue;
    heads.push({ chain_id: last.chain_id, last_seq: last.seq, last_hash: last.hash });
    if (conversations % 997 === 0) keys.push(last.chain_id);
    batch.push(...events);
    written += events.length;
    if (batch.length >= 5_000) {
      await flush();
      if (written % 100_000 < 5_000) process.stdout.write(`  ${written.toLocaleString('en-US')} events\r`);
    }
  }
  await flush();
  await client.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_console_summary');
  return { conversations, keys };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function time(label: string, runs: number, run: (i: number) => Promise<unknown>): Promise<void> {
  await run(0);
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await run(i + 1);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(52)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(samples, 99).toFixed(1).padStart(7)} ms`);
}

const filters = (input: SearchFiltersInput) => searchFiltersSchema.parse(input);

async function run(label: string, client: SqlClient, count: number): Promise<void> {
  console.log(`\n${label}: ${count.toLocaleString('en-US')} events`);
  await migrate(client);
  const t0 = performance.now();
  await fillAccounts(client);
  const { conversations, keys } = await fillEvents(client, count);
  const t1 = performance.now();
  const [rebuilt] = await client.query<{ n: number }>('SELECT parley_console_rebuild() AS n');
  const t2 = performance.now();
  // What autovacuum leaves behind in a running system: statistics and the visibility map (index-only scans).
  await client.exec('VACUUM ANALYZE');
  console.log(`  wrote ${conversations.toLocaleString('en-US')} conversations in ${((t1 - t0) / 1000).toFixed(1)} s; summary of ${rebuilt?.n.toLocaleString('en-US')} conversations rebuilt in ${((t2 - t1) / 1000).toFixed(1)} s`);

  // What the trigger adds to one append, measured through the store.
  const store = createRecordsStore(client);
  const appendOnce = (i: number, chain: string) => store.audit.append({ chainId: chain, kind: 'outbound', conversationId: chain.split(':')[2] ?? chain, channel: 'webchat', accountId: 'BENCH-000001', payload: { text: 'x', decision: decision(new Date(), 'send') }, at: new Date(START + i) });
  const appends = 300;
  let a0 = performance.now();
  for (let i = 0; i < appends; i += 1) await appendOnce(i, `conv:webchat:append-with-${i % 30}`);
  const withTrigger = (performance.now() - a0) / appends;
  await client.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_console_summary');
  a0 = performance.now();
  for (let i = 0; i < appends; i += 1) await appendOnce(i, `conv:webchat:append-without-${i % 30}`);
  const withoutTrigger = (performance.now() - a0) / appends;
  await client.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_console_summary');
  console.log(`  append: ${withTrigger.toFixed(2)} ms with the summary trigger, ${withoutTrigger.toFixed(2)} ms without`);

  const runs = 40;
  const month = (i: number) => {
    const from = new Date(START + (i % 11) * 30 * 86_400_000);
    return { from: from.toISOString(), to: new Date(from.getTime() + 30 * 86_400_000).toISOString() };
  };
  const account = (i: number) => `BENCH-${String((i * 7919) % ACCOUNTS).padStart(6, '0')}`;
  await time('conversations: latest, no filter', runs, () => searchConversations(client, filters({})));
  await time('conversations: by account', runs, (i) => searchConversations(client, filters({ account: account(i) })));
  await time('conversations: by consumer phone', runs, (i) => searchConversations(client, filters({ phone: `+1617555${String((i * 7) % 10_000).padStart(4, '0')}` })));
  await time('conversations: by consumer name', runs, (i) => searchConversations(client, filters({ name: `${LAST[i % LAST.length]}${(i * 131) % ACCOUNTS}` })));
  await time('conversations: one week', runs, (i) => searchConversations(client, filters({ from: new Date(START + (i % 50) * 7 * 86_400_000).toISOString(), to: new Date(START + ((i % 50) + 1) * 7 * 86_400_000).toISOString() })));
  await time('conversations: sms in one month', runs, (i) => searchConversations(client, filters({ channel: 'sms', ...month(i) })));
  await time('conversations: jurisdiction US-WA', runs, () => searchConversations(client, filters({ jurisdiction: 'US-WA' })));
  await time('conversations: rule id (time-of-day)', runs, () => searchConversations(client, filters({ rule: 'time-of-day' })));
  await time('conversations: citation fragment (1006.38)', runs, () => searchConversations(client, filters({ rule: '1006.38' })));
  await time('conversations: verdict block', runs, () => searchConversations(client, filters({ verdict: 'block' })));
  await time('conversations: dispute raised', runs, () => searchConversations(client, filters({ flag: 'dispute' })));
  await time('conversations: crisis in one month', runs, (i) => searchConversations(client, filters({ flag: 'crisis', ...month(i) })));
  await time('conversations: model rewrite replaced', runs, () => searchConversations(client, filters({ replaced: true })));
  await time('conversations: free text, rare ("lawyer")', runs, () => searchConversations(client, filters({ text: 'lawyer' })));
  await time('conversations: free text, common ("payment plan")', runs, () => searchConversations(client, filters({ text: 'payment plan' })));
  await time('conversations: dispute + sms + one month', runs, (i) => searchConversations(client, filters({ flag: 'dispute', channel: 'sms', ...month(i) })));
  await time('conversations: 5th page by cursor', runs, async () => {
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) cursor = (await searchConversations(client, filters({ channel: 'webchat' }), { limit: 50, ...(cursor ? { cursor } : {}) })).next;
  });
  await time('decisions: dispute rule, suppressed', runs, () => searchDecisions(client, filters({ rule: 'dispute', verdict: 'suppress' })));
  await time('decisions: replaced drafts in one month', runs, (i) => searchDecisions(client, filters({ replaced: true, ...month(i) })));
  await time('decisions: of one account', runs, (i) => searchDecisions(client, filters({ account: account(i) })));
  await time('transcript: load one conversation', runs, (i) => loadConversation(client, keys[i % keys.length] ?? ''));
  await time('dashboard: 30 days', 10, (i) => dashboard(client, { from: new Date(month(i).from), to: new Date(month(i).to) }));
  await client.close();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-console-'));
try {
  const database = await createTestDatabase('bench_console');
  try {
    await run('PostgreSQL', await openSqlClient({ databaseUrl: database.url, dataDir: dir }), total);
  } finally {
    await database.drop();
  }
  if (pgliteTotal > 0) await run('PGlite (embedded)', await openSqlClient({ dataDir: dir }), pgliteTotal);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
