import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { acquireEmbeddedLock } from './embedded-lock.js';
import { RecordsUnavailableError, errorMessage, type SqlClient, type SqlParam, type SqlQueryable } from './sql-client.js';

function wrap(db: PGlite | Transaction): SqlQueryable {
  return {
    async query<R extends object>(text: string, params: readonly SqlParam[] = []) {
      const result = await db.query<R>(text, [...params]);
      return result.rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
  };
}

/** Opens (creating if needed) the embedded PostgreSQL in `<dataDir>/pglite`. */
export async function openPgliteClient(dataDir: string): Promise<SqlClient> {
  const directory = path.resolve(dataDir, 'pglite');
  const description = `embedded PGlite in ${directory}`;
  try {
    fs.mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new RecordsUnavailableError(`Cannot create the data directory for the ${description}: ${errorMessage(error)}`, { cause: error });
  }
  const release = acquireEmbeddedLock(path.resolve(dataDir, 'pglite.lock'), `in ${directory}`);
  let db: PGlite;
  try {
    db = await PGlite.create(directory);
  } catch (error) {
    release();
    throw new RecordsUnavailableError(`Cannot open the ${description}: ${errorMessage(error)}`, { cause: error });
  }
  const direct = wrap(db);
  return {
    kind: 'pglite',
    description,
    query: direct.query,
    exec: direct.exec,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async close() {
      try {
        if (!db.closed) await db.close();
      } finally {
        release();
      }
    },
  };
}
