// What a Direct Line conversation holds: who it belongs to and every activity in order. The watermark is
// the count of activities a client has seen, so paging and backlog replay are a slice of the log.
import type { ChannelActivity } from '../types.js';

export interface ConversationMeta {
  conversationId: string;
  /** The user id bound into the conversation's tokens. */
  userId: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface ActivityPage {
  activities: ChannelActivity[];
  /** The count of activities up to and including the last one returned. */
  watermark: number;
}

export interface ConversationLog {
  create(meta: ConversationMeta): Promise<void>;
  get(conversationId: string): Promise<ConversationMeta | undefined>;
  /** True the first time it is called for a conversation (so the bot greets once, whichever instance is asked). */
  markStarted(conversationId: string): Promise<boolean>;
  /**
   * Appends one activity and tells every subscriber (on every instance sharing the log). Resolves to the
   * watermark after it. Throws UnknownConversationError or ConversationFullError.
   */
  append(conversationId: string, activity: ChannelActivity): Promise<number>;
  /** Up to `limit` activities after `watermark`; undefined when the conversation does not exist (or expired). */
  read(conversationId: string, watermark: number, limit: number): Promise<ActivityPage | undefined>;
  /** Calls `listener` after each append to the conversation; returns the unsubscribe function. */
  subscribe(conversationId: string, listener: () => void): () => void;
  close(): Promise<void>;
}

export class UnknownConversationError extends Error {
  override readonly name = 'UnknownConversationError';
  constructor(readonly conversationId: string) {
    super('Unknown or expired Direct Line conversation');
  }
}

export class ConversationFullError extends Error {
  override readonly name = 'ConversationFullError';
  constructor(readonly maxActivities: number) {
    super(`This conversation has reached its limit of ${maxActivities} activities; start a new conversation`);
  }
}

export interface ConversationLogOptions {
  /** How long a conversation is kept after its last activity; default 24 hours. */
  ttlMs?: number;
  /** Activities one conversation may hold; default 2,000. */
  maxActivities?: number;
}

export const DEFAULT_CONVERSATION_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_ACTIVITIES = 2_000;

interface MemoryConversation {
  meta: ConversationMeta;
  activities: ChannelActivity[];
  started: boolean;
  expiresAt: number;
}

/** One instance only: every conversation lives in this process. */
export class MemoryConversationLog implements ConversationLog {
  private readonly conversations = new Map<string, MemoryConversation>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly ttlMs: number;
  private readonly maxActivities: number;
  private lastSweep: number;

  constructor(
    options: ConversationLogOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CONVERSATION_TTL_MS;
    this.maxActivities = options.maxActivities ?? DEFAULT_MAX_ACTIVITIES;
    this.lastSweep = now();
  }

  async create(meta: ConversationMeta): Promise<void> {
    this.sweep();
    this.conversations.set(meta.conversationId, { meta: { ...meta }, activities: [], started: false, expiresAt: this.now() + this.ttlMs });
  }

  async get(conversationId: string): Promise<ConversationMeta | undefined> {
    const conversation = this.live(conversationId);
    return conversation ? { ...conversation.meta } : undefined;
  }

  async markStarted(conversationId: string): Promise<boolean> {
    const conversation = this.live(conversationId);
    if (!conversation) throw new UnknownConversationError(conversationId);
    if (conversation.started) return false;
    conversation.started = true;
    return true;
  }

  async append(conversationId: string, activity: ChannelActivity): Promise<number> {
    const conversation = this.live(conversationId);
    if (!conversation) throw new UnknownConversationError(conversationId);
    if (conversation.activities.length >= this.maxActivities) throw new ConversationFullError(this.maxActivities);
    // A copy, so later changes by the caller do not rewrite history.
    conversation.activities.push(structuredClone(activity));
    conversation.expiresAt = this.now() + this.ttlMs;
    const watermark = conversation.activities.length;
    for (const listener of this.listeners.get(conversationId) ?? []) listener();
    return watermark;
  }

  async read(conversationId: string, watermark: number, limit: number): Promise<ActivityPage | undefined> {
    const conversation = this.live(conversationId);
    if (!conversation) return undefined;
    const from = Math.min(Math.max(0, watermark), conversation.activities.length);
    const activities = conversation.activities.slice(from, from + limit).map((activity) => structuredClone(activity));
    return { activities, watermark: from + activities.length };
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

  async close(): Promise<void> {
    this.listeners.clear();
  }

  private live(conversationId: string): MemoryConversation | undefined {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return undefined;
    if (conversation.expiresAt <= this.now()) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    return conversation;
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [id, conversation] of this.conversations) if (conversation.expiresAt <= now) this.conversations.delete(id);
  }
}
