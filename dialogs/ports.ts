// The ports dialogs and the composition root need; adapters implement them.
import type { Account, ConsumerFlags, ContactAttempt } from '../guardrails/index.js';

export interface UpsertSummary {
  inserted: number;
  updated: number;
}

export interface UpsertOptions {
  /** Called after each batch is written, for progress display. */
  onProgress?: (written: number, total: number) => void;
  /** An audit event appended in the same transaction as the accounts (e.g. the 'import' record). */
  auditEvent?: (summary: UpsertSummary) => AuditEventInput;
}

export interface AccountRepository {
  /** Inserts or updates every account in one transaction: all or nothing. A repeated id: the last one wins. */
  upsertMany(accounts: readonly Account[], options?: UpsertOptions): Promise<UpsertSummary>;
  get(accountId: string): Promise<Account | undefined>;
  /** Accounts on which this E.164 number is one of the consumer's phones. */
  findByPhone(e164: string): Promise<Account[]>;
  count(): Promise<number>;
}

export interface FlagsRepository {
  get(accountId: string): Promise<ConsumerFlags>;
  /**
   * Applies a change atomically (read, change, write under a row lock) and returns the new flags.
   * Unknown accounts are refused.
   */
  update(accountId: string, change: (current: ConsumerFlags) => ConsumerFlags): Promise<ConsumerFlags>;
}

export interface ContactLedger {
  record(attempt: ContactAttempt): Promise<void>;
  /** Attempts on this account at or after `since`, oldest first. */
  listSince(accountId: string, since: Date): Promise<ContactAttempt[]>;
}

export type ScheduledStatus = 'pending' | 'sent' | 'deferred' | 'suppressed' | 'failed';

export interface ScheduledMessage {
  id: string;
  accountId: string;
  channel: ContactAttempt['channel'];
  speechAct: string;
  slots: Record<string, unknown>;
  dueAt: Date;
  status: ScheduledStatus;
  reason?: string;
  createdAt: Date;
}

export interface NewScheduledMessage {
  accountId: string;
  channel: ContactAttempt['channel'];
  speechAct: string;
  slots?: Record<string, unknown>;
  dueAt: Date;
}

export interface ScheduledMessageRepository {
  schedule(message: NewScheduledMessage): Promise<ScheduledMessage>;
  listForAccount(accountId: string): Promise<ScheduledMessage[]>;
}

export type AuditKind =
  | 'inbound'
  | 'outbound'
  | 'decision'
  | 'flag-change'
  | 'import'
  | 'handoff'
  | 'delivery-status'
  | 'console-access'
  | 'system';

export interface AuditEventInput {
  /** The chain this event extends: a conversation id, or "account:<id>", or "system". */
  chainId: string;
  kind: AuditKind;
  accountId?: string;
  conversationId?: string;
  channel?: string;
  /** Structured, already-masked content: text, decision record, flag diff... */
  payload: Record<string, unknown>;
  /** When it happened (the caller's clock, so tests can pin it). */
  at: Date;
}

export interface AuditEvent extends AuditEventInput {
  id: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * How a chain was found broken: an edited event, a removed or reordered one, a removed tail, or a
 * retention checkpoint that is unsigned, forged or does not fit the chain.
 */
export type AuditBreakCode = 'hash-mismatch' | 'prev-hash-mismatch' | 'gap' | 'head-mismatch' | 'checkpoint-invalid';

export type AuditVerification =
  | { ok: true; chains: number; events: number }
  | {
      ok: false;
      chains: number;
      events: number;
      firstBroken: { chainId: string; seq: number; eventId: string; reason: string; code?: AuditBreakCode };
    };

export interface AuditTrail {
  /** Appends to the event's chain; concurrent appends to one chain are serialized by the store. */
  append(event: AuditEventInput): Promise<AuditEvent>;
  listChain(chainId: string): Promise<AuditEvent[]>;
  verify(): Promise<AuditVerification>;
}

/** Accounts, flags, the contact ledger, scheduled messages and the audit trail: the records of PostgreSQL. */
export interface RecordsStore {
  readonly accounts: AccountRepository;
  readonly flags: FlagsRepository;
  readonly contacts: ContactLedger;
  readonly scheduled: ScheduledMessageRepository;
  readonly arrangements: ArrangementRepository;
  readonly audit: AuditTrail;
  /** Throws when the database cannot be reached; /readyz uses it. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A payment arrangement the consumer agreed to, within the creditor's authority. */
export interface Arrangement {
  id: string;
  accountId: string;
  kind: 'plan' | 'settlement' | 'promise' | 'pay-in-full';
  /** Minor units. For a plan: each instalment; for a settlement or promise: the amount. */
  amount: number;
  currency: string;
  /** For a plan: the schedule of due dates (YYYY-MM-DD). For a promise or settlement: one date. */
  dates: string[];
  frequency?: 'weekly' | 'biweekly' | 'monthly';
  conversationId?: string;
  createdAt: Date;
}

export interface ArrangementRepository {
  record(arrangement: Arrangement): Promise<void>;
  listForAccount(accountId: string): Promise<Arrangement[]>;
}

export interface HandoffRequest {
  id: string;
  accountId?: string;
  conversationId: string;
  channel: string;
  reason: 'human_agent' | 'complaint' | 'crisis' | 'doom-loop' | 'identity-locked' | 'hardship' | 'other';
  /** The last turns, masked, so the person taking over does not have to ask again. */
  context: Array<{ from: 'consumer' | 'parley'; text: string; at: string }>;
  requestedAt: Date;
}

/** People waiting to take over a conversation; the console lists the queue. */
export interface HandoffQueue {
  enqueue(request: HandoffRequest): Promise<{ position: number }>;
  list(): Promise<HandoffRequest[]>;
}

export interface PaymentLink {
  url: string;
  reference: string;
  expiresAt: Date;
}

/** Payments never happen in chat: the consumer gets a link to a payment page. */
export interface PaymentLinks {
  create(input: { accountId: string; amount: number; currency: string; purpose: Arrangement['kind']; at: Date }): Promise<PaymentLink>;
}

// ---- Outbound: reminders and follow-ups Parley sends first (issue 8) ----

/** Why an outbound message was scheduled; the planner picks its words and its pacing from it. */
export type OutboundKind = 'payment-due' | 'promise-due' | 'follow-up' | 'check-in' | 'campaign' | 'notice' | 'manual';

/**
 * pending → (deferred →)* sending → sent | failed, or → suppressed | blocked | cancelled.
 * 'sending': the decision and the contact attempt are committed and the channel call is under way.
 */
export type OutboundStatus = 'pending' | 'deferred' | 'sending' | 'sent' | 'suppressed' | 'blocked' | 'failed' | 'cancelled';

export interface NewOutboundMessage {
  accountId: string;
  kind: OutboundKind;
  /** The act to say when the reader is the verified consumer; a check-in that reveals nothing is said otherwise. */
  speechAct: string;
  slots?: Record<string, unknown>;
  dueAt: Date;
  /** 'auto': chosen at send time among the permitted channels, preferring the one the consumer answers on. */
  channel: ContactAttempt['channel'] | 'auto';
  /** After this the message has lost its point (a reminder for a date gone by) and is not sent. */
  expiresAt?: Date;
  /** One message per key and account: scheduling the same key again returns the existing message. */
  dedupeKey?: string;
  /** Who scheduled it: 'arrangement:<id>', 'dialog', 'cli', 'admin', 'campaign:<name>'. */
  source: string;
  /** The arrangement a reminder belongs to (pacing reads it: a promise not yet due, a current plan). */
  arrangement?: { id: string; kind: Arrangement['kind'] };
  /** When the event behind it happened (a follow-up: when the question was asked); default now. A follow-up the consumer answered after it is cancelled. */
  createdAt?: Date;
}

export interface OutboundMessage {
  id: string;
  accountId: string;
  kind: OutboundKind;
  speechAct: string;
  slots: Record<string, unknown>;
  /** The channel asked for, or for an 'auto' message the one chosen when it was sent. */
  channel: ContactAttempt['channel'] | 'auto';
  channelPolicy: 'fixed' | 'auto';
  dueAt: Date;
  firstDueAt: Date;
  status: OutboundStatus;
  reason?: string;
  /** Times the dispatcher decided about it. */
  attempts: number;
  expiresAt?: Date;
  dedupeKey?: string;
  source?: string;
  arrangement?: { id: string; kind: Arrangement['kind'] };
  /** The address it went to, masked. */
  target?: string;
  sentAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface OutboundScheduler {
  /** created: false when a message with the same dedupe key already exists for the account (it is returned). */
  schedule(message: NewOutboundMessage): Promise<{ message: OutboundMessage; created: boolean }>;
  /** Many at once, in one transaction; duplicates by dedupe key are skipped. Resolves to how many were created. */
  scheduleMany(messages: readonly NewOutboundMessage[]): Promise<number>;
  /** Withdraws an open (pending or deferred) message; false when it is not open. Recorded in the audit trail. */
  cancel(id: string, reason: string, at: Date): Promise<boolean>;
  get(id: string): Promise<OutboundMessage | undefined>;
  listForAccount(accountId: string): Promise<OutboundMessage[]>;
  /** How many messages are in each status. */
  counts(): Promise<Record<OutboundStatus, number>>;
}

/** How to reach a consumer proactively in Teams or web chat: saved once the channel user is linked to a verified account. */
export interface StoredConversationReference {
  accountId: string;
  channel: 'teams' | 'webchat';
  /** The channel's user id; a message is treated as reaching the verified consumer only if flags.linkedIdentities holds it. */
  userId: string;
  conversationId: string;
  /** Teams: the Bot Framework ConversationReference (TurnContext.getConversationReference) as JSON. Web chat: {}. */
  reference: Record<string, unknown>;
  /** 'shared' for a Teams channel or group chat: nothing about a debt may be posted there. */
  audience: 'private' | 'shared';
  updatedAt: Date;
}

export interface ConversationReferenceStore {
  /** Replaces the reference kept for this account, channel and user. */
  save(entry: StoredConversationReference): Promise<void>;
  /** Newest first. */
  listForAccount(accountId: string): Promise<StoredConversationReference[]>;
  remove(accountId: string, channel: StoredConversationReference['channel'], userId: string): Promise<void>;
}

/** An arrangement date outbound knows of (from the reminders scheduled for it). */
export interface OutboundCommitment {
  arrangementId: string;
  kind: Arrangement['kind'];
  /** YYYY-MM-DD */
  dueDate: string;
}

/** What the dispatcher reads, inside its transaction and under the account's lock, to decide about one message. */
export interface OutboundContext {
  message: OutboundMessage;
  account: Account;
  flags: ConsumerFlags;
  /** The account's contact history (both directions) over the last 90 days. */
  attempts: ContactAttempt[];
  references: StoredConversationReference[];
  commitments: OutboundCommitment[];
  at: Date;
}

export interface OutboundAuditRecord {
  kind: 'outbound' | 'decision';
  payload: Record<string, unknown>;
}

/** What the decision does to the message, written in the same transaction as the decision's audit event. */
export type OutboundResolution =
  | {
      status: 'sending';
      channel: ContactAttempt['channel'];
      /** The address, masked, kept on the message. */
      target?: string;
      /** Recorded now, before the channel call, so a concurrent decision counts it. */
      attempt: ContactAttempt;
      reason: string;
      audit: OutboundAuditRecord;
    }
  | { status: 'deferred'; dueAt: Date; reason: string; audit: OutboundAuditRecord }
  | { status: 'suppressed' | 'blocked' | 'cancelled' | 'failed'; reason: string; audit: OutboundAuditRecord };

export interface OutboundProcessed {
  message: OutboundMessage;
  resolution: OutboundResolution;
  /** The contact attempt recorded for a message now being sent. */
  attemptId?: string;
}

/** A durable flag change a delivery result calls for (an opt-out a channel reported, the initial disclosure delivered). */
export interface OutboundFlagChange {
  intent: string;
  field: keyof ConsumerFlags;
  summary: Record<string, unknown>;
  apply: (flags: ConsumerFlags) => ConsumerFlags;
}

export interface OutboundDeliveryReport {
  messageId: string;
  accountId: string;
  attemptId: string;
  channel: ContactAttempt['channel'];
  at: Date;
  outcome: 'delivered' | 'failed' | 'opted-out' | 'blocked';
  /** Twilio MessageSids, Teams or Direct Line activity ids. */
  ids?: string[];
  detail?: { errorCode?: number | string; httpStatus?: number; reason?: string; parts?: number };
  flagChanges?: OutboundFlagChange[];
}

export interface OutboundDispatchStore {
  /**
   * Claims the earliest due open message no other dispatcher holds and, in one transaction under a
   * per-account lock, reads its context, lets `decide` resolve it, records the attempt and the audit
   * event, and commits. null when nothing is due.
   */
  processNext(now: Date, decide: (context: OutboundContext) => OutboundResolution): Promise<OutboundProcessed | null>;
  /** After the channel call: the message's final status, the attempt's outcome, failures audited, flag changes applied. */
  completeDelivery(report: OutboundDeliveryReport): Promise<void>;
  /** Messages left in 'sending' since before `olderThan` (a dispatcher stopped mid-send) are marked failed, never resent. */
  recoverStale(olderThan: Date, at: Date): Promise<number>;
}
