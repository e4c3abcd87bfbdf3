import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SqlClient } from './sql-client.js';

export interface Migration {
  /** The file's number, e.g. "001". */
  version: string;
  /** The file name, e.g. "001_records.sql". */
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  /** Migrations this run applied, oldest first. */
  applied: string[];
  /** Migrations that were already in place. */
  alreadyApplied: string[];
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any constant works; it only has to be the same for every Parley process sharing a database.
const MIGRATION_LOCK_KEY = 720_843_401_1;

export function loadMigrations(directory: string = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(directory)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(`${directory}/${name}`, 'utf8');
      return { version: name.slice(0, 3), name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {}

/**
 * Applies the pending migrations in one transaction. An advisory lock makes instances that start
 * together take turns; a migration edited after it was applied is refused rather than skipped.
 */
export async function migrate(client: SqlClient, migrations: readonly Migration[] = loadMigrations()): Promise<MigrationReport> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: string; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    const done = new Map(rows.map((row) => [row.version, row]));
    const known = new Set(migrations.map((migration) => migration.version));
    const unknown = rows.filter((row) => !known.has(row.version));
    if (unknown.length > 0) {
      throw new MigrationError(
        `The database has migrations this version of Parley does not know (${unknown.map((row) => row.name).join(', ')}): it was migrated by a newer Parley.`,
      );
    }
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      const existing = done.get(migration.version);
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied to this database. Restore the original file and add a new migration instead.`,
          );
        }
        report.alreadyApplied.push(migration.name);
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [migration.version, migration.name, migration.checksum]);
      report.applied.push(migration.name);
    }
    return report;
  });
}
