import type { Channel, ContactAttempt } from '../domain/index.js';
import type { RuleApplication } from '../decision/types.js';
import { rulesInForce, rulesOfKind, ruleSetFor, type Rule } from '../rules/index.js';

const DAY_MS = 86_400_000;

export type AddressType = NonNullable<ContactAttempt['addressType']>;

export interface FrequencyRequest {
  /** Caps are per debt: only attempts on this account count. */
  accountId: string;
  /** The channel of the message about to be sent. */
  channel: Channel;
  /** The kind of number or address it goes to; unknown means every address-specific cap applies (the strictest reading). */
  targetType?: AddressType;
  at: Date;
  /** The contact history; attempts after `at` are ignored so a decision replays the same. */
  attempts: readonly ContactAttempt[];
}

export interface FrequencyResult {
  allowed: boolean;
  /** When not allowed: the instant every cap and cooldown has freed up (assuming no new attempts). */
  freesAt: Date | null;
  /** Every cap and cooldown applied, with the count it saw. */
  rules: RuleApplication[];
  /** The caps that stop the message now. */
  violations: RuleApplication[];
}

interface TimedAttempt {
  ms: number;
  attempt: ContactAttempt;
}

function matchesAddress(types: readonly string[] | undefined, type: string | undefined): boolean {
  // An attempt or target of unknown type is counted under every address-specific cap: never less strict.
  return types === undefined || type === undefined || types.includes(type);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Frequency caps and cooldowns over a contact history. Windows are rolling: an attempt counts while
 * it is less than periodDays old, so the cap frees up the moment the oldest counted attempt that keeps
 * it full turns periodDays old. Only Parley-initiated attempts count toward caps; a telephone
 * conversation starts the call cooldown whoever initiated it.
 */
export function evaluateCapsWith(rules: readonly Rule[], request: FrequencyRequest): FrequencyResult {
  const at = request.at.getTime();
  const history: TimedAttempt[] = [];
  for (const attempt of request.attempts) {
    if (attempt.accountId !== request.accountId) continue;
    const ms = Date.parse(attempt.at);
    if (Number.isNaN(ms) || ms > at) continue;
    history.push({ ms, attempt });
  }
  const applied: RuleApplication[] = [];
  const violations: RuleApplication[] = [];
  let freesAt = at;

  for (const rule of rulesOfKind(rules, 'frequency-cap')) {
    const { limit, periodDays, addressTypes } = rule.parameters;
    if (!matchesAddress(addressTypes, request.targetType)) continue;
    const since = at - periodDays * DAY_MS;
    const counted = history
      .filter(({ ms, attempt }) => ms > since && attempt.initiatedBy === 'parley' && rule.channels.includes(attempt.channel) && matchesAddress(addressTypes, attempt.addressType))
      .map(({ ms }) => ms)
      .sort((a, b) => a - b);
    const scope = `${rule.channels.join('/')}${addressTypes ? ` to ${addressTypes.join('/')} numbers` : ''}`;
    if (counted.length < limit) {
      applied.push({ ruleId: rule.id, citation: rule.citation, reason: `${plural(counted.length, 'Parley-initiated attempt')} (${scope}) in the last ${periodDays} days, under the cap of ${limit}` });
      continue;
    }
    // Dropping the oldest (count - limit + 1) attempts brings the count under the cap.
    const frees = (counted[counted.length - limit] ?? at) + periodDays * DAY_MS;
    freesAt = Math.max(freesAt, frees);
    const application = {
      ruleId: rule.id,
      citation: rule.citation,
      reason: `${plural(counted.length, 'Parley-initiated attempt')} (${scope}) in the last ${periodDays} days reach the cap of ${limit}; frees up at ${new Date(frees).toISOString()}`,
    };
    applied.push(application);
    violations.push(application);
  }

  for (const rule of rulesOfKind(rules, 'cooldown')) {
    const { afterOutcome, days } = rule.parameters;
    let last = -Infinity;
    for (const { ms, attempt } of history) if (attempt.outcome === afterOutcome && rule.channels.includes(attempt.channel) && ms > last) last = ms;
    const ends = last + days * DAY_MS;
    if (ends <= at) {
      applied.push({ ruleId: rule.id, citation: rule.citation, reason: Number.isFinite(last) ? `last ${afterOutcome} ${new Date(last).toISOString()} is ${days} or more days ago` : `no ${afterOutcome} on record` });
      continue;
    }
    freesAt = Math.max(freesAt, ends);
    const application = { ruleId: rule.id, citation: rule.citation, reason: `a ${afterOutcome} on ${new Date(last).toISOString()}: no ${rule.channels.join('/')} attempt until ${new Date(ends).toISOString()}` };
    applied.push(application);
    violations.push(application);
  }

  return { allowed: violations.length === 0, freesAt: violations.length === 0 ? null : new Date(freesAt), rules: applied, violations };
}

/** Frequency caps for an account's jurisdictions at an instant. */
export function evaluateCaps(request: FrequencyRequest & { jurisdictions: readonly string[] }): FrequencyResult {
  const rules = rulesInForce(ruleSetFor(request.jurisdictions), request.at, request.channel);
  return evaluateCapsWith(rules, request);
}
