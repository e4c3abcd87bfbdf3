import type { Account, Channel, ConsumerFlags, ContactAttempt, ConversationFacts, Language, MinorUnits, PhoneType } from '../domain/index.js';
import type { MessagePurpose } from '../decision/purpose.js';

/** Where the message goes: which number or address, and what kind (work numbers have rules of their own). */
export interface MessageTarget {
  /** The E.164 number or email address; matched against opt-outs and wrong-number reports. */
  address?: string;
  /** If absent, looked up among the account's phones by address; still unknown means the strictest caps apply. */
  type?: PhoneType | 'email' | 'app';
}

/**
 * Everything the gate needs to decide about one outbound message. The gate reads nothing else: no
 * clock, no store. The same request always gives the same decision.
 */
export interface GateRequest {
  account: Account;
  /** The consumer's durable flags; only facts learned at or before `at` are taken into account. */
  flags: ConsumerFlags;
  channel: Channel;
  /** The message's language; disclosures are added in it (1006.18(e)). */
  language: Language;
  /** The text to check: a rendered template, or a model's phrasing of it. */
  draft: string;
  draftSource: 'template' | 'model';
  /** The approved template text the model draft phrased; used when the draft fails its checks. Required for model drafts. */
  fallback?: string;
  purpose: MessagePurpose;
  /**
   * firstCommunication: the initial debt-collector disclosure has not been delivered to this consumer
   * yet (messages before identity verification do not carry it, so keep it true until a verified one
   * has). identityVerified: the reader is known to be the consumer. initiatedBy: 'consumer' only for
   * a reply to a message the consumer just sent; anything Parley sends on its own (a reminder, a
   * follow-up hours later) is 'parley'. Consumer-initiated replies are exempt from the contact window
   * and caps.
   */
  facts: ConversationFacts;
  /** The instant of sending (or of the scheduled attempt). */
  at: Date;
  /** The account's contact history for frequency caps; attempts after `at` are ignored. */
  attempts?: readonly ContactAttempt[];
  /** Amounts (minor units) and dates (YYYY-MM-DD) the speech act's slots legitimately carry. */
  allowedAmounts?: readonly MinorUnits[];
  allowedDates?: readonly string[];
  target?: MessageTarget;
  /**
   * For a consumer-initiated reply: how many messages Parley has already sent in answer to the
   * consumer's latest inbound message. At a time the consumer called inconvenient, only one reply
   * is allowed (1006.6(b)(1), comment 6(b)(1)-2).
   */
  repliesSinceInbound?: number;
  /**
   * false when the speech act is written to reveal no debt (knowledge marks acts so, e.g. the
   * reminder.check-in "personal business matter"): such a message may go before identity is verified,
   * its words still checked for anything that reveals a debt. Absent: treated as revealing one.
   */
  revealsDebt?: boolean;
  /** 'shared' when others can read the conversation (a Teams channel or group chat). Default private. */
  audience?: 'private' | 'shared';
}

/** What a renderer needs to know before writing an SMS body: how much room the disclosures leave. */
export interface SmsBudget {
  encoding: 'GSM-7' | 'UCS-2';
  maxSegments: number;
  /** Units (septets or UTF-16 code units) the whole message may use. */
  capacity: number;
  /** Units the disclosures and separators take. */
  overhead: number;
  /** Units left for the body; negative when the body given does not fit. */
  remaining: number;
}
