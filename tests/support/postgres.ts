// PostgreSQL for tests: a throwaway database per test file on the shared server, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server's maintenance database; PARLEY_TEST_POSTGRES_URL overrides it. */
export const adminPostgresUrl = process.env.PARLEY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL as the database owner (the test's way to tamper behind Parley's back). */
  sql<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Closes the owner connection and drops the database. */
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function connectAdmin(): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: adminPostgresUrl, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    const { hostname, port } = new URL(adminPostgresUrl);
    throw new Error(
      `PostgreSQL is not reachable at ${hostname}:${port || 5432} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it (see DEVELOPERS.md) or set PARLEY_TEST_POSTGRES_URL; these tests need a real PostgreSQL and fail rather than skip.',
    );
  }
  return admin;
}

/** Creates parley_t_<label>_<random>; fails with a clear message when PostgreSQL is not running. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `parley_t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = await connectAdmin();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminPostgresUrl, name);
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  return {
    name,
    url,
    async sql<R extends object>(text: string, params: unknown[] = []) {
      const result = await owner.query(text, params);
      return result.rows as R[];
    },
    async drop() {
      await owner.end().catch(() => undefined);
      const cleanup = await connectAdmin();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
