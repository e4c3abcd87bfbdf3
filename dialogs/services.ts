import type { TurnContext } from 'botbuilder';
import type { Account, Classification, ConsumerFlags, IntentId, Verdict } from '../guardrails/index.js';
import type { SlotsOf, SpeechActId } from '../knowledge/index.js';
import type {
  AccountRepository,
  ArrangementRepository,
  AuditTrail,
  FlagsRepository,
  HandoffQueue,
  PaymentLinks,
} from './ports.js';
import type { ConversationSession } from './session.js';

export interface SayOutcome {
  speechAct: SpeechActId;
  verdict: Verdict;
  /** What reached the consumer (with disclosures), or null when the gate stopped it. */
  text: string | null;
  /** The rules that stopped it (empty when it was sent). */
  stoppedBy?: string[];
}

/**
 * How a dialog speaks: it names a speech act and its slots; the speaker renders the approved
 * template, lets the phrasing model reword it if configured, puts it through the guardrail gate,
 * and sends what the gate allows. A dialog never holds bot text.
 */
export interface Speaker {
  say<A extends SpeechActId>(context: TurnContext, act: A, slots: SlotsOf<A>): Promise<SayOutcome>;
}

/** What the model understood, merged into the safety net's findings by the caller (it may only add rights). */
export interface Understanding {
  intents: IntentId[];
  details: Record<string, unknown>;
}

export interface CompanyInfo {
  collectorName: string;
  contactPhone: string;
  hours: string;
}

export interface IdentityPolicy {
  /** Tries before the check locks for this conversation. */
  maxAttempts: number;
  lockMinutes: number;
}

export interface DialogServices {
  accounts: AccountRepository;
  flags: FlagsRepository;
  audit: AuditTrail;
  arrangements: ArrangementRepository;
  handoff: HandoffQueue;
  payments: PaymentLinks;
  speaker: Speaker;
  company: CompanyInfo;
  identity: IdentityPolicy;
  clock: () => Date;
  /** The optional model classification; absent or failing means the deterministic safety net alone. */
  /** The model's reading, merged with the safety net's (given, so the message is classified once); it may only add. */
  understand?: (text: string, session: ConversationSession, safetyNet: Pick<Classification, 'intents' | 'details'>) => Promise<Understanding | undefined>;
}

/** Everything a dialog step needs about the current turn, kept on the TurnContext. */
export interface TurnData {
  session: ConversationSession;
  /** The verified consumer's account, loaded for this turn. */
  account?: Account;
  flags?: ConsumerFlags;
  services: DialogServices;
  /** Rights and requests the safety net recognized in this turn's message. */
  intents: IntentId[];
  details: Record<string, unknown>;
  /** Set when a step made progress (doom-loop guard). */
  progressed: boolean;
  /** Replies sent in answer to the latest inbound message (one-reply rule at inconvenient times). */
  repliesSent: number;
  /** Speech acts said this turn, in order (doom-loop guard, tests). */
  saidActs: string[];
}

const TURN_DATA = Symbol.for('parley.turnData');

export function setTurnData(context: TurnContext, data: TurnData): void {
  context.turnState.set(TURN_DATA, data);
}

export function turnData(context: TurnContext): TurnData {
  const data = context.turnState.get(TURN_DATA) as TurnData | undefined;
  if (!data) throw new Error('turn data missing: the conversation handler sets it before any dialog runs');
  return data;
}

export function reachPersonSlots(company: CompanyInfo): { contactPhone: string; hours: string } {
  return { contactPhone: company.contactPhone, hours: company.hours };
}
