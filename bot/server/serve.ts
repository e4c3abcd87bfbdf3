import http from 'node:http';
import { ConversationState } from 'botbuilder';
import {
  connectRedis,
  createDirectLineRouter,
  createLlmLayer,
  createPaymentLinks,
  createSmsChannel,
  MemoryConversationLog,
  createPostgresHandoffQueue,
  mergeUnderstanding,
  openRecordsStore,
  openStateStores,
  RedisConversationLog,
  TeamsProactive,
  webChatPageRoutes,
  type ConversationLog,
  type RedisConnection,
  type SqlRecordsStore,
} from '../../adapters/index.js';
import { ParleyConversation, takeInRights, type DialogServices, type HandoffQueue } from '../../dialogs/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { loadDemoPortfolioIfEmpty } from '../demo/index.js';
import { createOutbound } from '../outbound/wiring.js';
import { createContactHooks } from '../turn/contact-hooks.js';
import { createInternalTurnRunner } from '../turn/internal-runner.js';
import { ParleyBot, type AfterTurn } from '../turn/parley-bot.js';
import { TurnPipeline } from '../turn/pipeline.js';
import { createSpeaker } from '../turn/speaker.js';
import { createAdapter } from './adapter.js';
import { createApp } from './app.js';
import { createMetrics } from './metrics.js';
import { createConsoleRouter } from '../console/index.js';

export interface RunningParley {
  url: string;
  server: http.Server;
  pipeline: TurnPipeline;
  /** The open stores and queues, for the CLI and for tests that look behind the conversation. */
  records: SqlRecordsStore;
  handoff: HandoffQueue;
  /** Resolves when no channel turn runs in the background (SMS turns run after Twilio is answered). */
  idle(): Promise<void>;
  /** Stops accepting connections, lets in-flight turns finish, closes the stores. */
  shutdown(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clock?: () => Date;
}

/** The composition root: opens the stores, wires the conversation, the channels and the gate, listens. */
export async function startParley(config: Config, options: StartOptions): Promise<RunningParley> {
  const { logger } = options;
  const clock = options.clock ?? (() => new Date());
  const records = await openRecordsStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, auditCheckpointKey: config.audit.checkpointKey });
  const state = await openStateStores({
    redisUrl: config.redisUrl,
    onLockProblem: (problem, conversationId) => logger.warn({ problem, chainId: conversationId }, 'turn lock problem'),
  });
  let redisForLogs: RedisConnection | undefined;
  try {
    if (config.loadDemo) {
      const { loaded } = await loadDemoPortfolioIfEmpty(records, clock());
      if (loaded > 0) logger.info({ loaded }, 'demo portfolio loaded into an empty database');
    }
    if (config.redisUrl) redisForLogs = await connectRedis({ url: config.redisUrl });
  } catch (error) {
    await Promise.allSettled([records.close(), state.close()]);
    throw error;
  }

  const llm = createLlmLayer(config.llm, { now: clock });
  logger.info(llm.summary);

  const conversationState = new ConversationState(state.storage);
  const company = { collectorName: config.company.name, contactPhone: config.company.humanPhone, hours: config.company.humanHours };
  const safeFallbackText = () =>
    `Sorry, I can't help with that right now. To reach a person at ${company.collectorName}, call ${company.contactPhone} (${company.hours}).`;
  const handoff = createPostgresHandoffQueue(records.sql);
  const services: DialogServices = {
    accounts: records.accounts,
    flags: records.flags,
    audit: records.audit,
    arrangements: records.arrangements,
    handoff,
    payments: createPaymentLinks(config.payments),
    speaker: createSpeaker({ phraser: llm.phrasing ? llm.phraser : undefined, logger }),
    company,
    identity: config.identity,
    clock,
    understand: llm.understanding
      ? async (text, session, safetyNet) => {
          const result = await llm.understander.understand({
            text,
            language: session.language,
            recentTurns: session.recentTurns.map((turn) => ({ role: turn.from === 'consumer' ? 'consumer' : 'assistant', text: turn.text })),
          });
          if (result.kind !== 'understood') return undefined;
          const merged = mergeUnderstanding(safetyNet, result);
          return { intents: merged.intents, details: merged.details as Record<string, unknown> };
        }
      : undefined,
  };
  const conversation = new ParleyConversation(services, conversationState);
  // The outbound path needs the channels and the channels need the bot: the bot reaches outbound late.
  const late: { afterTurn?: AfterTurn } = {};
  const bot = new ParleyBot(conversation, (context, data) => late.afterTurn?.(context, data) ?? Promise.resolve());

  const pipeline = new TurnPipeline({
    audit: records.audit,
    turnLock: state.turnLock,
    states: [conversationState],
    logger,
    clock,
    safeFallbackText,
    intake: (activity, chainId) =>
      takeInRights(
        { accounts: records.accounts, flags: records.flags, audit: records.audit, clock },
        { chainId, channelId: activity.channelId, conversationId: activity.conversation.id, from: activity.from?.id ?? '', text: activity.text ?? '' },
      ),
  });
  // The pipeline answers a failed turn itself; what reaches here is a store outage (or a failure to
  // record the safe message), which the channel turns into a 503 or a retry: nothing more is sent.
  const onTurnError = (adapter: ReturnType<typeof createAdapter>) => {
    adapter.onTurnError = async (context, error) => {
      logger.error({ err: error, channel: context.activity.channelId }, 'turn failed');
      throw error;
    };
    return adapter;
  };
  const adapter = onTurnError(createAdapter(config.bot));
  // Channels Parley authenticates itself (Direct Line tokens, Twilio signatures) run turns without Bot Framework auth.
  const internalAdapter = onTurnError(createAdapter({ appType: 'MultiTenant' }));
  let stopping = false;
  const runner = createInternalTurnRunner({ adapter: internalAdapter, bot, pipeline, clock, logger, stopping: () => stopping });

  const conversationLog: ConversationLog = redisForLogs ? await RedisConversationLog.open(redisForLogs) : new MemoryConversationLog();
  const directLine = createDirectLineRouter({
    runner,
    secret: config.directLineSecret,
    allowedOrigins: config.allowedOrigins,
    log: conversationLog,
    rateLimiter: state.rateLimiter,
    logger,
    publicUrl: config.publicUrl,
  });
  const sms = config.twilio
    ? createSmsChannel({
        runner,
        twilio: config.twilio,
        publicUrl: config.publicUrl,
        idempotency: state.idempotency,
        audit: records.audit,
        logger,
        clock,
        maxSegmentsPerPart: 3,
      })
    : undefined;

  const outbound = createOutbound({
    records,
    company,
    logger,
    clock,
    adminToken: config.outbound.adminToken,
    pacingFile: config.outbound.pacingFile,
    senders: { ...(sms ? { sms } : {}), teams: new TeamsProactive(adapter, config.bot.appId), webchat: directLine },
  });
  services.arrangements = outbound.arrangements(records.arrangements);
  late.afterTurn = createContactHooks({ contacts: records.contacts, flags: records.flags, references: outbound.references, scheduler: outbound.records.scheduler, clock, logger });

  const metrics = createMetrics();
  const app = createApp({
    adapter,
    bot,
    pipeline,
    logger,
    metrics,
    bodyLimitBytes: config.bodyLimitBytes,
    metricsToken: config.metricsToken,
    readiness: [
      { name: config.databaseUrl ? 'postgres' : 'pglite', check: () => records.ping() },
      { name: config.redisUrl ? 'redis' : 'memory-state', check: () => state.ping() },
    ],
    extraRoutes: (express) => {
      express.use(directLine.router);
      express.use(outbound.adminRouter);
      if (sms) express.use(sms.router);
      express.use(webChatPageRoutes({ companyName: company.collectorName, supportPhone: company.contactPhone }));
      express.use(
        createConsoleRouter({
          records,
          rateLimiter: state.rateLimiter,
          clock,
          logger,
          sessionTtlMinutes: config.console.sessionTtlMinutes,
          secureCookies: config.env === 'production',
          checkpointKey: config.audit.checkpointKey,
          handoffs: services.handoff,
          // An SMS conversation is keyed by a hash of the number: a search by phone finds it even with no account on file.
          ...(sms ? { phoneConversationKeys: (e164: string) => [`conv:sms:${sms.conversationIdFor(e164)}`] } : {}),
        }).router,
      );
    },
  });

  const server = http.createServer(app);
  directLine.attachWebSocket(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  if (config.outbound.enabled) outbound.start();
  logger.info({ url, records: config.databaseUrl ? 'postgres' : 'pglite', state: config.redisUrl ? 'redis' : 'memory', sms: Boolean(sms) }, 'parley listening');

  let closing: Promise<void> | undefined;
  const shutdown = () => {
    closing ??= (async () => {
      stopping = true;
      await outbound.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await directLine.close();
      server.closeIdleConnections();
      await sms?.idle();
      await pipeline.drain();
      await closed;
      await Promise.allSettled([records.close(), state.close(), conversationLog.close?.(), redisForLogs?.quit()]);
      logger.info('parley stopped');
    })();
    return closing;
  };
  const idle = async () => {
    await sms?.idle();
    await pipeline.drain();
  };
  return { url, server, pipeline, records, handoff, idle, shutdown };
}
