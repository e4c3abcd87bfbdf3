// One behavioural suite for the records store, run against real PostgreSQL and against PGlite.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditEventInput } from '../../dialogs/ports.js';
import { emptyFlags, parseAccount, type Account, type AccountInput } from '../../guardrails/index.js';
import { auditEventHash } from './audit-hash.js';
import { UnknownAccountError } from './errors.js';
import { loadMigrations, migrate } from './migrate.js';
import type { SqlRecordsStore } from './store.js';
import type { SqlClient } from './sql-client.js';

export interface RecordsHarness {
  store: SqlRecordsStore;
  client: SqlClient;
  /** SQL as the database owner, behind the store's back (tampering). */
  ownerSql(script: string): Promise<void>;
  dispose(): Promise<void>;
}

export function accountInput(id: string, overrides: { phones?: string[]; balance?: number; firstName?: string } = {}): AccountInput {
  const balance = overrides.balance ?? 1200.5;
  return {
    accountId: id,
    consumer: {
      firstName: overrides.firstName ?? 'Testy',
      lastName: 'McTestface',
      dateOfBirth: '1980-02-29',
      ssnLast4: '0000',
      phones: (overrides.phones ?? ['+16175550123']).map((number) => ({ number, type: 'mobile' as const })),
      address: { line1: '1 Example St', city: 'Boston', region: 'MA', postalCode: '02108', country: 'US' },
    },
    currentCreditor: 'Example Bank',
    originalCreditor: 'Example Bank',
    debt: { itemizationDate: '2025-01-15', amountAtItemization: balance, currentBalance: balance },
    authority: { minInstalment: 25, maxPlanMonths: 12, lowestSettlement: 100 },
  };
}

export function makeAccount(id: string, overrides?: Parameters<typeof accountInput>[1]): Account {
  const parsed = parseAccount(accountInput(id, overrides));
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

const at = new Date('2026-03-02T15:04:05.678Z');

function event(chainId: string, n: number, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return { chainId, kind: 'inbound', conversationId: chainId, channel: 'sms', payload: { text: `message ${n}`, n }, at: new Date(at.getTime() + n * 1000), ...extra };
}

const disableTrigger = 'ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only';
const enableTrigger = 'ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only';

export function describeRecordsStoreContract(name: string, open: () => Promise<RecordsHarness>): void {
  describe(`records store on ${name}`, () => {
    let h: RecordsHarness;
    // Opened by the first test rather than in beforeAll: when the database is missing every test
    // fails with the reason, instead of vitest reporting them as skipped.
    let opening: Promise<RecordsHarness> | undefined;
    beforeEach(async () => {
      h = await (opening ??= open());
    });
    afterAll(async () => {
      await opening?.then((harness) => harness.dispose(), () => undefined);
    });

    it('has applied every migration at open, and a second run applies none', async () => {
      const rows = await h.client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
      const names = loadMigrations().map((migration) => migration.name);
      expect(names.slice(0, 2)).toEqual(['001_records.sql', '002_audit.sql']);
      expect(rows.map((row) => row.name)).toEqual(names);
      expect(await migrate(h.client)).toEqual({ applied: [], alreadyApplied: names });
    });

    describe('accounts', () => {
      it('inserts, reads back and then updates an account', async () => {
        const first = makeAccount('ACC-1');
        expect(await h.store.accounts.upsertMany([first, makeAccount('ACC-2')])).toEqual({ inserted: 2, updated: 0 });
        expect(await h.store.accounts.get('ACC-1')).toEqual(first);

        const changed = makeAccount('ACC-1', { balance: 199.99, firstName: 'Changed' });
        expect(await h.store.accounts.upsertMany([changed, makeAccount('ACC-3')])).toEqual({ inserted: 1, updated: 1 });
        const read = await h.store.accounts.get('ACC-1');
        expect(read?.debt.currentBalance).toBe(19999);
        expect(read?.consumer.firstName).toBe('Changed');
        expect(await h.store.accounts.get('NOPE')).toBeUndefined();
        expect(await h.store.accounts.count()).toBeGreaterThanOrEqual(3);
      });

      it('finds every account on a phone number, and forgets a number removed by an update', async () => {
        await h.store.accounts.upsertMany([
          makeAccount('PH-1', { phones: ['+12125550147', '+13105550198'] }),
          makeAccount('PH-2', { phones: ['+13105550198'] }),
        ]);
        expect((await h.store.accounts.findByPhone('+13105550198')).map((a) => a.accountId)).toEqual(['PH-1', 'PH-2']);
        expect((await h.store.accounts.findByPhone('+12125550147')).map((a) => a.accountId)).toEqual(['PH-1']);
        await h.store.accounts.upsertMany([makeAccount('PH-1', { phones: ['+12125550147'] })]);
        expect((await h.store.accounts.findByPhone('+13105550198')).map((a) => a.accountId)).toEqual(['PH-2']);
        expect(await h.store.accounts.findByPhone('+19995550100')).toEqual([]);
      });

      it('writes nothing when the transaction fails part way', async () => {
        const before = await h.store.accounts.count();
        const many = Array.from({ length: 2_500 }, (_, i) => makeAccount(`ROLLBACK-${i}`));
        await expect(
          h.store.accounts.upsertMany(many, {
            auditEvent: () => {
              throw new Error('audit unavailable');
            },
          }),
        ).rejects.toThrow('audit unavailable');
        expect(await h.store.accounts.count()).toBe(before);
        expect(await h.store.accounts.get('ROLLBACK-0')).toBeUndefined();
      });

      it('appends the audit event in the same transaction and reports progress per batch', async () => {
        const progress: number[] = [];
        const accounts = Array.from({ length: 2_100 }, (_, i) => makeAccount(`BATCH-${i}`));
        const summary = await h.store.accounts.upsertMany(accounts, {
          onProgress: (written) => progress.push(written),
          auditEvent: (s) => ({ chainId: 'import-test', kind: 'import', payload: { file: 'batch.jsonl', ...s }, at }),
        });
        expect(summary).toEqual({ inserted: 2_100, updated: 0 });
        expect(progress).toEqual([1_000, 2_000, 2_100]);
        const [logged] = await h.store.audit.listChain('import-test');
        expect(logged?.payload).toEqual({ file: 'batch.jsonl', inserted: 2_100, updated: 0 });
      });
    });

    describe('consumer flags', () => {
      it('gives empty flags for an account that has none, and refuses changes to an unknown account', async () => {
        await h.store.accounts.upsertMany([makeAccount('FL-0')]);
        expect(await h.store.flags.get('FL-0')).toEqual(emptyFlags());
        await expect(h.store.flags.update('NO-SUCH', (f) => f)).rejects.toBeInstanceOf(UnknownAccountError);
      });

      it('applies concurrent changes one after the other, losing none', async () => {
        await h.store.accounts.upsertMany([makeAccount('FL-1')]);
        const stamp = '2026-03-02T15:00:00.000Z';
        await Promise.all([
          h.store.flags.update('FL-1', (f) => ({ ...f, attorney: { at: stamp, name: 'A. Lawyer' } })),
          h.store.flags.update('FL-1', (f) => ({ ...f, dispute: { at: stamp, scope: 'all', withinValidationPeriod: true } })),
          ...Array.from({ length: 20 }, (_, i) =>
            h.store.flags.update('FL-1', (f) => ({ ...f, statedTimeZones: [...f.statedTimeZones, `Zone/${i}`] })),
          ),
        ]);
        const flags = await h.store.flags.get('FL-1');
        expect(flags.attorney?.name).toBe('A. Lawyer');
        expect(flags.dispute?.scope).toBe('all');
        expect(flags.statedTimeZones).toHaveLength(20);
      });

      it('refuses a change that is not valid flags, keeping what was there', async () => {
        await h.store.accounts.upsertMany([makeAccount('FL-2')]);
        await h.store.flags.update('FL-2', (f) => ({ ...f, optOuts: [{ medium: 'sms', at: '2026-03-02T15:00:00Z', confirmationSent: true }] }));
        await expect(h.store.flags.update('FL-2', (f) => ({ ...f, optOuts: [{ medium: 'carrier-pigeon' }] }) as never)).rejects.toThrow();
        expect((await h.store.flags.get('FL-2')).optOuts.map((o) => o.medium)).toEqual(['sms']);
      });
    });

    describe('contact ledger', () => {
      it('lists the attempts at or after an instant, oldest first, in UTC', async () => {
        await h.store.accounts.upsertMany([makeAccount('CL-1'), makeAccount('CL-2')]);
        await h.store.contacts.record({ accountId: 'CL-1', channel: 'sms', at: '2026-03-02T12:00:00.000Z', initiatedBy: 'parley', outcome: 'delivered', address: '+16175550123', addressType: 'mobile' });
        await h.store.contacts.record({ accountId: 'CL-1', channel: 'voice', at: '2026-03-01T09:00:00-05:00', initiatedBy: 'parley', outcome: 'conversation' });
        await h.store.contacts.record({ accountId: 'CL-1', channel: 'sms', at: '2026-02-20T12:00:00.000Z', initiatedBy: 'consumer', outcome: 'delivered' });
        await h.store.contacts.record({ accountId: 'CL-2', channel: 'sms', at: '2026-03-02T12:00:00.000Z', initiatedBy: 'parley', outcome: 'attempted' });

        const since = await h.store.contacts.listSince('CL-1', new Date('2026-03-01T14:00:00.000Z'));
        expect(since).toEqual([
          { accountId: 'CL-1', channel: 'voice', at: '2026-03-01T14:00:00.000Z', initiatedBy: 'parley', outcome: 'conversation' },
          { accountId: 'CL-1', channel: 'sms', at: '2026-03-02T12:00:00.000Z', initiatedBy: 'parley', outcome: 'delivered', address: '+16175550123', addressType: 'mobile' },
        ]);
        await expect(
          h.store.contacts.record({ accountId: 'NO-SUCH', channel: 'sms', at: '2026-03-02T12:00:00Z', initiatedBy: 'parley', outcome: 'attempted' }),
        ).rejects.toBeInstanceOf(UnknownAccountError);
      });
    });

    describe('scheduled messages', () => {
      it('schedules messages as pending and lists an account\'s by due time', async () => {
        await h.store.accounts.upsertMany([makeAccount('SM-1')]);
        const later = await h.store.scheduled.schedule({ accountId: 'SM-1', channel: 'sms', speechAct: 'payment-reminder', slots: { amount: 5000 }, dueAt: new Date('2026-03-05T15:00:00Z') });
        const sooner = await h.store.scheduled.schedule({ accountId: 'SM-1', channel: 'email', speechAct: 'follow-up', dueAt: new Date('2026-03-03T15:00:00Z') });
        expect(later).toMatchObject({ accountId: 'SM-1', status: 'pending', slots: { amount: 5000 }, speechAct: 'payment-reminder' });
        expect(later.id).not.toBe(sooner.id);
        const listed = await h.store.scheduled.listForAccount('SM-1');
        expect(listed.map((m) => [m.id, m.dueAt.toISOString()])).toEqual([
          [sooner.id, '2026-03-03T15:00:00.000Z'],
          [later.id, '2026-03-05T15:00:00.000Z'],
        ]);
        await expect(h.store.scheduled.schedule({ accountId: 'NO-SUCH', channel: 'sms', speechAct: 'x', dueAt: at })).rejects.toBeInstanceOf(UnknownAccountError);
      });
    });

    describe('audit trail', () => {
      it('chains each event to the one before it with a hash anyone can recompute', async () => {
        for (let n = 1; n <= 3; n += 1) await h.store.audit.append(event('conv-a', n));
        await h.store.audit.append({ chainId: 'account:ACC-1', kind: 'flag-change', accountId: 'ACC-1', payload: { set: 'attorney' }, at });
        const chain = await h.store.audit.listChain('conv-a');
        expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(chain[0]?.prevHash).toBe('0'.repeat(64));
        expect(chain[1]?.prevHash).toBe(chain[0]?.hash);
        expect(chain[2]?.prevHash).toBe(chain[1]?.hash);
        const third = chain[2]!;
        expect(third).toMatchObject({ kind: 'inbound', conversationId: 'conv-a', channel: 'sms', payload: { text: 'message 3', n: 3 } });
        expect(auditEventHash({ ...third, accountId: null, conversationId: 'conv-a', channel: 'sms', payload: { text: 'message 3', n: 3 } })).toBe(third.hash);
        const verified = await h.store.audit.verify();
        expect(verified.ok).toBe(true);
      });

      it('gives 50 concurrent appends to one chain the seqs 1..50 and a valid chain', async () => {
        await Promise.all(Array.from({ length: 50 }, (_, n) => h.store.audit.append(event('burst', n))));
        const chain = await h.store.audit.listChain('burst');
        expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        expect(new Set(chain.map((e) => e.payload.n)).size).toBe(50);
        expect(await h.store.audit.verify()).toMatchObject({ ok: true });
      });

      it('stores what a jsonb column can hold and still verifies', async () => {
        const appended = await h.store.audit.append(
          event('odd-payload', 1, { payload: { nul: 'a\u0000b', lone: 'x\uD800y', when: new Date('2026-01-01T00:00:00Z'), gone: undefined, nested: { z: 1, a: [1, undefined] } } }),
        );
        expect(appended.payload).toEqual({ nul: 'a\uFFFDb', lone: 'x\uFFFDy', when: '2026-01-01T00:00:00.000Z', nested: { z: 1, a: [1, null] } });
        expect((await h.store.audit.listChain('odd-payload'))[0]?.payload).toEqual(appended.payload);
        expect(await h.store.audit.verify()).toMatchObject({ ok: true });
      });

      it('refuses UPDATE, DELETE and TRUNCATE of events, and moving a chain head back', async () => {
        await h.store.audit.append(event('guarded', 1));
        await expect(h.client.query(`UPDATE audit_events SET payload = '{}'::jsonb WHERE chain_id = 'guarded'`)).rejects.toThrow(/append-only/);
        await expect(h.client.query(`DELETE FROM audit_events WHERE chain_id = 'guarded'`)).rejects.toThrow(/append-only/);
        await expect(h.client.exec('TRUNCATE audit_events CASCADE')).rejects.toThrow(/append-only/);
        await expect(h.client.query(`UPDATE audit_chain_heads SET last_seq = 0 WHERE chain_id = 'guarded'`)).rejects.toThrow(/only advances/);
        await expect(h.client.query(`DELETE FROM audit_chain_heads WHERE chain_id = 'guarded'`)).rejects.toThrow();
        expect(await h.store.audit.listChain('guarded')).toHaveLength(1);
      });
    });

    describe('tampering with the audit trail (as the table owner, triggers disabled)', () => {
      let serial = 0;
      /**
       * Tampers with a fresh chain of 5 events on the shared store, verifies, then removes the chain
       * (events and head) so the store is intact again for the next test.
       */
      async function tampered(
        sql: string | ((chain: AuditEvent[]) => string),
      ): Promise<{ verification: Awaited<ReturnType<SqlRecordsStore['audit']['verify']>>; ids: string[]; chainId: string }> {
        serial += 1;
        const chainId = `tamper-${serial}`;
        for (let n = 1; n <= 5; n += 1) await h.store.audit.append(event(chainId, n));
        const chain = await h.store.audit.listChain(chainId);
        expect(await h.store.audit.verify()).toMatchObject({ ok: true });
        const mutation = (typeof sql === 'string' ? sql : sql(chain)).replaceAll('$chain', `'${chainId}'`);
        await h.ownerSql(`${disableTrigger}; ${mutation}; ${enableTrigger}`);
        const verification = await h.store.audit.verify();
        await h.ownerSql(
          `${disableTrigger}; ALTER TABLE audit_chain_heads DISABLE TRIGGER audit_chain_heads_forward_only;
           DELETE FROM audit_events WHERE chain_id = '${chainId}'; DELETE FROM audit_chain_heads WHERE chain_id = '${chainId}';
           ALTER TABLE audit_chain_heads ENABLE TRIGGER audit_chain_heads_forward_only; ${enableTrigger}`,
        );
        expect(await h.store.audit.verify()).toMatchObject({ ok: true });
        return { verification, ids: chain.map((e) => e.id), chainId };
      }

      it('catches an edited payload at that event', async () => {
        const { verification, ids, chainId } = await tampered(`UPDATE audit_events SET payload = '{"text":"message 3 (edited)","n":3}' WHERE chain_id = $chain AND seq = 3`);
        expect(verification).toMatchObject({ ok: false, firstBroken: { chainId, seq: 3, eventId: ids[2], code: 'hash-mismatch' } });
      });

      it('catches an edited event whose hash was recomputed, at the next event', async () => {
        const { verification, ids, chainId } = await tampered((chain) => {
          const second = chain[1]!;
          const payload = { text: 'message 2 (edited)', n: 2 };
          const hash = auditEventHash({ ...second, accountId: null, conversationId: second.chainId, channel: 'sms', payload });
          return `UPDATE audit_events SET payload = '${JSON.stringify(payload)}', hash = '${hash}' WHERE chain_id = $chain AND seq = 2`;
        });
        expect(verification).toMatchObject({ ok: false, firstBroken: { chainId, seq: 3, eventId: ids[2], code: 'prev-hash-mismatch' } });
      });

      it('catches an event whose hash was overwritten', async () => {
        const { verification, ids, chainId } = await tampered(`UPDATE audit_events SET hash = repeat('a', 64) WHERE chain_id = $chain AND seq = 2`);
        expect(verification).toMatchObject({ ok: false, firstBroken: { chainId, seq: 2, eventId: ids[1], code: 'hash-mismatch' } });
      });

      it('catches a deleted event as a gap at the event after it', async () => {
        const { verification, ids, chainId } = await tampered(`DELETE FROM audit_events WHERE chain_id = $chain AND seq = 2`);
        expect(verification).toMatchObject({ ok: false, firstBroken: { chainId, seq: 3, eventId: ids[2], code: 'gap' } });
        if (!verification.ok) expect(verification.firstBroken.reason).toMatch(/^gap: expected seq 2 but found seq 3/);
      });

      it('catches the deletion of the last event through the chain head', async () => {
        const { verification, ids, chainId } = await tampered(`DELETE FROM audit_events WHERE chain_id = $chain AND seq = 5`);
        expect(verification).toMatchObject({ ok: false, firstBroken: { chainId, seq: 4, eventId: ids[3], code: 'head-mismatch' } });
      });

      it('catches a chain emptied of all its events', async () => {
        const { verification, chainId } = await tampered(`DELETE FROM audit_events WHERE chain_id = $chain`);
        expect(verification).toMatchObject({ ok: false, firstBroken: { chainId, seq: 5, code: 'head-mismatch' } });
      });

      it('catches a change to an instant below the millisecond', async () => {
        const { verification, chainId } = await tampered(`UPDATE audit_events SET at = at + interval '1 microsecond' WHERE chain_id = $chain AND seq = 4`);
        expect(verification).toMatchObject({ ok: false, firstBroken: { chainId, seq: 4, code: 'hash-mismatch' } });
      });
    });
  });
}
