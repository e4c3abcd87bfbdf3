import express, { type Router } from 'express';
import { iconRoutes, createConsoleSessions, createConsoleUsers, createLegalHolds, createReviews, type RateLimiter, type SqlRecordsStore, type WorkableHandoffQueue } from '../../adapters/index.js';
import type { HandoffQueue } from '../../dialogs/index.js';
import type { Logger } from '../logger.js';
import { buildConsoleAssets } from './assets.js';
import { loadSession } from './auth.js';
import { DEFAULT_SIGN_IN_LIMITS, type ConsoleContext, type SignInLimits } from './context.js';
import { consoleRoutes, mountRoutes, type RouteSpec } from './routes.js';

export interface ConsoleOptions {
  records: SqlRecordsStore;
  rateLimiter: RateLimiter;
  clock: () => Date;
  logger: Logger;
  sessionTtlMinutes: number;
  /** true in production: the cookie is Secure with the __Host- prefix. */
  secureCookies: boolean;
  /** PARLEY_AUDIT_CHECKPOINT_KEY: integrity checks accept chains trimmed by retention only with it. */
  checkpointKey?: string;
  /** The PostgreSQL queue lets supervisors claim and resolve; any HandoffQueue is listed. */
  handoffs?: HandoffQueue | WorkableHandoffQueue;
  /** Conversation keys a phone number names beyond its accounts (e.g. SMS conversation ids, which hash the numbers). */
  phoneConversationKeys?: (e164: string) => string[];
  /** Default: 20 attempts per address and 5 per user in 15 minutes. */
  signInLimits?: SignInLimits;
}

export interface ConsoleRouter {
  router: Router;
  /** The routes, in order: the access tests walk this list. */
  routes: readonly RouteSpec[];
  /** Resolves when the page is built (esbuild, in memory, started at once); rejects with esbuild's message. */
  ready: Promise<void>;
}

/**
 * The compliance console: the audit API under /api/audit and the page under /console. Mount it in
 * the app's extraRoutes: app.use(createConsoleRouter({...}).router). The page is bundled in the
 * background as soon as this is called; a request for it waits for the build.
 */
export function createConsoleRouter(options: ConsoleOptions): ConsoleRouter {
  const client = options.records.sql;
  const assets = buildConsoleAssets();
  // Surfaced through `ready` and the page routes; never an unhandled rejection.
  assets.catch((error: unknown) => options.logger.error({ err: error }, 'the console page could not be built'));
  const ctx: ConsoleContext = {
    client,
    audit: options.records.audit,
    users: createConsoleUsers(client),
    sessions: createConsoleSessions(client),
    reviews: createReviews(client),
    holds: createLegalHolds(client),
    ...(options.handoffs ? { handoffs: options.handoffs } : {}),
    rateLimiter: options.rateLimiter,
    clock: options.clock,
    logger: options.logger,
    cookies: { secure: options.secureCookies },
    sessionTtlMs: options.sessionTtlMinutes * 60_000,
    signInLimits: options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS,
    ...(options.checkpointKey ? { checkpointKey: options.checkpointKey } : {}),
    sourceDescription: options.records.description,
    assets,
    ...(options.phoneConversationKeys ? { phoneConversationKeys: options.phoneConversationKeys } : {}),
  };
  // Strict: /console (redirect) and /console/ (the page) are different routes.
  const router = express.Router({ strict: true });
  router.use(iconRoutes());
  const routes = consoleRoutes(ctx);
  router.use(['/api/audit', '/console'], loadSession({ sessions: ctx.sessions, cookies: ctx.cookies, clock: ctx.clock }));
  mountRoutes(router, routes);
  return { router, routes, ready: assets.then(() => undefined) };
}

export type { RouteSpec } from './routes.js';
export type { Access } from './auth.js';
