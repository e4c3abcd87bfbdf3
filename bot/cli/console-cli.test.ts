// The console from the command line: users, evidence exports, legal holds and retention.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleUsers, openRecordsStore, type SqlRecordsStore } from '../../adapters/index.js';
import { runParley } from '../../tests/support/cli.js';
import { DISPUTE_TURNS, demoAccounts, seedConversation } from '../../tests/support/console-seed.js';
import { TEST_CHECKPOINT_KEY } from '../../tests/support/console-server.js';
import { createTestDatabase, type TestDatabase } from '../../tests/support/postgres.js';

const databases: TestDatabase[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-console-cli-'));
  dirs.push(dir);
  return dir;
}

/** A fresh PostgreSQL database the CLI is pointed at, with the demo accounts and two conversations from 2026. */
async function trail(): Promise<{ database: TestDatabase; store: SqlRecordsStore; disputeKey: string; otherKey: string }> {
  const database = await createTestDatabase('console_cli');
  databases.push(database);
  process.env.DATABASE_URL = database.url;
  process.env.PARLEY_DATA_DIR = os.tmpdir();
  process.env.PARLEY_AUDIT_CHECKPOINT_KEY = TEST_CHECKPOINT_KEY;
  const store = await openRecordsStore({ databaseUrl: database.url, dataDir: os.tmpdir(), auditCheckpointKey: TEST_CHECKPOINT_KEY });
  const accounts = demoAccounts();
  await store.accounts.upsertMany([...accounts.values()]);
  const dispute = await seedConversation(store, { channel: 'webchat', conversationId: 'cli-dispute', account: accounts.get('DEMO-MA-001'), start: new Date('2026-11-20T15:00:00Z'), turns: DISPUTE_TURNS });
  const other = await seedConversation(store, {
    channel: 'sms',
    conversationId: 'cli-other',
    account: accounts.get('DEMO-CA-002'),
    start: new Date('2026-11-21T18:00:00Z'),
    turns: [{ consumer: 'what do I owe' }, { reply: 'Your balance is $2,640.40.', allowedAmounts: [264040] }],
  });
  return { database, store, disputeKey: dispute.key, otherKey: other.key };
}

let shared: Awaited<ReturnType<typeof trail>>;
let opening: Promise<void> | undefined;
beforeEach(async () => {
  await (opening ??= (async () => {
    shared = await trail();
  })());
  process.env.DATABASE_URL = shared.database.url;
  process.env.PARLEY_AUDIT_CHECKPOINT_KEY = TEST_CHECKPOINT_KEY;
});
afterAll(async () => {
  await shared?.store.close();
});

describe('parley users', () => {
  it('adds a user and prints the token once; only its hash is stored and it signs in', async () => {
    const added = await runParley('users', 'add', '--name', 'Grace Officer', '--role', 'officer', '--json');
    expect(added.code).toBe(0);
    const { user, token } = JSON.parse(added.stdout) as { user: { id: string; role: string }; token: string };
    expect(user.role).toBe('officer');
    expect(token).toMatch(/^u_[a-z0-9]{10}\.[A-Za-z0-9_-]{43}$/);
    const stored = await shared.database.sql<{ token_hash: string }>('SELECT token_hash FROM console_users WHERE id = $1', [user.id]);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token.split('.')[1]);
    expect(await createConsoleUsers(shared.store.sql).authenticate(token)).toMatchObject({ ok: true, user: { id: user.id } });

    const listed = await runParley('users', 'list');
    expect(listed.stdout).toContain(`Grace Officer (officer, ${user.id})`);
    expect(listed.stdout).not.toContain(token);

    const again = await runParley('users', 'add', '--name', 'Grace Officer', '--role', 'admin');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('A console user called "Grace Officer" already exists.');
    const badRole = await runParley('users', 'add', '--name', 'Someone', '--role', 'boss');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of officer, supervisor, admin');

    const reissued = JSON.parse((await runParley('users', 'token', 'Grace Officer', '--json')).stdout) as { token: string };
    expect((await createConsoleUsers(shared.store.sql).authenticate(token)).ok).toBe(false);
    expect((await createConsoleUsers(shared.store.sql).authenticate(reissued.token)).ok).toBe(true);
    expect((await runParley('users', 'disable', user.id)).stdout).toMatch(/^Disabled Grace Officer \(officer, u_[a-z0-9]{10}, disabled /);
    expect(await createConsoleUsers(shared.store.sql).authenticate(reissued.token)).toMatchObject({ ok: false, reason: 'disabled' });

    const access = await shared.database.sql<{ action: string }>(`SELECT payload ->> 'action' AS action FROM audit_events WHERE chain_id = 'console' ORDER BY seq`);
    expect(access.map((row) => row.action)).toEqual(expect.arrayContaining(['user-added', 'user-token-reissued', 'user-disabled']));
  });
});

describe('parley audit export', () => {
  it('writes the conversations a filter finds, says where, and the export verifies as a directory', async () => {
    const out = path.join(tempDir(), 'evidence');
    const result = await runParley('audit', 'export', '--flag', 'dispute', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Exported 1 conversation \(8 events, personal data masked\) to /);
    expect(fs.readdirSync(out).sort()).toEqual(['events.jsonl', 'manifest.json', 'transcript.csv', 'transcript.pdf']);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { conversations: Array<{ key: string; chainVerified: boolean }>; events: Array<{ hash: string }>; filters: unknown };
    expect(manifest.conversations).toEqual([{ key: shared.disputeKey, events: 8, chainVerified: true }]);
    expect(manifest.filters).toEqual({ flag: 'dispute' });
    const chainHashes = await shared.database.sql<{ hash: string }>('SELECT hash FROM audit_events WHERE chain_id = $1 ORDER BY seq', [shared.disputeKey]);
    expect(manifest.events.map((event) => event.hash)).toEqual(chainHashes.map((row) => row.hash));

    const verified = await runParley('audit', 'verify', '--export', out);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^Export intact: 3 files match the manifest; 8 events in 1 chain, 0 recomputed to their chain hash, 8 masked \(hash as recorded\)\. Manifest sha256 [0-9a-f]{64}\.\n$/);

    fs.rmSync(path.join(out, 'transcript.pdf'));
    const missing = await runParley('audit', 'verify', '--export', out, '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, file: 'transcript.pdf', reason: 'is listed in the manifest but missing' });
  });

  it('exports unmasked JSON Lines whose edited event no longer matches its chain hash', async () => {
    const out = path.join(tempDir(), 'raw');
    const result = await runParley('audit', 'export', '--conversation', shared.otherKey, '--format', 'jsonl', '--unmask', '--out', out, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ conversations: 1, events: 2, masked: false, files: [{ name: 'events.jsonl' }] });
    expect((await runParley('audit', 'verify', '--export', out)).code).toBe(0);

    // Edit the amount in the exported event and fix the file hash in the manifest: the chain hash still catches it.
    const eventsFile = path.join(out, 'events.jsonl');
    const edited = fs.readFileSync(eventsFile, 'utf8').replace('$2,640.40', '$2,000.00');
    fs.writeFileSync(eventsFile, edited);
    const manifestFile = path.join(out, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { files: Array<{ name: string; bytes: number; sha256: string }> };
    const { createHash } = await import('node:crypto');
    manifest.files = [{ name: 'events.jsonl', bytes: Buffer.byteLength(edited), sha256: createHash('sha256').update(edited).digest('hex') }];
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const broken = await runParley('audit', 'verify', '--export', out);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^Export BROKEN: events\.jsonl line 2 \(event [0-9a-f-]{36}, conv:sms:cli-other seq 2\) no longer matches its hash: it was edited\n$/);
  });

  it('refuses a directory that is not empty and an unknown format', async () => {
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
    const busy = await runParley('audit', 'export', '--flag', 'dispute', '--out', out);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('is not empty');
    const format = await runParley('audit', 'export', '--flag', 'dispute', '--format', 'docx', '--out', path.join(out, 'x'));
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format takes a comma-separated list of jsonl, csv, pdf; not docx');
  });
});

describe('parley audit retain', () => {
  it('keeps everything within three years of the last activity, then removes what expired except under a legal hold, and verify still passes', async () => {
    const early = await runParley('audit', 'retain', '--dry-run', '--at', '2029-11-01T00:00:00Z', '--json');
    expect(early.code).toBe(0);
    expect(JSON.parse(early.stdout)).toMatchObject({ dryRun: true, expired: [], chains: [], removedEvents: 0 });

    const hold = await runParley('audit', 'hold', 'DEMO-MA-001', '--reason', 'CFPB inquiry 2029-17', '--json');
    expect(hold.code).toBe(0);
    const holdId = (JSON.parse(hold.stdout) as { hold: { id: string } }).hold.id;

    const plan = JSON.parse((await runParley('audit', 'retain', '--dry-run', '--at', '2030-01-01T00:00:00Z', '--json')).stdout) as { expired: string[]; held: string[]; chains: Array<{ chainId: string }> };
    expect(plan.held).toEqual(['DEMO-MA-001']);
    expect(plan.expired).toEqual(['DEMO-CA-002']);
    expect(plan.chains.map((chain) => chain.chainId)).toEqual([shared.otherKey]);

    const applied = await runParley('audit', 'retain', '--at', '2030-01-01T00:00:00Z');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('kept (legal hold): DEMO-MA-001');
    expect(applied.stdout).toContain('Removed 2 events from 1 chain, each with a signed checkpoint.');
    expect(await shared.database.sql('SELECT 1 FROM audit_events WHERE chain_id = $1', [shared.otherKey])).toEqual([]);
    expect(await shared.database.sql('SELECT 1 FROM console_conversations WHERE conv_key = $1', [shared.otherKey])).toEqual([]);
    expect((await shared.database.sql('SELECT 1 FROM audit_events WHERE chain_id = $1', [shared.disputeKey])).length).toBe(8);

    const verified = await runParley('audit', 'verify');
    expect(verified.code).toBe(0);
    // Without the key the checkpoint cannot be trusted.
    delete process.env.PARLEY_AUDIT_CHECKPOINT_KEY;
    const keyless = await runParley('audit', 'verify', '--json');
    expect(keyless.code).toBe(1);
    expect(JSON.parse(keyless.stdout)).toMatchObject({ ok: false, firstBroken: { chainId: shared.otherKey, code: 'checkpoint-invalid' } });
    process.env.PARLEY_AUDIT_CHECKPOINT_KEY = TEST_CHECKPOINT_KEY;

    // Released: the next run removes the disputed conversation too, and the trail still verifies.
    expect((await runParley('audit', 'hold', '--release', holdId)).code).toBe(0);
    const second = JSON.parse((await runParley('audit', 'retain', '--at', '2030-01-01T00:00:00Z', '--json')).stdout) as { removedEvents: number; held: string[] };
    expect(second).toMatchObject({ removedEvents: 8, held: [] });
    expect((await runParley('audit', 'verify')).code).toBe(0);

    // The removals are recorded in the system chain without personal data.
    const recorded = await shared.database.sql<{ payload: Record<string, unknown> }>(`SELECT payload FROM audit_events WHERE chain_id = 'system' AND payload ->> 'action' = 'retention' ORDER BY seq`);
    expect(recorded.map((row) => row.payload.chainId)).toEqual([shared.otherKey, shared.disputeKey]);
  });

  it('refuses to remove anything without the checkpoint key', async () => {
    delete process.env.PARLEY_AUDIT_CHECKPOINT_KEY;
    const result = await runParley('audit', 'retain', '--at', '2030-01-01T00:00:00Z');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('set PARLEY_AUDIT_CHECKPOINT_KEY');
  });
});
