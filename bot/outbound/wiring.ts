import os from 'node:os';
import type { Router } from 'express';
import { createOutboundRecords, type OutboundRecords, type SqlRecordsStore } from '../../adapters/index.js';
import { withArrangementReminders, type ArrangementRepository, type CompanyInfo, type ConversationReferenceStore } from '../../dialogs/index.js';
import { createOutboundAdminRouter } from './admin-router.js';
import type { OutboundSenders } from './delivery.js';
import { OutboundDispatcher, type DispatcherLogger } from './dispatcher.js';
import { loadPacingFile } from './pacing-file.js';

export interface OutboundWiringOptions {
  records: SqlRecordsStore;
  company: CompanyInfo;
  /** The channels this instance can deliver on (the SMS channel, TeamsProactive, the Direct Line channel). */
  senders: OutboundSenders;
  logger: DispatcherLogger;
  clock?: () => Date;
  /** PARLEY_ADMIN_TOKEN: the admin API answers 503 without it. */
  adminToken?: string;
  /** PARLEY_OUTBOUND_PACING: a pacing policy file (YAML or JSON); default policy without it. */
  pacingFile?: string;
  /** How often the dispatcher looks for due messages. Default 5 s. */
  pollIntervalMs?: number;
}

export interface OutboundWiring {
  records: OutboundRecords;
  dispatcher: OutboundDispatcher;
  /** Mount at the app root: /api/admin/outbound/* behind the bearer token. */
  adminRouter: Router;
  /** Where the bot saves a conversation reference once a Teams or web chat user is linked to a verified account. */
  references: ConversationReferenceStore;
  /** The arrangements repository, scheduling each recorded arrangement's reminders. */
  arrangements(inner: ArrangementRepository): ArrangementRepository;
  start(): void;
  stop(): Promise<void>;
}

/** Everything outbound needs in the composition root, from the open records and the channel senders. */
export function createOutbound(options: OutboundWiringOptions): OutboundWiring {
  const records = createOutboundRecords(options.records.sql, { instanceId: `${os.hostname()}:${process.pid}` });
  const dispatcher = new OutboundDispatcher({
    store: records.dispatch,
    senders: options.senders,
    company: options.company,
    pacing: loadPacingFile(options.pacingFile),
    logger: options.logger,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });
  return {
    records,
    dispatcher,
    adminRouter: createOutboundAdminRouter({ token: options.adminToken, scheduler: records.scheduler, ...(options.clock ? { clock: options.clock } : {}) }),
    references: records.references,
    arrangements: (inner) =>
      withArrangementReminders(inner, {
        scheduler: records.scheduler,
        accounts: options.records.accounts,
        flags: options.records.flags,
        onError: (error, arrangement) => options.logger.error({ err: error, arrangementId: arrangement.id }, 'outbound: reminders for an arrangement could not be scheduled'),
      }),
    start: () => dispatcher.start(),
    stop: () => dispatcher.stop(),
  };
}
