import {
  addDays,
  candidateZones,
  currencySchema,
  emptyFlags,
  homeZone,
  zoneSourcesOf,
  zonedInstant,
  type Account,
  type ConsumerFlags,
  type MessagePurpose,
} from '../../guardrails/index.js';
import { describeSpeechAct, isSpeechActId } from '../../knowledge/index.js';
import type { AccountRepository, Arrangement, ArrangementRepository, FlagsRepository, NewOutboundMessage, OutboundKind, OutboundMessage, OutboundScheduler } from '../ports.js';
import { CHECK_IN_ACT } from './plan.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Purposes Parley may write first with; replies, identity questions and confirmations only answer the consumer. */
const OUTBOUND_PURPOSES: ReadonlySet<MessagePurpose> = new Set(['reminder', 'collection', 'cease-notice-ending', 'cease-notice-remedy', 'cease-notice-specific-remedy']);

export const OUTBOUND_KINDS: readonly OutboundKind[] = ['payment-due', 'promise-due', 'follow-up', 'check-in', 'campaign', 'notice', 'manual'];

/** A request to schedule that cannot be right (unknown act, wrong slots, a reply-only act): says what to fix. */
export class OutboundRequestError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'OutboundRequestError';
  }
}

/** Checks the act and its slots against the catalogue before anything is stored: a bad message is refused now, not at send time. */
export function validateOutbound(message: NewOutboundMessage): void {
  const problems: string[] = [];
  if (!OUTBOUND_KINDS.includes(message.kind)) problems.push(`kind must be one of ${OUTBOUND_KINDS.join(', ')}`);
  if (Number.isNaN(message.dueAt.getTime())) problems.push('dueAt is not a valid instant');
  if (message.expiresAt && message.expiresAt.getTime() <= message.dueAt.getTime()) problems.push('expiresAt must be after dueAt');
  if (!isSpeechActId(message.speechAct)) {
    problems.push(`unknown speech act ${message.speechAct}`);
  } else {
    const info = describeSpeechAct(message.speechAct);
    if (!OUTBOUND_PURPOSES.has(info.purpose)) problems.push(`${message.speechAct} is a ${info.purpose} act: Parley only writes first with reminders, collection messages and the cease notices`);
    // The check-in's slots (name, company, phone, hours) are filled in when it is planned.
    if (message.speechAct !== CHECK_IN_ACT) {
      const parsed = info.schema.safeParse(message.slots ?? {});
      if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `slots.${issue.path.join('.') || '(all)'}: ${issue.message}`));
    }
  }
  if (problems.length > 0) throw new OutboundRequestError(problems);
}

/** Schedules one message after checking it (the CLI and the admin API come through here). */
export function scheduleOutbound(scheduler: OutboundScheduler, message: NewOutboundMessage): Promise<{ message: OutboundMessage; created: boolean }> {
  validateOutbound(message);
  return scheduler.schedule(message);
}

export interface ArrangementReminderOptions {
  /** Days before each due date the reminder is due. Default 1. */
  daysBefore?: number;
  /** Local time (HH:MM, in the consumer's home zone) the reminder is due. Default 10:00. */
  localTime?: string;
  /** The optional payment link slot of reminder.payment-due. */
  paymentUrl?: string;
}

/**
 * The reminders an arrangement calls for: one per due date, due the day before at 10:00 in the
 * consumer's home zone, expiring when the due date ends there. Each carries a dedupe key, so recording
 * the same arrangement twice schedules nothing new. Dates whose reminder time has passed are skipped.
 */
export function remindersForArrangement(arrangement: Arrangement, account: Account, flags: ConsumerFlags = emptyFlags(), options: ArrangementReminderOptions = {}): NewOutboundMessage[] {
  const zone = homeZone(candidateZones(zoneSourcesOf(account, flags)));
  const daysBefore = options.daysBefore ?? 1;
  const clock = options.localTime ?? '10:00';
  const currency = currencySchema.safeParse(arrangement.currency).success ? (arrangement.currency as Account['debt']['currency']) : account.debt.currency;
  const kind: OutboundKind = arrangement.kind === 'plan' ? 'payment-due' : 'promise-due';
  const messages: NewOutboundMessage[] = [];
  for (const dueDate of [...new Set(arrangement.dates)].sort()) {
    const day = addDays(dueDate, -daysBefore);
    const dueAt = zone ? zonedInstant(zone, day, clock) : new Date(`${day}T15:00:00Z`);
    const expiresAt = zone ? zonedInstant(zone, addDays(dueDate, 1), '00:00') : new Date(`${addDays(dueDate, 1)}T12:00:00Z`);
    if (dueAt.getTime() <= arrangement.createdAt.getTime()) continue;
    messages.push({
      accountId: arrangement.accountId,
      kind,
      speechAct: 'reminder.payment-due',
      slots: { amount: { amount: arrangement.amount, currency }, dueDate, ...(options.paymentUrl ? { url: options.paymentUrl } : {}) },
      dueAt,
      expiresAt,
      channel: 'auto',
      dedupeKey: `arrangement:${arrangement.id}:${dueDate}`,
      source: `arrangement:${arrangement.id}`,
      arrangement: { id: arrangement.id, kind: arrangement.kind },
    });
  }
  return messages;
}

/** Schedules the reminders of an arrangement the consumer just agreed to; resolves to how many are new. */
export function scheduleForArrangement(
  scheduler: OutboundScheduler,
  arrangement: Arrangement,
  account: Account,
  flags?: ConsumerFlags,
  options?: ArrangementReminderOptions,
): Promise<number> {
  return scheduler.scheduleMany(remindersForArrangement(arrangement, account, flags, options));
}

export interface FollowUpRequest {
  accountId: string;
  /** The conversation in which the question went unanswered. */
  conversationId: string;
  /** When Parley asked (e.g. told the balance and asked how the consumer wants to go on). */
  askedAt: Date;
  /** Hours of silence before the follow-up is due. Default 48. */
  afterHours?: number;
}

/**
 * A follow-up when a question goes unanswered: a check-in that reveals nothing, due after a silence,
 * expiring after a week. If the consumer writes in before it goes, it is cancelled at send time.
 * One per conversation and day.
 */
export function followUpFor(request: FollowUpRequest): NewOutboundMessage {
  const dueAt = new Date(request.askedAt.getTime() + (request.afterHours ?? 48) * HOUR_MS);
  return {
    accountId: request.accountId,
    kind: 'follow-up',
    speechAct: CHECK_IN_ACT,
    slots: {},
    dueAt,
    expiresAt: new Date(dueAt.getTime() + 7 * DAY_MS),
    channel: 'auto',
    dedupeKey: `follow-up:${request.conversationId}:${request.askedAt.toISOString().slice(0, 10)}`,
    source: 'dialog',
    createdAt: request.askedAt,
  };
}

export function scheduleFollowUp(scheduler: OutboundScheduler, request: FollowUpRequest): Promise<{ message: OutboundMessage; created: boolean }> {
  return scheduler.schedule(followUpFor(request));
}

export interface ReminderWiring {
  scheduler: OutboundScheduler;
  accounts: Pick<AccountRepository, 'get'>;
  flags: Pick<FlagsRepository, 'get'>;
  options?: ArrangementReminderOptions;
  /** Told when the reminders could not be scheduled; the arrangement itself stays recorded. */
  onError?: (error: unknown, arrangement: Arrangement) => void;
}

/**
 * An ArrangementRepository that schedules the arrangement's reminders once it is recorded, so the
 * dialogs need not know about outbound: wire it in place of the plain repository.
 */
export function withArrangementReminders(inner: ArrangementRepository, wiring: ReminderWiring): ArrangementRepository {
  return {
    listForAccount: (accountId) => inner.listForAccount(accountId),
    async record(arrangement) {
      await inner.record(arrangement);
      try {
        const account = await wiring.accounts.get(arrangement.accountId);
        if (!account) throw new Error(`account ${arrangement.accountId} is not in the records`);
        await scheduleForArrangement(wiring.scheduler, arrangement, account, await wiring.flags.get(arrangement.accountId), wiring.options);
      } catch (error) {
        if (!wiring.onError) throw error;
        wiring.onError(error, arrangement);
      }
    },
  };
}
