// The records store: accounts, consumer flags, the contact ledger, scheduled messages and the audit
// trail on PostgreSQL, or on the embedded PGlite when no DATABASE_URL is given.
export { openRecordsStore, migrateRecords, openSqlClient, createRecordsStore, type RecordsStoreOptions, type SqlRecordsStore } from './store.js';
export { migrate, loadMigrations, MigrationError, type MigrationReport } from './migrate.js';
export { RecordsUnavailableError, type SqlClient, type SqlQueryable, type SqlParam } from './sql-client.js';
export { UnknownAccountError } from './errors.js';
export { EmbeddedDatabaseInUseError } from './embedded-lock.js';
export { auditEventHash, GENESIS_HASH } from './audit-hash.js';
export { verifyAuditChains, type VerifyOptions } from './audit-trail.js';
export { signCheckpoint, checkpointSignatureValid, checkpointKeyId, type AuditCheckpoint } from './audit-checkpoints.js';
export { canonicalJson, normalizeJsonObject, type JsonValue } from './canonical-json.js';
export * from './console/index.js';
export { describePostgresUrl } from './pg-client.js';
