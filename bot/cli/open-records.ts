import { EmbeddedDatabaseInUseError, MigrationError, RecordsUnavailableError, migrateRecords, openRecordsStore, type MigrationReport, type SqlRecordsStore } from '../../adapters/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { UsageError } from './exit.js';

/**
 * The database could not be configured, reached or migrated: the command could not run at all,
 * which exits 2 like bad usage, never 1 (so `audit verify` exiting 1 always means a broken chain).
 */
function couldNotRun(error: unknown): never {
  if (
    error instanceof ConfigError ||
    error instanceof RecordsUnavailableError ||
    error instanceof EmbeddedDatabaseInUseError ||
    error instanceof MigrationError
  ) {
    throw new UsageError(error.message);
  }
  throw error;
}

function recordsOptions(): { databaseUrl?: string; dataDir: string; auditCheckpointKey?: string } {
  try {
    const config = loadConfig();
    return { databaseUrl: config.databaseUrl, dataDir: config.dataDir, auditCheckpointKey: config.audit.checkpointKey };
  } catch (error) {
    return couldNotRun(error);
  }
}

/** Opens the records store the environment names (migrating it), runs `work`, and closes it. */
export async function withRecordsStore<T>(work: (store: SqlRecordsStore) => Promise<T>): Promise<T> {
  const store = await openRecordsStore(recordsOptions()).catch(couldNotRun);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function migrateConfiguredRecords(): Promise<MigrationReport & { database: string }> {
  return migrateRecords(recordsOptions()).catch(couldNotRun);
}
