import {
  DEFAULT_PACING,
  candidateZones,
  contactPreference,
  describeAnswers,
  disclosureText,
  evaluate,
  evaluatePacing,
  homeZoneOf,
  localDate,
  maskPhone,
  nextLocalHour,
  ruleSetFor,
  situationsOf,
  zoneSourcesOf,
  type Account,
  type Channel,
  type ConsumerFlags,
  type ContactAttempt,
  type ContactPreference,
  type GateDecision,
  type GateRequest,
  type Language,
  type MessagePurpose,
  type MessageTarget,
  type PacingPolicy,
  type RuleApplication,
} from '../../guardrails/index.js';
import { describeSpeechAct, renderAct, type Rendered } from '../../knowledge/index.js';
import type { OutboundCommitment, OutboundKind, StoredConversationReference } from '../ports.js';
import type { CompanyInfo } from '../services.js';

/** The channels Parley can write first on: SMS to a number on file, Teams and web chat through a stored conversation. */
export type OutboundChannel = 'sms' | 'teams' | 'webchat';
export const OUTBOUND_CHANNELS: readonly OutboundChannel[] = ['sms', 'teams', 'webchat'];

/** The act said instead when the reader may not be the consumer: a personal business matter, nothing more. */
export const CHECK_IN_ACT = 'reminder.check-in';

/** The part of a scheduled message planning reads. */
export interface PlanMessage {
  kind: OutboundKind;
  speechAct: string;
  slots: Record<string, unknown>;
  channel: Channel | 'auto';
  /** pending: first time it is due (the preferred hour may still move it); deferred: send at the first permitted instant. */
  status: 'pending' | 'deferred';
  createdAt: Date;
  expiresAt?: Date;
  arrangement?: { id: string; kind: OutboundCommitment['kind'] };
}

export interface PlanInput {
  message: PlanMessage;
  account: Account;
  flags: ConsumerFlags;
  /** Contact history, both directions; the last 90 days are enough. */
  attempts: readonly ContactAttempt[];
  references?: readonly StoredConversationReference[];
  commitments?: readonly OutboundCommitment[];
  pacing?: PacingPolicy;
  company: CompanyInfo;
  /** Channels a sender is configured for; others are not considered. Default: all three. */
  deliverable?: readonly OutboundChannel[];
  at: Date;
}

export type PlanVerdict = 'send' | 'defer' | 'suppress' | 'block' | 'cancel';

/** One channel and address considered, and what the gate said about it. */
export interface CandidateSummary {
  channel: OutboundChannel;
  /** Masked number, or the conversation kind. */
  target: string;
  verified: boolean;
  verdict: GateDecision['verdict'] | 'not-evaluated';
  deferUntil?: string;
  violations: string[];
}

export interface OutboundChoice {
  channel?: OutboundChannel;
  /** Why this channel and this time, in words for the officer. */
  why: string;
  history: { answers: ContactPreference['answers']; total: number; preferredChannel?: Channel; usualHour?: { zone: string; hour: number; answers: number } };
  candidates: CandidateSummary[];
}

export interface OutboundPlan {
  verdict: PlanVerdict;
  /** The rule or policy that decided, for summaries: a gate rule id, pacing-hardship, preferred-hour, expired, answered... */
  reasonId: string;
  reason: string;
  deferUntil?: Date;
  channel?: OutboundChannel;
  /** Where to deliver (the number itself, or the stored conversation); never logged. */
  target?: MessageTarget & { reference?: StoredConversationReference };
  /** The target as it may be shown and audited. */
  maskedTarget?: string;
  /** The reader is known to be the consumer (a conversation linked at verification). */
  verified: boolean;
  /** The act actually said (the check-in when the scheduled act would reveal the debt to an unverified reader). */
  speechAct: string;
  purpose?: MessagePurpose;
  /** The final text with its disclosures, for send. */
  text?: string;
  /** SMS: the opt-out notice the gate appended, kept whole when the text is split. */
  optOutNotice?: string;
  /** The gate's decision record behind the verdict (pacing and preferred-hour holds added to it); null when no channel could be evaluated. */
  decision: GateDecision | null;
  choice: OutboundChoice;
  pacing?: RuleApplication;
  /** The initial debt-collector disclosure has not yet reached the verified consumer. */
  firstCommunication: boolean;
}

interface Candidate {
  channel: OutboundChannel;
  target: MessageTarget & { reference?: StoredConversationReference };
  masked: string;
  verified: boolean;
  audience: 'private' | 'shared';
  /** Order of preference, set once the consumer's habits are known (see rankOf). */
  rank: number;
}

interface Evaluated {
  candidate: Candidate;
  speechAct: string;
  rendered: Rendered;
  request: GateRequest;
  decision: GateDecision;
  substitution?: string;
}

const HOUR_MS = 3_600_000;
const POLICY = 'Parley policy';

function learned(at: string | undefined, now: number): boolean {
  return at !== undefined && Date.parse(at) <= now;
}

/**
 * The channels and addresses the consumer can be reached at. Those whose channel has no sender on
 * this instance are set apart: the message waits for an instance (or a configuration) that has one.
 */
function candidatesFor(input: PlanInput, now: number): { candidates: Candidate[]; missing: string[]; noSender: OutboundChannel[] } {
  const wanted: readonly OutboundChannel[] = input.message.channel === 'auto' ? OUTBOUND_CHANNELS : OUTBOUND_CHANNELS.filter((c) => c === input.message.channel);
  const deliverable = input.deliverable ?? OUTBOUND_CHANNELS;
  const candidates: Candidate[] = [];
  const missing: string[] = [];
  const noSender: OutboundChannel[] = [];
  if (input.message.channel !== 'auto' && wanted.length === 0) missing.push(`Parley cannot write first by ${input.message.channel}`);
  for (const channel of wanted) {
    const before = candidates.length;
    if (channel === 'sms') {
      // Texts go to mobile numbers (and numbers of unknown kind); a home or work line is not texted.
      for (const phone of input.account.consumer.phones) {
        if (phone.type !== 'mobile' && phone.type !== 'other') continue;
        candidates.push({ channel, target: { address: phone.number, type: phone.type }, masked: maskPhone(phone.number), verified: false, audience: 'private', rank: 0 });
      }
    } else {
      for (const reference of input.references ?? []) {
        if (reference.channel !== channel) continue;
        const verified = input.flags.linkedIdentities.some((link) => link.channel === channel && link.id === reference.userId && learned(link.at, now));
        candidates.push({
          channel,
          target: { type: 'app', reference },
          masked: `${channel} conversation${verified ? ' of the verified consumer' : ''}`,
          verified,
          audience: reference.audience,
          rank: 0,
        });
      }
    }
    if (candidates.length === before) missing.push(channel === 'sms' ? 'no mobile number on file' : `no stored ${channel} conversation`);
    else if (!deliverable.includes(channel)) {
      candidates.length = before;
      noSender.push(channel);
    }
  }
  return { candidates, missing, noSender };
}

function languageOf(input: PlanInput): Language {
  return input.flags.language ?? input.account.consumer.preferredLanguage;
}

function checkInSlots(input: PlanInput): Record<string, unknown> {
  return { firstName: input.account.consumer.firstName, collectorName: input.company.collectorName, contactPhone: input.company.contactPhone, hours: input.company.hours };
}

/**
 * Renders are pure and a portfolio repeats the same few (a check-in differs only by first name):
 * remembered by act, language, country and slots. Bounded so a long-running process stays small.
 */
const renders = new Map<string, Rendered>();

function renderCached(speechAct: string, slots: Record<string, unknown>, language: Language, country: string): Rendered {
  const key = `${speechAct}\u0000${language}\u0000${country}\u0000${JSON.stringify(slots)}`;
  let rendered = renders.get(key);
  if (!rendered) {
    rendered = renderAct(speechAct, slots, language, { country });
    if (renders.size >= 5_000) renders.clear();
    renders.set(key, rendered);
  }
  return rendered;
}

function evaluateCandidate(input: PlanInput, candidate: Candidate, firstCommunication: boolean): Evaluated {
  const message = input.message;
  let speechAct = message.speechAct;
  let slots = message.slots;
  let substitution: string | undefined;
  if (speechAct === CHECK_IN_ACT) slots = { ...checkInSlots(input), ...slots };
  else if (describeSpeechAct(speechAct).revealsDebt && !candidate.verified) {
    substitution = `${candidate.masked} may not be read by the consumer alone, and ${speechAct} would reveal the debt: the check-in that reveals nothing is sent instead`;
    speechAct = CHECK_IN_ACT;
    slots = checkInSlots(input);
  }
  const language = languageOf(input);
  const rendered = renderCached(speechAct, slots, language, input.account.consumer.address.country);
  const request: GateRequest = {
    account: input.account,
    flags: input.flags,
    channel: candidate.channel,
    language,
    draft: rendered.text,
    draftSource: 'template',
    purpose: rendered.purpose,
    revealsDebt: rendered.revealsDebt,
    facts: { firstCommunication, identityVerified: candidate.verified, initiatedBy: 'parley' },
    at: input.at,
    attempts: input.attempts,
    allowedAmounts: rendered.amounts,
    allowedDates: rendered.dates,
    target: { ...(candidate.target.address ? { address: candidate.target.address } : {}), ...(candidate.target.type ? { type: candidate.target.type } : {}) },
    audience: candidate.audience,
  };
  return { candidate, speechAct, rendered, request, decision: evaluate(request), ...(substitution ? { substitution } : {}) };
}

/** Outcomes settled before any channel is evaluated (expired, answered, no channel, unwritable). */
function settledEarly(input: PlanInput, base: Pick<OutboundPlan, 'verified' | 'speechAct' | 'firstCommunication'>, history: OutboundChoice['history'], verdict: PlanVerdict, ruleId: string, reason: string): OutboundPlan {
  const rule = { ruleId, citation: POLICY, reason };
  const decision = policyDecision(input.account, input.at, verdict === 'defer' ? 'defer' : 'suppress', rule);
  if (verdict === 'defer') decision.deferUntil = new Date(input.at.getTime() + HOUR_MS);
  return { ...base, verdict, reasonId: ruleId, reason, decision, choice: { why: reason, history, candidates: [] } };
}

/** Lower goes first: the consumer's own channel, then conversations that reach the verified consumer, then the default order. */
function rankOf(candidate: Candidate, preferred: Channel | undefined): number {
  return (candidate.channel === preferred ? 0 : 100) + (candidate.verified ? 0 : 10) + OUTBOUND_CHANNELS.indexOf(candidate.channel);
}

function byRank(a: Candidate, b: Candidate): number {
  return a.rank - b.rank;
}

function byDeferral(a: Evaluated, b: Evaluated): number {
  return (a.decision.deferUntil?.getTime() ?? 0) - (b.decision.deferUntil?.getTime() ?? 0) || a.candidate.rank - b.candidate.rank;
}

function summarize(evaluated: Evaluated): CandidateSummary {
  const { candidate, decision } = evaluated;
  return {
    channel: candidate.channel,
    target: candidate.masked,
    verified: candidate.verified,
    verdict: decision.verdict,
    ...(decision.deferUntil ? { deferUntil: decision.deferUntil.toISOString() } : {}),
    violations: decision.violations.map((v) => v.ruleId),
  };
}

/** A decision record for an outcome decided before or beside the gate (expired, answered, no channel), in the gate's shape. */
function policyDecision(account: Account, at: Date, verdict: GateDecision['verdict'], rule: RuleApplication): GateDecision {
  return { verdict, text: null, disclosures: [], rules: [rule], violations: [rule], packVersion: ruleSetFor(account.jurisdictions).version, at };
}

/** The gate's decision with a hold of Parley's own added: defer until `until`, the rule named among the reasons. */
function held(decision: GateDecision, until: Date, rule: RuleApplication): GateDecision {
  return { ...decision, verdict: 'defer', deferUntil: until, rules: [...decision.rules, rule], violations: [...decision.violations, rule] };
}

function firstReason(decision: GateDecision): RuleApplication {
  return decision.violations[0] ?? { ruleId: 'gate', citation: POLICY, reason: decision.verdict };
}

/**
 * Plans one scheduled message at an instant: which channel and address, which words, and whether it
 * goes now, waits until a given instant, or not at all. Every channel's draft goes through the gate;
 * among what the gate allows, the consumer's own habits choose, and pacing may hold back more than the
 * law requires. Pure: same input, same plan.
 */
export function planOutbound(input: PlanInput): OutboundPlan {
  const { message, account, flags, at } = input;
  const now = at.getTime();
  const pacingPolicy = input.pacing ?? DEFAULT_PACING;
  const firstCommunication = !learned(flags.initialDisclosureAt, now);
  const zone = homeZoneOf(account, flags, () => candidateZones(zoneSourcesOf(account, flags)));
  const preference = contactPreference(input.attempts, zone, at);
  const history: OutboundChoice['history'] = {
    answers: preference.answers,
    total: preference.total,
    ...(preference.channel ? { preferredChannel: preference.channel } : {}),
    ...(preference.hour ? { usualHour: preference.hour } : {}),
  };
  const base = { verified: false, speechAct: message.speechAct, firstCommunication };

  if (message.expiresAt && now >= message.expiresAt.getTime()) {
    return settledEarly(input, base, history, 'suppress', 'expired', `the message lost its point at ${message.expiresAt.toISOString()} (a reminder for a date gone by)`);
  }
  if (message.kind === 'follow-up') {
    const answered = input.attempts.find((a) => a.initiatedBy === 'consumer' && Date.parse(a.at) > message.createdAt.getTime() && Date.parse(a.at) <= now);
    if (answered) return settledEarly(input, base, history, 'cancel', 'answered', `the consumer wrote in by ${answered.channel} on ${answered.at}, after this follow-up was scheduled: it is not needed`);
  }

  const { candidates, missing, noSender } = candidatesFor(input, now);
  if (candidates.length === 0 && noSender.length > 0) {
    const reason = `the consumer can be reached by ${noSender.join(', ')}, but no sender for it is configured on this instance: tried again in an hour`;
    const plan = settledEarly(input, base, history, 'defer', 'no-sender', reason);
    plan.deferUntil = new Date(now + HOUR_MS);
    return plan;
  }
  if (candidates.length === 0) return settledEarly(input, base, history, 'suppress', 'no-channel', `no way to reach the consumer: ${missing.join('; ')}`);

  // Candidates in order of preference; the first the gate lets through now wins, so the ones after it
  // need no evaluation. Only when none may go now is every one evaluated, for the earliest deferral.
  for (const candidate of candidates) candidate.rank = rankOf(candidate, preference.channel);
  if (candidates.length > 1) candidates.sort(byRank);
  const ranked: Evaluated[] = [];
  try {
    for (const candidate of candidates) {
      const result = evaluateCandidate(input, candidate, firstCommunication);
      ranked.push(result);
      if (result.decision.verdict === 'send') break;
    }
  } catch (error) {
    return settledEarly(input, base, history, 'block', 'render-failed', `the message cannot be written from its template: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sendable = ranked.filter((e) => e.decision.verdict === 'send');
  const deferred = ranked.filter((e) => e.decision.verdict === 'defer').sort(byDeferral);
  const chosen = sendable[0] ?? deferred[0] ?? ranked.find((e) => e.decision.verdict === 'block') ?? ranked[0];
  const summaries = ranked.map(summarize);
  for (const candidate of candidates.slice(ranked.length)) {
    summaries.push({ channel: candidate.channel, target: candidate.masked, verified: candidate.verified, verdict: 'not-evaluated', violations: [] });
  }
  if (!chosen) return settledEarly(input, base, history, 'suppress', 'no-channel', 'no way to reach the consumer');

  const answered = describeAnswers(preference);
  const alternatives = candidates.length > 1 ? `; ${candidates.length} channels considered` : '';
  const channelWhy =
    preference.channel === chosen.candidate.channel
      ? `${chosen.candidate.channel}: the consumer answers there most (${answered})${alternatives}`
      : sendable.length > 0 || deferred.length > 0
        ? `${chosen.candidate.channel}: ${preference.channel ? `the consumer answers most by ${preference.channel} (${answered}), which ${ranked.some((e) => e.candidate.channel === preference.channel) ? 'the gate does not allow now' : 'Parley cannot reach'}` : answered}; ${chosen.candidate.verified ? 'a conversation that reaches the verified consumer' : 'the first permitted channel'}${alternatives}`
        : `${chosen.candidate.channel}: nothing allowed on any channel${alternatives}`;

  const plan: OutboundPlan = {
    ...base,
    verdict: chosen.decision.verdict,
    reasonId: chosen.decision.verdict === 'send' ? 'permitted' : firstReason(chosen.decision).ruleId,
    reason: chosen.decision.verdict === 'send' ? 'every rule allows it now' : firstReason(chosen.decision).reason,
    channel: chosen.candidate.channel,
    target: chosen.candidate.target,
    maskedTarget: chosen.candidate.masked,
    verified: chosen.candidate.verified,
    speechAct: chosen.speechAct,
    purpose: chosen.rendered.purpose,
    decision: chosen.decision,
    choice: { channel: chosen.candidate.channel, why: chosen.substitution ? `${channelWhy}. ${chosen.substitution}` : channelWhy, history, candidates: summaries },
  };
  if (chosen.decision.deferUntil) plan.deferUntil = chosen.decision.deferUntil;
  if (chosen.decision.verdict === 'suppress' && ranked.length > 1) {
    plan.reason = ranked.map((e) => `${e.candidate.channel}: ${firstReason(e.decision).reason}`).join('; ');
  }

  if (plan.verdict === 'send' || plan.verdict === 'defer') {
    applyPacing(input, pacingPolicy, chosen, plan, zone);
  }
  if (plan.verdict === 'send' && message.status === 'pending') {
    applyPreferredHour(input, pacingPolicy, chosen, plan, preference);
  }
  if (plan.verdict === 'defer' && message.expiresAt && plan.deferUntil && plan.deferUntil.getTime() >= message.expiresAt.getTime()) {
    const reason = `the first instant every rule allows (${plan.deferUntil.toISOString()}) is after the message loses its point (${message.expiresAt.toISOString()}): not sent`;
    const rule = { ruleId: 'expired', citation: POLICY, reason };
    plan.verdict = 'suppress';
    plan.reasonId = 'expired';
    plan.reason = reason;
    plan.decision = plan.decision ? { ...plan.decision, verdict: 'suppress', text: null, rules: [...plan.decision.rules, rule], violations: [...plan.decision.violations, rule] } : null;
    plan.deferUntil = undefined;
  }
  if (plan.verdict === 'send') {
    plan.text = chosen.decision.text ?? undefined;
    if (chosen.candidate.channel === 'sms' && chosen.decision.disclosures.includes('sms-opt-out')) plan.optOutNotice = disclosureText('sms-opt-out', chosen.request.language);
  }
  return plan;
}

/** Parley's own pace for this consumer's situation, on top of the legal caps: it can only hold a message longer. */
function applyPacing(input: PlanInput, policy: PacingPolicy, chosen: Evaluated, plan: OutboundPlan, zone: string | undefined): void {
  if (plan.purpose !== 'reminder' && plan.purpose !== 'collection') return;
  const commitments = input.commitments ?? [];
  const situations = situationsOf(input.flags, commitments, input.at, commitments.length > 0 ? localDate(zone, input.at) : '');
  const arrangementReminder = (input.message.kind === 'payment-due' || input.message.kind === 'promise-due') && input.message.arrangement !== undefined;
  const pacing = evaluatePacing({ policy, situations, attempts: input.attempts, at: input.at, arrangementReminder });
  plan.pacing = pacing.rule;
  // The decision is this plan's own (evaluate returns a new one each call), so the rule is added in place.
  plan.decision?.rules.push(pacing.rule);
  const earliest = plan.verdict === 'send' ? input.at.getTime() : (plan.deferUntil?.getTime() ?? input.at.getTime());
  if (!pacing.notBefore || pacing.notBefore.getTime() <= earliest) return;
  // The gate again at the instant pacing allows: the window or a cap may push it later still.
  const later = evaluate({ ...chosen.request, at: pacing.notBefore });
  if (later.verdict === 'send' || later.verdict === 'defer') {
    const until = later.verdict === 'send' ? pacing.notBefore : (later.deferUntil ?? pacing.notBefore);
    plan.verdict = 'defer';
    plan.deferUntil = until;
    plan.reasonId = pacing.rule.ruleId;
    plan.reason = pacing.rule.reason;
    plan.decision = held(later, until, pacing.rule);
    return;
  }
  plan.verdict = later.verdict;
  plan.reasonId = firstReason(later).ruleId;
  plan.reason = firstReason(later).reason;
  plan.decision = later;
  plan.deferUntil = undefined;
}

/** A message that may go now waits (within limits) for the hour this consumer usually writes at. */
function applyPreferredHour(input: PlanInput, policy: PacingPolicy, chosen: Evaluated, plan: OutboundPlan, preference: ContactPreference): void {
  const settings = policy.preferredHour;
  const usual = preference.hour;
  if (!settings.enabled || !usual || usual.answers < settings.minAnswers) return;
  const at = input.at.getTime();
  const target = nextLocalHour(usual.zone, usual.hour, input.at);
  const delay = target.getTime() - at;
  if (delay <= 0) {
    plan.choice.why += `; sent in the hour the consumer usually writes (${String(usual.hour).padStart(2, '0')}:00 ${usual.zone}, ${usual.answers} of ${preference.total})`;
    return;
  }
  if (delay > settings.maxDelayHours * HOUR_MS) return;
  if (input.message.expiresAt && target.getTime() >= input.message.expiresAt.getTime()) return;
  const then = evaluate({ ...chosen.request, at: target });
  if (then.verdict !== 'send') return;
  const rule = {
    ruleId: 'preferred-hour',
    citation: POLICY,
    reason: `the consumer usually writes around ${String(usual.hour).padStart(2, '0')}:00 ${usual.zone} (${usual.answers} of ${preference.total} messages in ${preference.lookbackDays} days): held until then`,
  };
  plan.verdict = 'defer';
  plan.deferUntil = target;
  plan.reasonId = rule.ruleId;
  plan.reason = rule.reason;
  plan.decision = held(then, target, rule);
  plan.choice.why += `; ${rule.reason}`;
}
