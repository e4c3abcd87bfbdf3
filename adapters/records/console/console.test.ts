// The console's repositories on PostgreSQL and on PGlite: search filters and paging, risk-weighted
// sampling, and retention checkpoints that verify accepts while still catching any other removal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/postgres.js';
import { demoAccounts, DISPUTE_TURNS, seedConversation } from '../../../tests/support/console-seed.js';
import { GENESIS_HASH } from '../audit-hash.js';
import { signCheckpoint } from '../audit-checkpoints.js';
import { verifyAuditChains } from '../audit-trail.js';
import { openRecordsStore, type SqlRecordsStore } from '../store.js';
import { searchFiltersSchema, type SearchFiltersInput } from './filters.js';
import { createLegalHolds } from './holds.js';
import { applyRetention, planRetention } from './retention.js';
import { createReviews, seededRandom } from './reviews.js';
import { searchConversations, searchDecisions } from './search.js';

const KEY = 'console-test-checkpoint-key-0123456789abcdefghij';
const databases: TestDatabase[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function openBackend(backend: 'postgres' | 'pglite'): Promise<{ store: SqlRecordsStore; ownerSql: (sql: string) => Promise<void> }> {
  if (backend === 'postgres') {
    const database = await createTestDatabase('console_repos');
    databases.push(database);
    const store = await openRecordsStore({ databaseUrl: database.url, dataDir: os.tmpdir(), auditCheckpointKey: KEY });
    return { store, ownerSql: async (sql) => void (await database.sql(sql)) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-console-repos-'));
  dirs.push(dir);
  const store = await openRecordsStore({ dataDir: dir, auditCheckpointKey: KEY });
  return { store, ownerSql: (sql) => store.sql.exec(sql) };
}

/** Ten conversations a day apart on two accounts and two channels, one with a dispute and a replaced model draft. */
async function seed(store: SqlRecordsStore): Promise<string[]> {
  const accounts = demoAccounts();
  await store.accounts.upsertMany([...accounts.values()]);
  const keys: string[] = [];
  for (let n = 0; n < 10; n += 1) {
    const account = accounts.get(n % 2 === 0 ? 'DEMO-MA-001' : 'DEMO-CA-002');
    const start = new Date(Date.UTC(2026, 10, 1 + n, 15));
    const turns =
      n === 4
        ? DISPUTE_TURNS
        : n === 7
          ? [{ consumer: 'how much do I owe' }, { reply: 'Your balance is $2,640.40. You can pay with a secure link.', modelDraft: 'Pay today or we will have you arrested.', purpose: 'collection' as const, allowedAmounts: [264040] }]
          : [{ consumer: `question number ${n} about my statement` }, { reply: 'Thanks for your message.', purpose: 'reply' as const }];
    keys.push((await seedConversation(store, { channel: n % 3 === 0 ? 'sms' : 'webchat', conversationId: `c-${n}`, account, start, turns })).key);
  }
  return keys;
}

function filters(input: SearchFiltersInput) {
  return searchFiltersSchema.parse(input);
}

for (const backend of ['postgres', 'pglite'] as const) {
  describe(`console repositories on ${backend}`, () => {
    let store: SqlRecordsStore;
    let ownerSql: (sql: string) => Promise<void>;
    let keys: string[];
    let opening: Promise<void> | undefined;
    beforeEach(async () => {
      await (opening ??= (async () => {
        ({ store, ownerSql } = await openBackend(backend));
        keys = await seed(store);
      })());
    });
    afterAll(async () => {
      await store?.close();
    });

    const find = async (input: SearchFiltersInput) => (await searchConversations(store.sql, filters(input), { limit: 50 })).items.map((item) => item.key);

    it('filters conversations by every field an officer searches on', async () => {
      const all = [...keys].reverse();
      expect(await find({})).toEqual(all);
      expect(await find({ account: 'DEMO-CA-002' })).toEqual(all.filter((_, i) => (9 - i) % 2 === 1));
      expect(await find({ phone: '(617) 555-0123' })).toEqual(all.filter((_, i) => (9 - i) % 2 === 0));
      expect(await find({ name: 'alex sam' })).toEqual(await find({ account: 'DEMO-MA-001' }));
      expect(await find({ jurisdiction: 'us-ca' })).toEqual(await find({ account: 'DEMO-CA-002' }));
      expect(await find({ from: '2026-11-03', to: '2026-11-04' })).toEqual([keys[3], keys[2]]);
      expect(await find({ channel: 'sms' })).toEqual([keys[9], keys[6], keys[3], keys[0]]);
      expect(await find({ flag: 'dispute' })).toEqual([keys[4]]);
      expect(await find({ verdict: 'suppressed' })).toEqual([keys[4]]);
      expect(await find({ rule: 'threat-criminal' })).toEqual([keys[7]]);
      expect(await find({ rule: '1006.38' })).toEqual([keys[7], keys[4]]);
      expect(await find({ replaced: 'true' })).toEqual([keys[7]]);
      expect(await find({ text: 'statement numb' })).toEqual(all.filter((key) => key !== keys[4] && key !== keys[7]));
      expect(await find({ text: 'verified', flag: 'dispute', channel: 'webchat' })).toEqual([keys[4]]);
      expect(await find({ text: 'nothing-like-this' })).toEqual([]);
    });

    it('pages with a cursor, without repeating or skipping, and refuses a forged cursor', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await searchConversations(store.sql, filters({}), { limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((item) => item.key));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual([...keys].reverse());
      await expect(searchConversations(store.sql, filters({}), { cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow('The page cursor is not one this search produced.');
    });

    it('lists decisions by rule, verdict and replaced draft, newest first', async () => {
      const replaced = await searchDecisions(store.sql, filters({ replaced: true }));
      expect(replaced.items).toHaveLength(1);
      expect(replaced.items[0]).toMatchObject({ key: keys[7], kind: 'outbound' });
      const disputes = await searchDecisions(store.sql, filters({ flag: 'dispute' }));
      expect(disputes.items.map((item) => item.kind)).toEqual(['flag-change']);
      const byRule = await searchDecisions(store.sql, filters({ rule: 'dispute', verdict: 'suppress' }));
      expect(byRule.items.map((item) => item.key)).toEqual([keys[4]]);
      const byAccount = await searchDecisions(store.sql, filters({ account: 'DEMO-CA-002' }), { limit: 2 });
      expect(byAccount.items.every((item) => item.accountId === 'DEMO-CA-002')).toBe(true);
      expect(byAccount.next).toBeDefined();
    });

    it('draws riskier conversations more often, from a repeatable seed', async () => {
      // The draw itself: with weights 1 and 20, the heavy one comes first in about 95% of seeds.
      let heavyFirst = 0;
      for (let seed = 1; seed <= 400; seed += 1) {
        const random = seededRandom(seed);
        const keysDrawn = [{ key: 'light', w: 1 }, { key: 'heavy', w: 20 }].map((c) => ({ c, k: Math.log(random()) / c.w })).sort((a, b) => b.k - a.k);
        if (keysDrawn[0]?.c.key === 'heavy') heavyFirst += 1;
      }
      expect(heavyFirst).toBeGreaterThan(360);
      const reviews = createReviews(store.sql);
      const users = await store.sql.query<{ id: string }>(`INSERT INTO console_users (id, name, role, token_hash, created_at, token_issued_at) VALUES ('u_reviewer01', 'Rita Reviewer ${backend}', 'officer', repeat('0', 64), now(), now()) RETURNING id`);
      const by = users[0]?.id ?? '';
      const drawn = await reviews.sample({ size: 2, from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), by, at: new Date('2026-12-01T00:00:00Z'), seed: 42 });
      expect(drawn.candidates).toBe(10);
      const weights = new Map(drawn.reviews.map((review) => [review.key, review]));
      expect(drawn.reviews).toHaveLength(2);
      // The disputed and the replaced-draft conversations carry the weight (and say why).
      const dispute = weights.get(keys[4] ?? '');
      if (dispute) expect(dispute.reasons).toEqual(expect.arrayContaining(['dispute']));
      const again = await reviews.sample({ size: 10, from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), by, at: new Date('2026-12-01T00:00:00Z'), seed: 42 });
      expect(again.candidates).toBe(8);
    });

    it('accepts a chain whose front retention removed under a signed checkpoint, and still flags any other gap', async () => {
      const holds = createLegalHolds(store.sql);
      const hold = await holds.place({ accountId: 'DEMO-MA-001', reason: 'litigation', by: 'u_reviewer01', at: new Date('2030-01-01T00:00:00Z') });
      const plan = await planRetention(store.sql, new Date('2030-01-01T00:00:00Z'));
      expect(plan.held.map((candidate) => candidate.accountId)).toEqual(['DEMO-MA-001']);
      expect(plan.chains.map((chain) => chain.chainId).sort()).toEqual([keys[1], keys[3], keys[5], keys[7], keys[9]].sort());
      const result = await applyRetention(store.sql, plan, KEY);
      expect(result.refused).toEqual([]);
      expect(result.checkpoints).toHaveLength(5);
      expect(await store.audit.verify()).toMatchObject({ ok: true });
      await holds.release(hold.id, 'u_reviewer01', new Date('2030-01-01T00:00:00Z'));

      // A new message on a trimmed chain continues it: still verifies.
      const trimmed = keys[1] ?? '';
      await store.audit.append({ chainId: trimmed, kind: 'inbound', conversationId: 'c-1', channel: 'webchat', payload: { text: 'back again' }, at: new Date('2030-02-01T00:00:00Z') });
      expect(await store.audit.verify()).toMatchObject({ ok: true });

      // Verify with another key: the checkpoint is not trusted.
      expect(await verifyAuditChains(store.sql, { checkpointKey: 'another-key-0123456789abcdefghijklmnop' })).toMatchObject({ ok: false, firstBroken: { code: 'checkpoint-invalid' } });

      // A forged checkpoint (signed with a guessed key) covering a deletion made behind Parley's back.
      const victim = keys[0] ?? '';
      const [last] = await store.sql.query<{ hash: string }>('SELECT hash FROM audit_events WHERE chain_id = $1 AND seq = 1', [victim]);
      const forged = signCheckpoint({ id: '00000000-0000-4000-8000-000000000001', chainId: victim, firstSeq: 1, lastSeq: 1, firstPrevHash: GENESIS_HASH, lastHash: last?.hash ?? '', removedAt: new Date(), reason: 'forged' }, 'guessed-key-0123456789abcdefghijklmnop');
      await ownerSql(
        `INSERT INTO audit_checkpoints (id, chain_id, first_seq, last_seq, first_prev_hash, last_hash, removed_at, reason, key_id, signature)
         VALUES ('${forged.id}', '${victim}', 1, 1, '${GENESIS_HASH}', '${forged.lastHash}', now(), 'forged', '${forged.keyId}', '${forged.signature}');
         ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
         DELETE FROM audit_events WHERE chain_id = '${victim}' AND seq = 1;
         ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`,
      );
      const verification = await store.audit.verify();
      expect(verification).toMatchObject({ ok: false, firstBroken: { chainId: victim, code: 'checkpoint-invalid' } });
      if (!verification.ok) expect(verification.firstBroken.reason).toContain('signed by another key');
    });

    it('lets no one delete an event outside the retention path, even with the setting on', async () => {
      const victim = keys[2] ?? '';
      await expect(store.sql.query('DELETE FROM audit_events WHERE chain_id = $1', [victim])).rejects.toThrow(/append-only/);
      await expect(
        store.sql.transaction(async (tx) => {
          await tx.query(`SELECT set_config('parley.audit_retention', 'on', true)`);
          await tx.query('DELETE FROM audit_events WHERE chain_id = $1', [victim]);
        }),
      ).rejects.toThrow(/append-only/);
      await expect(store.sql.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only/);
    });
  });
}
