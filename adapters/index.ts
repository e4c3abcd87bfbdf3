// The adapters' public surface: the composition root (bot/) wires these into the ports.
export * from './state/index.js';
export {
  openRecordsStore,
  migrateRecords,
  RecordsUnavailableError,
  MigrationError,
  UnknownAccountError,
  EmbeddedDatabaseInUseError,
  type RecordsStoreOptions,
  type SqlRecordsStore,
  type MigrationReport,
} from './records/index.js';
export * from './records/outbound/index.js';
// The compliance console's repositories, exports, retention and the audit verification they share.
export * from './records/console/index.js';
export { verifyAuditChains, checkpointKeyId, auditEventHash, type VerifyOptions, type AuditCheckpoint, type SqlClient } from './records/index.js';
export type * from './channels/types.js';
export * from './channels/directline/index.js';
export * from './channels/sms/index.js';
export * from './llm/index.js';
export * from './channels/teams/index.js';
export { createPaymentLinks } from './payments/payment-links.js';
