import os from 'node:os';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../adapters/records/index.js';
import { runParley } from '../../tests/support/cli.js';
import { createTestDatabase, type TestDatabase } from '../../tests/support/postgres.js';

let database: TestDatabase;
// Created by the first test, not in beforeAll: without PostgreSQL every test fails with the reason rather than being skipped.
let ready: Promise<void> | undefined;
beforeEach(async () => {
  await (ready ??= (async () => {
    database = await createTestDatabase('cli_migrate');
    process.env.DATABASE_URL = database.url;
    process.env.PARLEY_DATA_DIR = os.tmpdir();
  })());
});
afterAll(async () => {
  await database?.drop();
});

describe('parley migrate', () => {
  it('applies the migrations of a new database and says which, then that there is nothing to do', async () => {
    const first = await runParley('migrate');
    expect(first.code).toBe(0);
    const names = loadMigrations().map((migration) => migration.name);
    expect(first.stdout).toBe(`Applied to PostgreSQL at postgres://postgres@127.0.0.1:5432/${database.name}:\n${names.map((name) => `  ${name}\n`).join('')}`);
    const tables = await database.sql<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['accounts', 'audit_chain_heads', 'audit_events', 'consumer_flags', 'contact_attempts', 'scheduled_messages', 'schema_migrations']),
    );

    const second = await runParley('migrate', '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({
      database: `PostgreSQL at postgres://postgres@127.0.0.1:5432/${database.name}`,
      applied: [],
      alreadyApplied: loadMigrations().map((migration) => migration.name),
    });
  });

  it('refuses a database whose applied migration was changed since', async () => {
    await database.sql(`UPDATE schema_migrations SET checksum = 'edited' WHERE version = '001'`);
    const result = await runParley('migrate');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Migration 001_records\.sql was changed after it was applied/);
  });
});
