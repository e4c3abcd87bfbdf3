// parley outbound schedule | run | list | cancel against a real PostgreSQL, with a pinned instant.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openRecordsStore, type SqlRecordsStore } from '../../adapters/index.js';
import { makeAccount, accountInput } from '../../guardrails/gate/test-fixtures.js';
import { runParley } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-outbound-cli-'));
const AT = '2026-06-10T16:00:00Z';
let database: TestDatabase;
let store: SqlRecordsStore;

let ready: Promise<void> | undefined;
beforeEach(async () => {
  await (ready ??= (async () => {
    database = await createTestDatabase('cli_outbound');
    process.env.DATABASE_URL = database.url;
    process.env.PARLEY_DATA_DIR = dir;
    store = await openRecordsStore({ databaseUrl: database.url, dataDir: dir });
    await store.accounts.upsertMany([
      makeAccount({ accountId: 'C-SEND' }),
      makeAccount({ accountId: 'C-CAP' }),
      makeAccount({ accountId: 'C-CEASE' }),
      makeAccount({ accountId: 'C-WEST', phones: ['+18085550123'], region: 'HI', postalCode: '96813', city: 'Honolulu' }),
    ]);
    for (const daysAgo of [1, 2]) {
      await store.contacts.record({ accountId: 'C-CAP', channel: 'sms', at: new Date(Date.parse(AT) - daysAgo * 86_400_000).toISOString(), initiatedBy: 'parley', outcome: 'delivered', addressType: 'mobile' });
    }
    await store.flags.update('C-CEASE', (flags) => ({ ...flags, cease: { at: '2026-06-01T00:00:00Z', kind: 'cease' } }));
  })());
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function scheduledCount(): Promise<number> {
  const [row] = await database.sql<{ n: number }>('SELECT count(*)::int AS n FROM scheduled_messages');
  return row?.n ?? 0;
}

describe('parley outbound run', () => {
  it('--dry-run plans every account, sorts them into send now, deferred until and suppressed by reason, and writes nothing', async () => {
    const result = await runParley('outbound', 'run', '--portfolio', 'all', '--dry-run', '--json', '--at', AT);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      accounts: 4,
      planned: 4,
      dryRun: true,
      sendNow: 1,
      deferred: 2,
      deferredUntil: { '2026-06-10T18:00Z': 1, '2026-06-15T16:00Z': 1 },
      suppressed: 1,
      suppressedBy: { cease: 1 },
      scheduled: 0,
    });
    expect(await scheduledCount()).toBe(0);
    expect((await store.audit.listChain('system')).filter((e) => e.kind === 'system')).toHaveLength(0);
  });

  it('prints a summary table for a person', async () => {
    const result = await runParley('outbound', 'run', '--portfolio', 'all', '--dry-run', '--at', AT);
    expect(result.stdout).toContain('would send now');
    expect(result.stdout).toMatch(/until 2026-06-10T18:00Z\s+1/);
    expect(result.stdout).toMatch(/ {4}cease\s+1/);
    expect(result.stdout).toContain('Dry run: nothing was written.');
  });

  it('schedules the campaign message where it may go, records the run, and a second run schedules nothing twice', async () => {
    const first = JSON.parse((await runParley('outbound', 'run', '--portfolio', 'all', '--json', '--at', AT, '--campaign', 'june')).stdout);
    expect(first).toMatchObject({ scheduled: 3, sendNow: 1, deferred: 2, suppressed: 1 });
    const due = await database.sql<{ account_id: string; due_at: Date; kind: string }>('SELECT account_id, due_at, kind FROM scheduled_messages ORDER BY account_id');
    expect(due.map((r) => [r.account_id, r.due_at.toISOString(), r.kind])).toEqual([
      ['C-CAP', '2026-06-15T16:00:00.000Z', 'campaign'],
      ['C-SEND', '2026-06-10T16:00:00.000Z', 'campaign'],
      ['C-WEST', '2026-06-10T18:00:00.000Z', 'campaign'],
    ]);
    const runs = (await store.audit.listChain('system')).filter((e) => e.kind === 'system');
    expect(runs.at(-1)?.payload).toMatchObject({ event: 'outbound-campaign', campaign: 'june', scheduled: 3 });

    const second = JSON.parse((await runParley('outbound', 'run', '--portfolio', 'all', '--json', '--at', AT, '--campaign', 'june')).stdout);
    expect(second).toMatchObject({ scheduled: 0, alreadyScheduled: 3 });
    expect(await scheduledCount()).toBe(3);
    await database.sql(`UPDATE scheduled_messages SET status = 'cancelled'`);
  });

  it('takes a portfolio file (ids not in the records are reported) and a pacing file, and refuses a bad pacing file', async () => {
    const portfolio = path.join(dir, 'portfolio.jsonl');
    fs.writeFileSync(portfolio, [accountInput({ accountId: 'C-SEND' }), accountInput({ accountId: 'C-NEW' })].map((a) => JSON.stringify(a)).join('\n'));
    const pacing = path.join(dir, 'pacing.yaml');
    fs.writeFileSync(pacing, 'default:\n  standard: { maxMessages: 1, periodDays: 7 }\n');
    const result = await runParley('outbound', 'run', '--portfolio', portfolio, '--dry-run', '--json', '--at', AT, '--pacing', pacing);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ accounts: 2, planned: 1, notInRecords: 1, sendNow: 1 });

    fs.writeFileSync(pacing, 'default:\n  standard: { maxMessages: 0, periodDays: 7 }\n');
    const bad = await runParley('outbound', 'run', '--portfolio', portfolio, '--dry-run', '--at', AT, '--pacing', pacing);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('default.standard.maxMessages: must be at least 1');
  });
});

describe('parley outbound schedule, list and cancel', () => {
  it('schedules a checked message once per dedupe key, lists it, and cancels it', async () => {
    const args = ['outbound', 'schedule', '--account', 'C-SEND', '--kind', 'payment-due', '--act', 'reminder.payment-due', '--slots', '{"amount":{"amount":5000,"currency":"USD"},"dueDate":"2026-07-01"}', '--at', '2026-06-30T14:00:00Z', '--dedupe', 'pay-0701'];
    const first = await runParley(...args, '--json');
    expect(first.code).toBe(0);
    const created = JSON.parse(first.stdout);
    expect(created).toMatchObject({ created: true, message: { accountId: 'C-SEND', kind: 'payment-due', status: 'pending', channel: 'auto' } });
    const again = await runParley(...args);
    expect(again.stdout).toMatch(/^Already scheduled/);

    const listed = JSON.parse((await runParley('outbound', 'list', '--account', 'C-SEND', '--json')).stdout);
    expect(listed.messages.map((m: { id: string }) => m.id)).toContain(created.message.id);

    expect((await runParley('outbound', 'cancel', created.message.id, '--reason', 'paid already')).stdout).toBe(`Cancelled ${created.message.id}.\n`);
    const twice = await runParley('outbound', 'cancel', created.message.id);
    expect(twice.code).toBe(1);
  });

  it('refuses what Parley may not write first, wrong slots and unknown accounts, saying why', async () => {
    const reply = await runParley('outbound', 'schedule', '--account', 'C-SEND', '--act', 'balance.current');
    expect(reply.code).toBe(2);
    expect(reply.stderr).toContain('balance.current is a reply act');
    const slots = await runParley('outbound', 'schedule', '--account', 'C-SEND', '--act', 'reminder.payment-due', '--slots', '{"dueDate":"soon"}');
    expect(slots.code).toBe(2);
    expect(slots.stderr).toMatch(/slots\.amount|slots\.dueDate/);
    const unknown = await runParley('outbound', 'schedule', '--account', 'NOPE');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No account with id NOPE');
  });
});
