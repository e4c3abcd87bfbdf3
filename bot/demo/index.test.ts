import os from 'node:os';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openRecordsStore, type SqlRecordsStore } from '../../adapters/index.js';
import { createTestDatabase, type TestDatabase } from '../../tests/support/postgres.js';
import { demoPortfolio, loadDemoPortfolioIfEmpty } from './index.js';

const at = new Date('2026-11-24T12:00:00.000Z');
let database: TestDatabase;
let store: SqlRecordsStore;

// Created by the first test, not in beforeAll: without PostgreSQL every test fails with the reason rather than being skipped.
let ready: Promise<void> | undefined;
beforeEach(async () => {
  await (ready ??= (async () => {
    database = await createTestDatabase('demo');
    store = await openRecordsStore({ databaseUrl: database.url, dataDir: os.tmpdir() });
  })());
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

describe('the demo portfolio', () => {
  it('covers MA, CA, NY, New York City, WA, TX, AZ, HI, PR and the UK', () => {
    const jurisdictions = new Set(demoPortfolio().map((account) => account.jurisdictions.at(-1)));
    expect([...jurisdictions].sort()).toEqual(['GB', 'US-AZ', 'US-CA', 'US-HI', 'US-MA', 'US-NY', 'US-NY-NYC', 'US-PR', 'US-TX', 'US-WA']);
    expect(demoPortfolio()).toHaveLength(12);
  });

  it('loads into an empty store with its edge cases, and only once', async () => {
    expect(await loadDemoPortfolioIfEmpty(store, at)).toEqual({ loaded: 12 });
    expect(await store.accounts.count()).toBe(12);

    expect((await store.accounts.get('DEMO-NY-003'))?.debt.timeBarred).toBe(true);
    expect((await store.flags.get('DEMO-WA-005')).dispute?.scope).toBe('all');
    expect((await store.flags.get('DEMO-TX-006')).attorney?.name).toBe('Pat Counsel');
    expect((await store.flags.get('DEMO-AZ-007')).optOuts.map((o) => o.medium)).toEqual(['sms']);
    const ordinary = await store.flags.get('DEMO-MA-001');
    expect([ordinary.optOuts, ordinary.attorney, ordinary.dispute]).toEqual([[], undefined, undefined]);

    // The household landline reaches two consumers; Sam also has a mobile of their own.
    expect((await store.accounts.findByPhone('+16175550100')).map((a) => a.accountId)).toEqual(['DEMO-MA-011', 'DEMO-MA-012']);
    expect((await store.accounts.get('DEMO-MA-011'))?.consumer.phones).toHaveLength(2);
    // A Boston number on a Los Angeles address.
    const split = await store.accounts.get('DEMO-CA-002');
    expect([split?.consumer.phones[0]?.number.slice(0, 5), split?.consumer.address.region]).toEqual(['+1617', 'CA']);

    const [imported] = await store.audit.listChain('system');
    expect(imported).toMatchObject({ kind: 'import', at, payload: { source: 'demo portfolio', accounts: 12, inserted: 12, updated: 0 } });
    expect(await store.audit.verify()).toMatchObject({ ok: true });

    expect(await loadDemoPortfolioIfEmpty(store, at)).toEqual({ loaded: 0 });
    expect(await store.audit.listChain('system')).toHaveLength(1);
  });
});
