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

/** How a chain was found broken: an edited event, a removed or reordered one, or a removed tail. */
export type AuditBreakCode = 'hash-mismatch' | 'prev-hash-mismatch' | 'gap' | 'head-mismatch';

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
