import type {
  AuditTrail,
  HandoffQueue,
} from '../../dialogs/index.js';
import type { ConsoleSessions, ConsoleUsers, LegalHolds, RateLimiter, Reviews, SqlClient, WorkableHandoffQueue } from '../../adapters/index.js';
import type { Logger } from '../logger.js';
import type { ConsoleAssets } from './assets.js';
import type { CookieSettings } from './cookies.js';

export interface SignInLimits {
  perIp: number;
  perUser: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perIp: 20, perUser: 5, windowMs: 15 * 60_000 };

/** Everything the console's routes use, built once by createConsoleRouter. */
export interface ConsoleContext {
  client: SqlClient;
  audit: AuditTrail;
  users: ConsoleUsers;
  sessions: ConsoleSessions;
  reviews: Reviews;
  holds: LegalHolds;
  handoffs?: HandoffQueue | WorkableHandoffQueue;
  rateLimiter: RateLimiter;
  clock: () => Date;
  logger: Logger;
  cookies: CookieSettings;
  sessionTtlMs: number;
  /** Sign-in attempts allowed per client address and per user in a sliding window. */
  signInLimits: SignInLimits;
  checkpointKey?: string;
  sourceDescription: string;
  /** The page, bundled when the router is created. */
  assets: Promise<ConsoleAssets>;
  phoneConversationKeys?: (e164: string) => string[];
}
