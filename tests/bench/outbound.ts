// Outbound throughput on one core.
//  1. Planning: the next message for every account of a 100,000-account portfolio held in memory
//     (accounts, flags, contact history, conversation references): candidate channels, the gate for
//     each, pacing and the consumer's habits. Accounts per second, with the verdicts.
//  2. Dispatching: N due messages decided, recorded (attempt + audit event, one transaction each),
//     handed to a fake channel and completed, on PGlite and on PostgreSQL. Messages per second.
//   npx tsx tests/bench/outbound.ts [accounts=100000] [messages=2000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOutboundRecords, openRecordsStore, type SqlRecordsStore } from '../../adapters/index.js';
import { OutboundDispatcher } from '../../bot/outbound/dispatcher.js';
import { planOutbound, type NewOutboundMessage, type PlanMessage, type StoredConversationReference } from '../../dialogs/index.js';
import { DEFAULT_PACING, emptyFlags, evaluate, parseAccount, type Account, type ConsumerFlags, type ContactAttempt, type GateRequest } from '../../guardrails/index.js';
import { renderAct } from '../../knowledge/index.js';
import { FakeSms, FakeTeams, company } from '../support/outbound.js';
import { createTestDatabase } from '../support/postgres.js';

const accountCount = Number(process.argv[2] ?? 100_000);
const messageCount = Number(process.argv[3] ?? 2_000);
const AT = new Date('2026-06-10T15:30:00Z');
const DAY = 86_400_000;

const places = [
  ['MA', 'Boston', '02108', '+1617555'],
  ['CA', 'Los Angeles', '90012', '+1213555'],
  ['NY', 'Brooklyn', '11201', '+1718555'],
  ['TX', 'Austin', '78701', '+1512555'],
  ['WA', 'Seattle', '98101', '+1206555'],
  ['IL', 'Chicago', '60601', '+1312555'],
  ['FL', 'Miami', '33101', '+1305555'],
] as const;

/** A deterministic pseudo-random sequence, so every run plans the same portfolio. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function makeAccount(i: number, rand: () => number): Account {
  const [region, city, postalCode, prefix] = places[i % places.length]!;
  // One in eight has a second phone from another state (a moved consumer): two candidate zones.
  const other = places[(i + 3) % places.length]!;
  const phones = [{ number: `${prefix}01${String(i % 100).padStart(2, '0')}`, type: 'mobile' }];
  if (rand() < 0.125) phones.push({ number: `${other[3]}01${String((i + 7) % 100).padStart(2, '0')}`, type: 'mobile' });
  const parsed = parseAccount({
    accountId: `OB-${String(i).padStart(7, '0')}`,
    consumer: { firstName: 'Bench', lastName: `Person${i}`, dateOfBirth: '1980-01-01', phones, address: { line1: `${i} Example St`, city, region, postalCode, country: 'US' } },
    currentCreditor: 'Example Bank',
    originalCreditor: 'Example Bank',
    debt: { itemizationDate: '2026-01-15', amountAtItemization: 500, currentBalance: 500 },
    validationNoticeSentAt: '2026-02-01',
    authority: { minInstalment: 25, maxPlanMonths: 12, lowestSettlement: 300 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

interface Entry {
  account: Account;
  flags: ConsumerFlags;
  attempts: ContactAttempt[];
  references: StoredConversationReference[];
}

function makeEntry(i: number, rand: () => number): Entry {
  const account = makeAccount(i, rand);
  const flags = emptyFlags();
  const learned = '2026-05-01T00:00:00Z';
  const roll = rand();
  if (roll < 0.03) flags.cease = { at: learned, kind: 'cease' };
  else if (roll < 0.06) flags.optOuts.push({ medium: 'sms', at: learned, confirmationSent: true });
  else if (roll < 0.08) flags.dispute = { at: learned, scope: 'all', withinValidationPeriod: true };
  else if (roll < 0.13) flags.hardship = { at: learned };
  if (rand() < 0.1) flags.inconvenientTimes.push({ at: learned, notBefore: '12:00', said: 'not before noon' });
  const references: StoredConversationReference[] = [];
  if (rand() < 0.05) {
    flags.linkedIdentities.push({ channel: 'teams', id: `aad-${i}`, at: learned });
    references.push({ accountId: account.accountId, channel: 'teams', userId: `aad-${i}`, conversationId: `a:${i}`, reference: {}, audience: 'private', updatedAt: new Date(learned) });
  }
  const attempts: ContactAttempt[] = [];
  const parley = Math.floor(rand() * 4);
  for (let n = 0; n < parley; n++) attempts.push({ accountId: account.accountId, channel: 'sms', at: new Date(AT.getTime() - (1 + rand() * 29) * DAY).toISOString(), initiatedBy: 'parley', outcome: 'delivered', addressType: 'mobile' });
  const replies = Math.floor(rand() * 3);
  for (let n = 0; n < replies; n++) attempts.push({ accountId: account.accountId, channel: 'sms', at: new Date(AT.getTime() - (1 + rand() * 60) * DAY).toISOString(), initiatedBy: 'consumer', outcome: 'delivered' });
  attempts.sort((a, b) => a.at.localeCompare(b.at));
  return { account, flags, attempts, references };
}

function planningBench(): void {
  const rand = random(42);
  const t0 = performance.now();
  const entries = Array.from({ length: accountCount }, (_, i) => makeEntry(i, rand));
  console.log(`portfolio of ${accountCount.toLocaleString('en-US')} accounts built in ${((performance.now() - t0) / 1000).toFixed(1)} s (not measured)`);
  const message: PlanMessage = { kind: 'campaign', speechAct: 'reminder.check-in', slots: {}, channel: 'auto', status: 'pending', createdAt: AT };
  const plan = (entry: Entry) =>
    planOutbound({ message, account: entry.account, flags: entry.flags, attempts: entry.attempts, references: entry.references, pacing: DEFAULT_PACING, company, at: AT });
  // Warm up on a slice, then plan every account once.
  for (let i = 0; i < Math.min(5_000, entries.length); i++) plan(entries[i]!);
  const verdicts: Record<string, number> = {};
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const entry of entries) {
    const decided = plan(entry);
    const key = decided.verdict === 'send' ? 'send now' : decided.verdict === 'defer' ? `defer (${decided.reasonId})` : `${decided.verdict} (${decided.reasonId})`;
    verdicts[key] = (verdicts[key] ?? 0) + 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  // Wall time counts whatever else the machine runs; CPU time is what planning took of the one core it ran on.
  console.log(
    `planning: ${Math.round(accountCount / seconds).toLocaleString('en-US')} accounts/s wall clock, ${Math.round(accountCount / cpuSeconds).toLocaleString('en-US')} accounts per CPU-second ` +
      `(${accountCount.toLocaleString('en-US')} planned in ${seconds.toFixed(2)} s, ${cpuSeconds.toFixed(2)} s CPU, one thread)`,
  );
  // The same portfolio through the gate alone (one SMS check-in each), to show what share planning adds.
  // Fresh copies of the accounts, so the gate's per-account caches start as cold as they did for planning.
  const requests: GateRequest[] = entries.map((entry) => {
    const rendered = renderAct('reminder.check-in', { firstName: entry.account.consumer.firstName, collectorName: company.collectorName, contactPhone: company.contactPhone, hours: company.hours }, 'en');
    const phone = entry.account.consumer.phones[0];
    return {
      account: structuredClone(entry.account),
      flags: entry.flags,
      channel: 'sms',
      language: 'en',
      draft: rendered.text,
      draftSource: 'template',
      purpose: rendered.purpose,
      revealsDebt: false,
      facts: { firstCommunication: true, identityVerified: false, initiatedBy: 'parley' },
      at: AT,
      attempts: entry.attempts,
      ...(phone ? { target: { address: phone.number, type: phone.type } } : {}),
    };
  });
  const gateCpu = process.cpuUsage();
  for (const request of requests) evaluate({ ...request });
  const gateUsed = process.cpuUsage(gateCpu);
  const gateSeconds = (gateUsed.user + gateUsed.system) / 1e6;
  console.log(
    `  the gate alone, one SMS check-in per account: ${Math.round(accountCount / gateSeconds).toLocaleString('en-US')} decisions per CPU-second ` +
      `(${((gateSeconds / accountCount) * 1e6).toFixed(1)} µs each; planning adds ${(((cpuSeconds - gateSeconds) / accountCount) * 1e6).toFixed(1)} µs per account: channels, render, habits, pacing, the record)`,
  );
  console.log(
    `  verdicts: ${Object.entries(verdicts)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`)
      .join(', ')}`,
  );
}

async function dispatchBench(label: string, records: SqlRecordsStore, concurrency: number): Promise<void> {
  const rand = random(7);
  const accounts = Array.from({ length: messageCount }, (_, i) => makeAccount(i, rand));
  await records.accounts.upsertMany(accounts);
  const outbound = createOutboundRecords(records.sql);
  const messages: NewOutboundMessage[] = accounts.map((account) => ({ accountId: account.accountId, kind: 'check-in', speechAct: 'reminder.check-in', dueAt: AT, channel: 'sms', source: 'bench' }));
  await outbound.scheduler.scheduleMany(messages);
  const sms = new FakeSms();
  const dispatcher = new OutboundDispatcher({ store: outbound.dispatch, senders: { sms, teams: new FakeTeams() }, company, clock: () => new Date(Date.parse('2026-06-10T17:30:00Z')), concurrency });
  const started = performance.now();
  const summary = await dispatcher.runOnce();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `dispatch on ${label} (concurrency ${concurrency}): ${Math.round(summary.processed / seconds).toLocaleString('en-US')} messages/s ` +
      `(${summary.processed} decided in ${seconds.toFixed(2)} s: ${summary.sent} sent, ${summary.deferred} deferred, ${summary.suppressed} suppressed; ${summary.errors} errors)`,
  );
}

planningBench();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-outbound-bench-'));
try {
  const pglite = await openRecordsStore({ dataDir: dir });
  await dispatchBench('PGlite', pglite, 1);
  await pglite.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
try {
  const database = await createTestDatabase('outbound_bench');
  try {
    const pg = await openRecordsStore({ databaseUrl: database.url, dataDir: dir });
    await dispatchBench('PostgreSQL', pg, 8);
    await pg.close();
  } finally {
    await database.drop();
  }
} catch (error) {
  console.log(`dispatch on PostgreSQL: not measured (${error instanceof Error ? error.message : String(error)})`);
}
