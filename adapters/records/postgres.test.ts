import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/postgres.js';
import { describeRecordsStoreContract } from './records.contract.js';
import { loadMigrations, migrate } from './migrate.js';
import { openPostgresClient } from './pg-client.js';
import { RecordsUnavailableError } from './sql-client.js';
import { createRecordsStore, openRecordsStore } from './store.js';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

describeRecordsStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase('records');
  databases.push(database);
  const client = await openPostgresClient(database.url);
  await migrate(client);
  return {
    store: createRecordsStore(client),
    client,
    ownerSql: async (script) => {
      await database.sql(script);
    },
    dispose: () => client.close(),
  };
});

describe('opening PostgreSQL', () => {
  it('names the server but never the password when it cannot connect', async () => {
    const error = await openRecordsStore({ databaseUrl: 'postgres://parley:s3cret-pw@127.0.0.1:1/parley', dataDir: '/nonexistent' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordsUnavailableError);
    expect((error as Error).message).toContain('postgres://parley@127.0.0.1:1/parley');
    expect((error as Error).message).not.toContain('s3cret-pw');
  });

  it('lets two instances migrate one database at the same time', async () => {
    const database = await createTestDatabase('migrate');
    databases.push(database);
    const [a, b] = await Promise.all([openRecordsStore({ databaseUrl: database.url, dataDir: '/nonexistent' }), openRecordsStore({ databaseUrl: database.url, dataDir: '/nonexistent' })]);
    const rows = await database.sql<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.name)).toEqual(loadMigrations().map((migration) => migration.name));
    await a.close();
    await b.close();
  });
});
