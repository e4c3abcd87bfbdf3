import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openRecordsStore } from '../../adapters/index.js';
import { createRecordsStore, migrate, openSqlClient } from '../../adapters/records/index.js';
import { runParley, spawnParley } from '../../tests/support/cli.js';
import { createTestDatabase, type TestDatabase } from '../../tests/support/postgres.js';

const dirs: string[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const at = new Date('2026-03-02T15:00:00.000Z');
const untrusted = (sql: string) => `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only; ${sql}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`;

/** A fresh database holding one conversation of four events; returns their ids. */
async function trailOfFour(): Promise<{ database: TestDatabase; ids: string[] }> {
  const database = await createTestDatabase('cli_audit');
  databases.push(database);
  process.env.DATABASE_URL = database.url;
  const store = await openRecordsStore({ databaseUrl: database.url, dataDir: os.tmpdir() });
  const ids: string[] = [];
  for (let n = 1; n <= 4; n += 1) {
    ids.push((await store.audit.append({ chainId: 'conv-1', kind: 'inbound', channel: 'sms', payload: { text: `hello ${n}` }, at })).id);
  }
  await store.close();
  return { database, ids };
}

describe('parley audit verify (PostgreSQL)', () => {
  beforeEach(() => {
    process.env.PARLEY_DATA_DIR = os.tmpdir();
  });

  it('exits 0 and says the trail is intact', async () => {
    await trailOfFour();
    const result = await runParley('audit', 'verify');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Audit trail intact: 1 chain, 4 events verified \(PostgreSQL at /);
  });

  it('exits 1 naming the event whose payload was edited in SQL', async () => {
    const { database, ids } = await trailOfFour();
    await database.sql(untrusted(`UPDATE audit_events SET payload = '{"text":"hello 2, edited"}' WHERE seq = 2`));
    const result = await runParley('audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Audit trail BROKEN in chain conv-1 at seq 2 (event ${ids[1]}): hash mismatch`);
    const json = await runParley('audit', 'verify', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, chains: 1, events: 1, firstBroken: { chainId: 'conv-1', seq: 2, eventId: ids[1], code: 'hash-mismatch' } });
  });

  it('exits 1 when an event was deleted, and when the last one was', async () => {
    const middle = await trailOfFour();
    await middle.database.sql(untrusted('DELETE FROM audit_events WHERE seq = 2'));
    const gap = await runParley('audit', 'verify', '--json');
    expect(gap.code).toBe(1);
    expect(JSON.parse(gap.stdout)).toMatchObject({ firstBroken: { seq: 3, eventId: middle.ids[2], code: 'gap' } });

    const tail = await trailOfFour();
    await tail.database.sql(untrusted('DELETE FROM audit_events WHERE seq = 4'));
    const head = await runParley('audit', 'verify');
    expect(head.code).toBe(1);
    expect(head.stdout).toMatch(/seq 3 .*head mismatch: the chain head records seq 4 but the chain ends at seq 3/);
  });
});

describe('parley audit verify on the embedded database (a child process)', () => {
  it('catches an edit made in SQL while Parley was stopped', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cli-audit-'));
    dirs.push(dataDir);
    const client = await openSqlClient({ dataDir });
    await migrate(client);
    const store = createRecordsStore(client);
    const first = await store.audit.append({ chainId: 'system', kind: 'system', payload: { started: true }, at });
    await store.audit.append({ chainId: 'system', kind: 'system', payload: { stopped: true }, at });
    await client.exec(untrusted(`UPDATE audit_events SET payload = '{"started": false}' WHERE seq = 1`));
    await store.close();

    const verified = await spawnParley(['audit', 'verify'], { PARLEY_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`Audit trail BROKEN in chain system at seq 1 (event ${first.id}): hash mismatch`);
  });
});
