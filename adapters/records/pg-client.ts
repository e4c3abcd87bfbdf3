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

// Connection-level failures (refused, reset, terminated, server shutting down, SQLSTATE class 08): the
// database is away, not the query wrong. They become RecordsUnavailableError, which callers answer with
// 503 or a retry; every other error (a constraint, a bad statement) passes through unchanged.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03']);

export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  if (error instanceof AggregateError) return error.errors.some(isConnectionFailure);
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i.test(error.message);
}

async function reachable<T>(description: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isConnectionFailure(error)) throw new RecordsUnavailableError(`Cannot reach ${description}: ${errorMessage(error)}`, { cause: error });
    throw error;
  }
}

function wrap(client: pg.Pool | pg.PoolClient, description: string): SqlQueryable {
  return {
    async query<R extends object>(text: string, params: readonly SqlParam[] = []) {
      const result = await reachable(description, () => client.query(text, params as SqlParam[]));
      return result.rows as R[];
    },
    async exec(script: string) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await reachable(description, () => client.query(script));
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
  const direct = wrap(pool, description);
  return {
    kind: 'postgres',
    description,
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      const client = await reachable(description, () => pool.connect());
      // A checked-out client whose connection drops emits 'error'; unheard, it would end the process.
      // The query under way fails with it and the transaction reports the outage.
      let broken = false;
      const onLost = () => {
        broken = true;
      };
      client.on('error', onLost);
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client, description));
        await reachable(description, () => client.query('COMMIT'));
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.off('error', onLost);
        // A connection that broke, or whose rollback failed, is discarded rather than handed to the next caller.
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
