import type { RecordsStore } from '../../dialogs/ports.js';
import { createAccountRepository } from './accounts.js';
import { createArrangementRepository } from './arrangements.js';
import { createAuditTrail } from './audit-trail.js';
import { createContactLedger } from './contacts.js';
import { createFlagsRepository } from './flags.js';
import { migrate, type MigrationReport } from './migrate.js';
import { openPgliteClient } from './pglite-client.js';
import { openPostgresClient } from './pg-client.js';
import { createScheduledMessageRepository } from './scheduled.js';
import { RecordsUnavailableError, errorMessage, type SqlClient } from './sql-client.js';

export interface RecordsStoreOptions {
  /** PostgreSQL connection URL; unset: the embedded PGlite in `<dataDir>/pglite`. */
  databaseUrl?: string;
  dataDir: string;
  /** Key of the audit retention checkpoints (PARLEY_AUDIT_CHECKPOINT_KEY); verify needs it once retention has run. */
  auditCheckpointKey?: string;
}

export interface SqlRecordsStore extends RecordsStore {
  /** Where the records live, safe to log (no password). */
  readonly description: string;
  /** The open client, for repositories built on the same database (the compliance console). */
  readonly sql: SqlClient;
}

/** Opens the database the options name; throws RecordsUnavailableError naming it when it cannot. */
export function openSqlClient(options: RecordsStoreOptions): Promise<SqlClient> {
  return options.databaseUrl ? openPostgresClient(options.databaseUrl) : openPgliteClient(options.dataDir);
}

/** The repositories over an open, migrated client; closing the store closes the client. */
export function createRecordsStore(client: SqlClient, options: { auditCheckpointKey?: string } = {}): SqlRecordsStore {
  return {
    description: client.description,
    sql: client,
    accounts: createAccountRepository(client),
    flags: createFlagsRepository(client),
    contacts: createContactLedger(client),
    scheduled: createScheduledMessageRepository(client),
    arrangements: createArrangementRepository(client),
    audit: createAuditTrail(client, { checkpointKey: options.auditCheckpointKey }),
    async ping() {
      try {
        await client.query('SELECT 1');
      } catch (error) {
        throw new RecordsUnavailableError(`Cannot reach ${client.description}: ${errorMessage(error)}`, { cause: error });
      }
    },
    close: () => client.close(),
  };
}

async function withClient<T>(options: RecordsStoreOptions, work: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = await openSqlClient(options);
  try {
    return await work(client);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

/** Opens the records (PostgreSQL when databaseUrl is set, else PGlite in dataDir) and applies pending migrations. */
export function openRecordsStore(options: RecordsStoreOptions): Promise<SqlRecordsStore> {
  return withClient(options, async (client) => {
    await migrate(client);
    return createRecordsStore(client, { auditCheckpointKey: options.auditCheckpointKey });
  });
}

/** Applies pending migrations and closes the database again: what `parley migrate` runs. */
export function migrateRecords(options: RecordsStoreOptions): Promise<MigrationReport & { database: string }> {
  return withClient(options, async (client) => {
    const report = await migrate(client);
    await client.close();
    return { ...report, database: client.description };
  });
}
