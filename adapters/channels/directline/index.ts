// The web chat channel: a Direct Line 3.0 compatible endpoint (see README.md beside this file).
export { createDirectLineRouter, type DirectLineOptions, type DirectLineChannel, type RateLimit } from './router.js';
export {
  MemoryConversationLog,
  UnknownConversationError,
  ConversationFullError,
  DEFAULT_CONVERSATION_TTL_MS,
  DEFAULT_MAX_ACTIVITIES,
  type ConversationLog,
  type ConversationLogOptions,
  type ConversationMeta,
  type ActivityPage,
} from './conversation-log.js';
export { RedisConversationLog, type RedisConversationLogOptions } from './redis-conversation-log.js';
export { MIN_SECRET_LENGTH } from './tokens.js';
export { MAX_TEXT_LENGTH } from './activities.js';
export type { DirectLineLogger } from './logger.js';
// The page that hosts Web Chat on this endpoint, exported here so one line in adapters/index.ts brings the channel.
export { iconRoutes, webChatPageRoutes, type WebChatPageOptions } from '../webchat-page/index.js';
