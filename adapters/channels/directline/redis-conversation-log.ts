// Direct Line conversations in Redis, so every Parley instance serves the same conversations: a list of
// activities per conversation with a sliding TTL, and one pub/sub channel that tells each instance which
// conversation grew (its WebSocket clients then read the list from their own watermark).
import { createHash } from 'node:crypto';
import { RedisUnavailableError, type RedisConnection } from '../../state/index.js';
import type { ChannelActivity } from '../types.js';
import {
  ConversationFullError,
  DEFAULT_CONVERSATION_TTL_MS,
  DEFAULT_MAX_ACTIVITIES,
  UnknownConversationError,
  type ActivityPage,
  type ConversationLog,
  type ConversationLogOptions,
  type ConversationMeta,
} from './conversation-log.js';

// KEYS: meta, log, started. ARGV: activity JSON, ttl ms, max activities, channel, conversation id.
const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('LLEN', KEYS[2]) >= tonumber(ARGV[3]) then return -2 end
local n = redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[2]) end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return n
`;
const APPEND_SHA = createHash('sha1').update(APPEND).digest('hex');

export interface RedisConversationLogOptions extends ConversationLogOptions {
  /** Namespace of every key; default "parley:". Give each test its own. */
  keyPrefix?: string;
}

export class RedisConversationLog implements ConversationLog {
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly ttlMs: number;
  private readonly maxActivities: number;
  private readonly prefix: string;
  private readonly channel: string;

  private constructor(
    private readonly client: RedisConnection,
    private readonly subscriber: RedisConnection,
    options: RedisConversationLogOptions,
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CONVERSATION_TTL_MS;
    this.maxActivities = options.maxActivities ?? DEFAULT_MAX_ACTIVITIES;
    this.prefix = `${options.keyPrefix ?? 'parley:'}dl:`;
    this.channel = `${this.prefix}appended`;
  }

  /** Opens a second connection for pub/sub (a subscribed connection can run no other command). */
  static async open(client: RedisConnection, options: RedisConversationLogOptions = {}): Promise<RedisConversationLog> {
    const subscriber = client.duplicate();
    // Errors are reported by the main connection's owner; this one reconnects on its own and resubscribes.
    subscriber.on('error', () => {});
    try {
      await subscriber.connect();
      const log = new RedisConversationLog(client, subscriber, options);
      await subscriber.subscribe(log.channel, (conversationId) => log.notify(conversationId));
      return log;
    } catch (error) {
      subscriber.destroy();
      throw new RedisUnavailableError('subscribing to Direct Line conversation updates', error);
    }
  }

  async create(meta: ConversationMeta): Promise<void> {
    await this.via('creating a conversation', () =>
      this.client.set(this.key(meta.conversationId, 'meta'), JSON.stringify(meta), { expiration: { type: 'PX', value: this.ttlMs } }),
    );
  }

  async get(conversationId: string): Promise<ConversationMeta | undefined> {
    const raw = await this.via('reading a conversation', () => this.client.get(this.key(conversationId, 'meta')));
    return typeof raw === 'string' ? (JSON.parse(raw) as ConversationMeta) : undefined;
  }

  async markStarted(conversationId: string): Promise<boolean> {
    if (!(await this.get(conversationId))) throw new UnknownConversationError(conversationId);
    const reply = await this.via('marking a conversation started', () =>
      this.client.set(this.key(conversationId, 'started'), '1', { condition: 'NX', expiration: { type: 'PX', value: this.ttlMs } }),
    );
    return reply === 'OK';
  }

  async append(conversationId: string, activity: ChannelActivity): Promise<number> {
    const keys = [this.key(conversationId, 'meta'), this.key(conversationId, 'log'), this.key(conversationId, 'started')];
    const args = [JSON.stringify(activity), String(this.ttlMs), String(this.maxActivities), this.channel, conversationId];
    const reply = Number(
      await this.via('appending an activity', async () => {
        try {
          return await this.client.evalSha(APPEND_SHA, { keys, arguments: args });
        } catch (error) {
          if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
          return this.client.eval(APPEND, { keys, arguments: args });
        }
      }),
    );
    if (reply === -1) throw new UnknownConversationError(conversationId);
    if (reply === -2) throw new ConversationFullError(this.maxActivities);
    return reply;
  }

  async read(conversationId: string, watermark: number, limit: number): Promise<ActivityPage | undefined> {
    const log = this.key(conversationId, 'log');
    const [exists, length] = (await this.via('reading activities', () =>
      this.client.multi().exists(this.key(conversationId, 'meta')).lLen(log).exec(),
    )) as unknown as [number, number];
    if (Number(exists) === 0) return undefined;
    const from = Math.min(Math.max(0, watermark), Number(length));
    if (from >= Number(length)) return { activities: [], watermark: from };
    const items = await this.via('reading activities', () => this.client.lRange(log, from, from + limit - 1));
    return { activities: items.map((item) => JSON.parse(item) as ChannelActivity), watermark: from + items.length };
  }

  subscribe(conversationId: string, listener: () => void): () => void {
    let set = this.listeners.get(conversationId);
    if (!set) {
      set = new Set();
      this.listeners.set(conversationId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(conversationId) === set) this.listeners.delete(conversationId);
    };
  }

  /** Closes the pub/sub connection only: the main connection belongs to whoever opened it. */
  async close(): Promise<void> {
    this.listeners.clear();
    if (!this.subscriber.isOpen) return;
    if (this.subscriber.isReady) await this.subscriber.close();
    else this.subscriber.destroy();
  }

  private notify(conversationId: string): void {
    for (const listener of this.listeners.get(conversationId) ?? []) listener();
  }

  // A hash tag keeps one conversation's keys on one Redis Cluster slot (the append script touches them all).
  private key(conversationId: string, part: 'meta' | 'log' | 'started'): string {
    return `${this.prefix}{${conversationId}}:${part}`;
  }

  private async via<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw error instanceof RedisUnavailableError ? error : new RedisUnavailableError(operation, error);
    }
  }
}
