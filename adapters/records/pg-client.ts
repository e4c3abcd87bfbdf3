import pg from 'pg';
import { RecordsUnavailableError, errorMessage, type SqlClient, type SqlParam, type SqlQueryable } from './sql-client.js';

/** postgres://user@host:port/db with the password removed, for messages and logs. */
export function describePostgresUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
    return `PostgreSQL at ${url.protocol}//${user}${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}

function wrap(client: pg.Pool | pg.PoolClient): SqlQueryable {
  return {
    async query<R extends object>(text: string, params: readonly SqlParam[] = []) {
      const result = await client.query(text, params as SqlParam[]);
      return result.rows as R[];
    },
    async exec(script: string) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await client.query(script);
    },
  };
}

export async function openPostgresClient(databaseUrl: string): Promise<SqlClient> {
  const description = describePostgresUrl(databaseUrl);
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  } catch (error) {
    throw new RecordsUnavailableError(`Cannot use ${description}: ${errorMessage(error)}`, { cause: error });
  }
  // An idle client losing its connection must not crash the process: the next query reports it.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new RecordsUnavailableError(`Cannot reach ${description}: ${errorMessage(error)}`, { cause: error });
  }
  const direct = wrap(pool);
  return {
    kind: 'postgres',
    description,
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        // A connection whose rollback failed is discarded rather than handed to the next caller.
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
