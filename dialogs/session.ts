import type { Channel, Language } from '../guardrails/index.js';
import type { IdentityFactors } from './identity/factors.js';

/** What Parley remembers about one conversation between turns (conversation state, Redis or memory). */
export interface ConversationSession {
  channel: Channel;
  language: Language;
  /** The automated-assistant notice has been given in this conversation. */
  greeted: boolean;
  /** Accounts this conversation may be about (matched by phone, or named by a reference); none revealed. */
  candidateAccountIds: string[];
  /** The account the verified consumer holds; set only by the identity check. */
  accountId?: string;
  verified: boolean;
  identity: {
    failures: number;
    lockedUntil?: string;
    /** What the consumer has said toward the check so far; cleared once it succeeds or fails. */
    factors?: IdentityFactors;
  };
  /** The person writing said they are not the consumer (unverified): nothing more is shared, whatever they ask. */
  wrongPerson?: boolean;
  /** The pre-verification notice (a personal business matter for the named consumer) has been given. */
  introduced?: boolean;
  /** The last reply offered a person: a plain "yes" next takes the consumer to one. */
  personOffered?: boolean;
  /** The consumer's own address on this channel (E.164 for SMS, user id for Teams). */
  address?: string;
  /** What the consumer wanted before verification, resumed after it (with what the safety net read). */
  pendingIntent?: string;
  pendingDetails?: Record<string, unknown>;
  pendingSaid?: string;
  /** A possible right asked about in the last reply: a bare yes acts on it, a bare no drops it. */
  confirming?: { intent: string; details: Record<string, unknown>; said: string };
  /** Doom-loop guard: the last question asked, how often it failed, and turns without progress. */
  lastQuestion?: string;
  questionFailures: number;
  turnsWithoutProgress: number;
  /** Speech acts said in the last turn that made no progress (same question asked again = a failure). */
  lastActs: string[];
  /** The last few turns, masked, handed to a person on hand-off and to the phrasing model. */
  recentTurns: Array<{ from: 'consumer' | 'parley'; text: string; at: string }>;
}

export function newSession(channel: Channel, language: Language): ConversationSession {
  return {
    channel,
    language,
    greeted: false,
    candidateAccountIds: [],
    verified: false,
    identity: { failures: 0 },
    questionFailures: 0,
    turnsWithoutProgress: 0,
    lastActs: [],
    recentTurns: [],
  };
}

const RECENT_TURNS_KEPT = 8;

export function rememberTurn(session: ConversationSession, from: 'consumer' | 'parley', text: string, at: Date): void {
  session.recentTurns.push({ from, text, at: at.toISOString() });
  if (session.recentTurns.length > RECENT_TURNS_KEPT) session.recentTurns.splice(0, session.recentTurns.length - RECENT_TURNS_KEPT);
}
