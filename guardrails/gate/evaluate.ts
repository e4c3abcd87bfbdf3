import { mediumOf } from '../domain/index.js';
import type { GateDecision, RuleApplication, SmsLength, Violation } from '../decision/types.js';
import { checkDraft, type DraftContext } from '../content/index.js';
import { candidateZones, designatedInconvenience, evaluateWindowWith, zoneSourcesOf } from '../contact-window/index.js';
import { compose, measureSms, smsCapacity, smsUnits, type Composition } from '../disclosures/index.js';
import { evaluateCapsWith, type AddressType } from '../frequency/index.js';
import { citationOf, rulesInForce, rulesOfKind, ruleSetFor, validationPeriod, type Rule, type RuleSet } from '../rules/index.js';
import { NOT_ON_RECORD, flagState } from './flags.js';
import type { GateRequest, MessageTarget } from './types.js';

const MINUTE_MS = 60_000;

/**
 * Messages whose content the law fixes: an opt-out confirmation that contains nothing else
 * (1006.14(h), 47 CFR 64.1200(a)(12)) and the three notices still allowed after a cease (1006.6(c)(2)).
 * A model's phrasing of them is always replaced by the approved template.
 */
const FIXED_WORDING: ReadonlySet<string> = new Set(['opt-out-confirmation', 'cease-notice-ending', 'cease-notice-remedy', 'cease-notice-specific-remedy']);

/** Collects what a decision found, by the verdict it leads to. */
class Findings {
  readonly rules: RuleApplication[] = [];
  readonly suppress: Violation[] = [];
  readonly block: Violation[] = [];
  readonly defer: Violation[] = [];
  deferUntil: number | null = null;

  apply(ruleId: string, citation: string, reason: string): RuleApplication {
    const application = { ruleId, citation, reason };
    this.rules.push(application);
    return application;
  }
}

function targetTypeOf(request: GateRequest): AddressType | undefined {
  const target: MessageTarget = request.target ?? {};
  if (target.type) return target.type;
  if (target.address) {
    const phone = request.account.consumer.phones.find((p) => p.number === target.address);
    if (phone) return phone.type;
  }
  if (request.channel === 'email') return 'email';
  if (request.channel === 'webchat' || request.channel === 'teams') return 'app';
  return undefined;
}

function learnedBy(at: string | undefined, now: number): boolean {
  return at !== undefined && Date.parse(at) <= now;
}

/** Policy restrictions keyed on consumer flags: cease, attorney, wrong person, deceased, dispute, bankruptcy, crisis, legal hold. */
function checkFlags(rules: readonly Rule[], request: GateRequest, now: number, found: Findings): void {
  const parleyInitiated = request.facts.initiatedBy === 'parley';
  const address = request.target?.address;
  for (const rule of rules) {
    if (rule.kind !== 'flag-allow-only' && rule.kind !== 'flag-stop') continue;
    const state = flagState(rule.parameters.flag, request.flags, now, address);
    if (!state.active) {
      // A flag on record that does not apply now (a dispute already answered) is worth showing; an absent one is not.
      if (state.detail !== NOT_ON_RECORD) found.apply(rule.id, rule.citation, `${state.detail}: no restriction`);
      continue;
    }
    let allowed: boolean;
    let why: string;
    if (rule.kind === 'flag-allow-only') {
      const inReply = !parleyInitiated && rule.parameters.replyPurposes.includes(request.purpose);
      allowed = rule.parameters.purposes.includes(request.purpose) || inReply;
      const list = [...rule.parameters.purposes, ...rule.parameters.replyPurposes.map((p) => `${p} (in reply)`)];
      why = allowed ? `a ${request.purpose} message is allowed${inReply ? ' in reply' : ''}` : `only ${list.length > 0 ? list.join(', ') : 'nothing'} may be sent; not a ${parleyInitiated ? 'Parley-initiated ' : ''}${request.purpose} message`;
    } else {
      allowed = !rule.parameters.purposes.includes(request.purpose);
      why = allowed ? `a ${request.purpose} message is not stopped` : `${rule.parameters.purposes.join(', ')} messages stop`;
    }
    const application = found.apply(rule.id, rule.citation, `${state.detail}: ${why}`);
    if (!allowed) found.suppress.push(application);
  }
}

/** 1006.14(h) and the FCC revocation rule: an opted-out medium gets one bare confirmation and replies to the consumer only. */
function checkOptOut(rules: readonly Rule[], request: GateRequest, now: number, found: Findings): void {
  const rule = rulesOfKind(rules, 'medium-opt-out')[0];
  if (!rule) return;
  const medium = mediumOf(request.channel);
  const address = request.target?.address;
  const optOut = request.flags.optOuts.find((o) => o.medium === medium && learnedBy(o.at, now) && (o.address === undefined || address === undefined || o.address === address));
  if (!optOut) {
    if (request.purpose === 'opt-out-confirmation') {
      found.suppress.push(found.apply(rule.id, rule.citation, `no opt-out of ${medium} on record to confirm`));
    } else found.apply(rule.id, rule.citation, `no opt-out of ${medium}${address ? ' at this address' : ''} on record`);
    return;
  }
  const what = `opted out of ${medium}${optOut.address ? ` at this address` : ''} on ${optOut.at}`;
  if (request.purpose === 'opt-out-confirmation') {
    if (optOut.confirmationSent || rule.parameters.confirmations === 0) {
      found.suppress.push(found.apply(rule.id, rule.citation, `${what}; the one confirmation allowed has already been sent`));
      return;
    }
    const revocation = rulesOfKind(rules, 'revocation')[0];
    if (revocation) {
      const deadline = Date.parse(optOut.at) + revocation.parameters.confirmationWithinMinutes * MINUTE_MS;
      if (now > deadline) {
        found.suppress.push(found.apply(revocation.id, revocation.citation, `${what}; a confirmation is allowed only within ${revocation.parameters.confirmationWithinMinutes} minutes, until ${new Date(deadline).toISOString()}`));
        return;
      }
      found.apply(revocation.id, revocation.citation, `confirmation within ${revocation.parameters.confirmationWithinMinutes} minutes of the opt-out`);
    }
    found.apply(rule.id, rule.citation, `${what}: the one confirmation, containing nothing else`);
    return;
  }
  if (request.facts.initiatedBy === 'consumer' && rule.parameters.repliesAllowed) {
    found.apply(rule.id, rule.citation, `${what}, but the consumer wrote in on it: a reply is allowed`);
    return;
  }
  found.suppress.push(found.apply(rule.id, rule.citation, `${what}: nothing else may be sent on it`));
}

function checkConsent(rules: readonly Rule[], request: GateRequest, now: number, found: Findings): void {
  for (const rule of rulesOfKind(rules, 'electronic-consent')) {
    const medium = mediumOf(request.channel);
    const consent = request.flags.electronicConsent;
    if (consent && learnedBy(consent.at, now) && consent.media.includes(medium)) {
      found.apply(rule.id, rule.citation, `written consent to ${medium} on record since ${consent.at}`);
    } else if (request.facts.initiatedBy === 'consumer') {
      found.apply(rule.id, rule.citation, `no written consent to ${medium}, but the consumer wrote in on it: replying in the same conversation`);
    } else {
      found.suppress.push(found.apply(rule.id, rule.citation, `no written, unrevoked consent to ${medium} on record: collector-initiated ${medium} is not allowed`));
    }
  }
}

function checkWorkplace(rules: readonly Rule[], request: GateRequest, targetType: AddressType | undefined, now: number, found: Findings): void {
  const rule = rulesOfKind(rules, 'workplace')[0];
  if (!rule || targetType !== 'work') return;
  const said = request.flags.inconvenientPlaces.find((p) => p.place === 'work' && learnedBy(p.at, now));
  if (!request.flags.workplaceProhibited && !said) {
    found.apply(rule.id, rule.citation, 'a work number; no employer prohibition or consumer objection on record');
    return;
  }
  const why = request.flags.workplaceProhibited ? 'the employer prohibits contact at work' : `the consumer said work is inconvenient on ${said?.at}`;
  if (request.facts.initiatedBy === 'consumer') {
    found.apply(rule.id, rule.citation, `${why}, but the consumer wrote in from it: a reply is allowed`);
    return;
  }
  found.suppress.push(found.apply(rule.id, rule.citation, `${why}: no collector-initiated contact at a work number`));
}

function checkAudience(rules: readonly Rule[], request: GateRequest, found: Findings): void {
  const rule = rulesOfKind(rules, 'private-audience')[0];
  if (!rule) return;
  if ((request.audience ?? 'private') === 'shared') {
    found.suppress.push(found.apply(rule.id, rule.citation, 'others can read this conversation (a shared channel or group chat): nothing about a debt may be posted there'));
  } else found.apply(rule.id, rule.citation, 'a private conversation with the consumer');
}

function checkVerification(rules: readonly Rule[], request: GateRequest, found: Findings): void {
  for (const rule of rulesOfKind(rules, 'verification-required')) {
    if (!rule.parameters.purposes.includes(request.purpose)) continue;
    if (request.facts.identityVerified) {
      found.apply(rule.id, rule.citation, `identity verified: a ${request.purpose} message may reveal the debt`);
    } else if (request.revealsDebt === false) {
      // A check-in to a number on file ("a personal business matter") may go to whoever reads it; the draft checks hold its words to that.
      found.apply(rule.id, rule.citation, `identity not verified, but this ${request.purpose} message is written to reveal no debt; the draft checks hold its words to that`);
    } else {
      found.block.push(found.apply(rule.id, rule.citation, `a ${request.purpose} message reveals the debt and the reader's identity is not verified: verify identity first`));
    }
  }
}

/** While the validation period runs, a collection message must leave the right to dispute untouched (the overshadowing check enforces the words). */
function noteValidationPeriod(request: GateRequest, found: Findings): void {
  if (request.purpose !== 'collection' && request.purpose !== 'reminder') return;
  const period = validationPeriod(request.account, request.at);
  if (!period) return;
  found.apply(
    period.ruleId,
    period.citation,
    period.running
      ? `validation period running (notice sent ${period.sentOn}, assumed received ${period.receivedOn}, ends ${period.endsOn}): nothing may overshadow the right to dispute`
      : `validation period ended ${period.endsOn}`,
  );
}

/** The contact window, designated times and frequency caps: for collector-initiated messages only. */
function checkTiming(rules: readonly Rule[], request: GateRequest, targetType: AddressType | undefined, found: Findings): void {
  const candidates = candidateZones(zoneSourcesOf(request.account, request.flags));
  if (request.facts.initiatedBy === 'consumer') {
    found.apply('consumer-initiated', 'Parley policy', 'a reply to the consumer: the contact window and frequency caps apply to collector-initiated messages only');
    const designated = rulesOfKind(rules, 'designated-times')[0];
    if (!designated) return;
    const inconvenience = designatedInconvenience(candidates, request.flags.inconvenientTimes, request.at);
    if (!inconvenience.inconvenient) return;
    const sent = request.repliesSinceInbound ?? 0;
    const allowed = designated.parameters.repliesDuringInconvenientTime;
    if (sent < allowed) {
      found.apply(designated.id, designated.citation, `the consumer wrote in at a time they called inconvenient: reply ${sent + 1} of ${allowed} allowed`);
      return;
    }
    const application = found.apply(designated.id, designated.citation, `the consumer wrote in at a time they called inconvenient and ${sent} ${sent === 1 ? 'reply has' : 'replies have'} already been sent: further messages wait until ${inconvenience.until?.toISOString() ?? 'a convenient time'}`);
    if (inconvenience.until) {
      found.defer.push(application);
      found.deferUntil = Math.max(found.deferUntil ?? 0, inconvenience.until.getTime());
    } else found.suppress.push(application);
    return;
  }

  const window = evaluateWindowWith(rules, candidates, request.flags.inconvenientTimes, request.at);
  found.rules.push(...window.rules);
  if (window.zones.length === 0 || window.window === null) {
    found.suppress.push(...window.violations);
    return;
  }
  const caps = evaluateCapsWith(rules, { accountId: request.account.accountId, channel: request.channel, targetType, at: request.at, attempts: request.attempts ?? [] });
  found.rules.push(...caps.rules);
  if (window.permitted && caps.allowed) return;

  // Caps only loosen as time passes (no new attempts), so the first window opening at or after the
  // moment every cap frees up is when everything allows the message.
  let until = window.nextPermittedAt?.getTime() ?? null;
  if (caps.freesAt) {
    const freed = caps.freesAt;
    const later = evaluateWindowWith(rules, candidates, request.flags.inconvenientTimes, freed);
    until = later.nextPermittedAt?.getTime() ?? null;
  }
  const blocking = [...window.violations, ...caps.violations];
  if (until === null) {
    found.suppress.push(...blocking, found.apply('no-permitted-time', 'Parley policy', 'no instant within 8 days is inside the window in every candidate zone and under every cap'));
    return;
  }
  found.defer.push(...blocking);
  found.deferUntil = Math.max(found.deferUntil ?? 0, until);
}

const contentSummaries = new WeakMap<readonly Rule[], { ids: string; citation: string }>();

function contentSummary(rules: readonly Rule[]): { ids: string; citation: string } {
  let summary = contentSummaries.get(rules);
  if (!summary) {
    const content = rulesOfKind(rules, 'content');
    summary = { ids: content.map((r) => r.id).join(', '), citation: [...new Set(content.map((r) => r.citation))].join('; ') };
    contentSummaries.set(rules, summary);
  }
  return summary;
}

function findingsOf(set: RuleSet, text: string, ctx: DraftContext): Violation[] {
  return checkDraft(text, ctx).map((finding) => ({ ruleId: finding.ruleId, citation: citationOf(set, finding.ruleId), reason: finding.reason }));
}

interface Rendered {
  composition: Composition;
  sms?: SmsLength;
  tooLong?: Violation;
}

function render(rules: readonly Rule[], request: GateRequest, body: string): Rendered {
  const composition = compose({ body, channel: request.channel, language: request.language, purpose: request.purpose, facts: request.facts, account: request.account, rules });
  const lengthRule = request.channel === 'sms' ? rulesOfKind(rules, 'sms-length')[0] : undefined;
  if (!lengthRule) return { composition };
  const measure = measureSms(composition.text);
  const sms: SmsLength = { ...measure, maxSegments: lengthRule.parameters.maxSegments };
  if (measure.segments <= lengthRule.parameters.maxSegments) return { composition, sms };
  const capacity = smsCapacity(measure.encoding, sms.maxSegments);
  const overhead = measure.units - smsUnits(body.trim(), measure.encoding);
  const unit = measure.encoding === 'GSM-7' ? 'characters' : 'UTF-16 units';
  const fix =
    overhead >= capacity
      ? `the disclosures alone take ${overhead} ${unit}, so this message cannot go by SMS: send it by email or chat`
      : `shorten the body by ${measure.units - capacity} ${unit}`;
  return {
    composition,
    sms,
    tooLong: {
      ruleId: lengthRule.id,
      citation: lengthRule.citation,
      reason: `with its disclosures the text needs ${measure.segments} ${measure.encoding} segments (${measure.units} units), more than the ${sms.maxSegments} allowed: ${fix}`,
    },
  };
}

/**
 * The outbound gate: whether a message may reach the consumer, when, and with which words added.
 * Pure: everything it knows is in the request, including the instant.
 */
export function evaluate(request: GateRequest): GateDecision {
  const now = request.at.getTime();
  const set = ruleSetFor(request.account.jurisdictions);
  const rules = rulesInForce(set, request.at, request.channel);
  const found = new Findings();
  const targetType = targetTypeOf(request);

  if (!set.covered) {
    found.suppress.push(found.apply('no-rule-pack', 'Parley policy', `no rule pack covers ${request.account.jurisdictions.join(', ') || 'an account without jurisdiction'}: nothing is sent without rules`));
  }
  checkAudience(rules, request, found);
  checkFlags(rules, request, now, found);
  checkOptOut(rules, request, now, found);
  checkConsent(rules, request, now, found);
  checkWorkplace(rules, request, targetType, now, found);
  checkVerification(rules, request, found);
  noteValidationPeriod(request, found);
  checkTiming(rules, request, targetType, found);

  // The words: a model draft that fails a check (or does not fit) gives way to its template.
  const ctx: DraftContext = {
    language: request.language,
    account: request.account,
    facts: request.facts,
    allowedAmounts: request.allowedAmounts,
    allowedDates: request.allowedDates,
    at: request.at,
  };
  const summary = contentSummary(rules);
  let body = request.draft;
  let draftViolations = findingsOf(set, body, ctx);
  let rendered = render(rules, request, body);
  let replacedDraft: GateDecision['replacedDraft'];
  if (request.draftSource === 'model' && FIXED_WORDING.has(request.purpose)) {
    // Nothing a model adds can be allowed here: the words are the approved template's or none.
    const fixed = { ruleId: 'fixed-wording', citation: 'Parley policy (DESIGN.md principle 1)', reason: `a ${request.purpose} message goes out in its approved words, never a model's phrasing` };
    draftViolations = [...draftViolations, fixed];
  }
  if (request.draftSource === 'model' && (draftViolations.length > 0 || rendered.tooLong)) {
    replacedDraft = { text: request.draft, violations: [...draftViolations, ...(rendered.tooLong ? [rendered.tooLong] : [])] };
    for (const violation of replacedDraft.violations) found.apply(violation.ruleId, violation.citation, `model draft replaced by the template: ${violation.reason}`);
    if (request.fallback === undefined) {
      found.block.push(found.apply('template-fallback', 'Parley policy (DESIGN.md principle 1)', 'the model draft failed its checks and no template text was given to fall back to'));
    } else {
      body = request.fallback;
      draftViolations = findingsOf(set, body, ctx);
      rendered = render(rules, request, body);
    }
  }
  if (draftViolations.length === 0) {
    found.apply('draft-checks', summary.citation, `${replacedDraft ? 'template' : request.draftSource === 'model' ? 'model draft' : 'template'} passed the draft checks (${summary.ids})`);
  }
  for (const violation of draftViolations) found.block.push(found.apply(violation.ruleId, violation.citation, violation.reason));
  found.rules.push(...rendered.composition.rules);
  found.block.push(...rendered.composition.violations);
  if (rendered.tooLong) found.block.push(found.apply(rendered.tooLong.ruleId, rendered.tooLong.citation, rendered.tooLong.reason));
  else if (rendered.sms) {
    const lengthRule = rulesOfKind(rules, 'sms-length')[0];
    if (lengthRule) found.apply(lengthRule.id, lengthRule.citation, `${rendered.sms.segments} ${rendered.sms.encoding} segment${rendered.sms.segments === 1 ? '' : 's'} (${rendered.sms.units} units), within ${rendered.sms.maxSegments}`);
  }

  const verdict = found.suppress.length > 0 ? 'suppress' : found.block.length > 0 ? 'block' : found.defer.length > 0 ? 'defer' : 'send';
  const decision: GateDecision = {
    verdict,
    text: verdict === 'send' || verdict === 'defer' ? rendered.composition.text : null,
    disclosures: verdict === 'send' || verdict === 'defer' ? rendered.composition.disclosures : [],
    rules: found.rules,
    violations: [...found.suppress, ...found.block, ...found.defer],
    packVersion: set.version,
    at: request.at,
  };
  if (verdict === 'defer' && found.deferUntil !== null) decision.deferUntil = new Date(found.deferUntil);
  if (replacedDraft) decision.replacedDraft = replacedDraft;
  if (rendered.sms) decision.sms = rendered.sms;
  return decision;
}
