// Outbound on the records database: scheduled messages, the dispatcher's claim-decide-record
// transaction, conversation references, and the reads a campaign plan needs.
export { createOutboundScheduler, outboundChain } from './scheduler.js';
export { createOutboundDispatchStore, OutboundProcessingError, type OutboundDispatchStoreOptions } from './dispatch-store.js';
export { createSqlConversationReferenceStore, MemoryConversationReferenceStore } from './conversation-references.js';
export { createOutboundPortfolioReader, type OutboundPortfolioReader, type PortfolioRecord } from './portfolio.js';

import type { ConversationReferenceStore, OutboundDispatchStore, OutboundScheduler } from '../../../dialogs/ports.js';
import type { SqlClient } from '../sql-client.js';
import { createSqlConversationReferenceStore } from './conversation-references.js';
import { createOutboundDispatchStore, type OutboundDispatchStoreOptions } from './dispatch-store.js';
import { createOutboundPortfolioReader, type OutboundPortfolioReader } from './portfolio.js';
import { createOutboundScheduler } from './scheduler.js';

export interface OutboundRecords {
  scheduler: OutboundScheduler;
  dispatch: OutboundDispatchStore;
  references: ConversationReferenceStore;
  portfolio: OutboundPortfolioReader;
}

/** Everything outbound keeps in the records database, over the records store's client (SqlRecordsStore.client). */
export function createOutboundRecords(client: SqlClient, options: OutboundDispatchStoreOptions = {}): OutboundRecords {
  return {
    scheduler: createOutboundScheduler(client),
    dispatch: createOutboundDispatchStore(client, options),
    references: createSqlConversationReferenceStore(client),
    portfolio: createOutboundPortfolioReader(client),
  };
}
