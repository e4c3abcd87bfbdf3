import http from 'node:http';
import { ConversationState, UserState } from 'botbuilder';
import { openRecordsStore, openStateStores } from '../../adapters/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { loadDemoPortfolioIfEmpty } from '../demo/index.js';
import { TurnPipeline } from '../turn/pipeline.js';
import { SkeletonBot } from '../turn/skeleton-bot.js';
import { createAdapter } from './adapter.js';
import { createApp } from './app.js';
import { createMetrics } from './metrics.js';

export interface RunningParley {
  url: string;
  server: http.Server;
  pipeline: TurnPipeline;
  /** Stops accepting connections, lets in-flight turns finish, closes the stores. */
  shutdown(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clock?: () => Date;
}

/** The composition root: opens the stores, wires the bot, listens. */
export async function startParley(config: Config, options: StartOptions): Promise<RunningParley> {
  const { logger } = options;
  const clock = options.clock ?? (() => new Date());
  const records = await openRecordsStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const state = await openStateStores({ redisUrl: config.redisUrl });
  try {
    if (config.loadDemo) {
      const { loaded } = await loadDemoPortfolioIfEmpty(records, clock());
      if (loaded > 0) logger.info({ loaded }, 'demo portfolio loaded into an empty database');
    }
  } catch (error) {
    await Promise.allSettled([records.close(), state.close()]);
    throw error;
  }

  const conversationState = new ConversationState(state.storage);
  const userState = new UserState(state.storage);
  const safeFallbackText = () =>
    `Sorry, I can't help with that right now. To reach a person at ${config.company.name}, call ${config.company.humanPhone} (${config.company.humanHours}).`;
  const pipeline = new TurnPipeline({
    audit: records.audit,
    turnLock: state.turnLock,
    states: [conversationState, userState],
    logger,
    clock,
    safeFallbackText,
  });
  const adapter = createAdapter(config.bot);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, channel: context.activity.channelId }, 'turn failed');
    await context.sendActivity(safeFallbackText());
  };
  const bot = new SkeletonBot(conversationState);
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
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ url, records: config.databaseUrl ? 'postgres' : 'pglite', state: config.redisUrl ? 'redis' : 'memory' }, 'parley listening');

  let closing: Promise<void> | undefined;
  const shutdown = () => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await pipeline.drain();
      await closed;
      await Promise.allSettled([records.close(), state.close()]);
      logger.info('parley stopped');
    })();
    return closing;
  };
  return { url, server, pipeline, shutdown };
}
