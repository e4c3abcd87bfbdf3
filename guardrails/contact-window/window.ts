import type { Account, Channel, ConsumerFlags } from '../domain/index.js';
import type { RuleApplication } from '../decision/types.js';
import { combinedWindow, rulesInForce, rulesOfKind, ruleSetFor, type Rule } from '../rules/index.js';
import { DAY_MS, HOUR_MS, formatLocalTime, instantsOf, localTime, type LocalTime } from './clock.js';
import { allowedByWeekday, clockMs, inside, type InconvenientTime, type Interval } from './intervals.js';
import { candidateZones, isKnownZone, type CandidateZones, type ZoneSources } from './zones.js';

export interface WindowRequest extends ZoneSources {
  at: Date;
  /** The account's jurisdictions, most general first; default ["US"]. Their packs give the window. */
  jurisdictions?: readonly string[];
  /** Default sms; every US window rule covers every channel. */
  channel?: Channel;
  /** Consumer-designated inconvenient times (flags.inconvenientTimes); only those said at or before `at` bind. */
  inconvenientTimes?: readonly InconvenientTime[];
}

export interface WindowResult {
  /** Whether `at` is inside the window in every candidate zone. */
  permitted: boolean;
  zones: string[];
  /** Zone → local wall time at `at`, ISO with offset. */
  localTimes: Record<string, string>;
  /** The packs' window narrowed by designated times that apply every day; null when no pack gives one. */
  window: { start: string; end: string } | null;
  /** `at` itself when permitted; otherwise the earliest later instant that is, within 8 days; else null. */
  nextPermittedAt: Date | null;
  rules: RuleApplication[];
  /** The applications among `rules` that make `at` not permitted. */
  violations: RuleApplication[];
}

/** How far ahead nextPermittedAt looks: a week plus a day covers any weekly pattern of restrictions. */
export const NEXT_PERMITTED_HORIZON_DAYS = 8;

function hhmm(msOfDay: number): string {
  const minutes = Math.floor(msOfDay / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

type Week = readonly (readonly Interval[])[];

function permittedAt(zones: readonly string[], week: Week, ms: number): boolean {
  for (const zone of zones) {
    if (!isKnownZone(zone)) return false;
    const local = localTime(zone, ms);
    if (!inside(week[local.weekday] ?? [], local.msOfDay)) return false;
  }
  return true;
}

function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * The earliest instant after `at` (and within the horizon) inside the window in every zone. Such an
 * instant is where some zone's local clock enters one of its allowed intervals (or jumps into one
 * over a DST gap), so only those entry points need testing, each checked in every zone. Working from
 * wall times per zone with the zone's real offsets makes DST days come out right.
 *
 * Entry points are gathered one local day at a time, in every zone. Those of local day today+k all
 * lie after at + (k-1) days less the largest DST shift, so once a permitted one earlier than that is
 * found no later day can hold an earlier one.
 */
function nextPermitted(zones: readonly string[], week: Week, at: number): number | null {
  const horizon = at + NEXT_PERMITTED_HORIZON_DAYS * DAY_MS;
  const today: number[] = [];
  for (const zone of zones) {
    if (!isKnownZone(zone)) return null;
    today.push(localTime(zone, at).day);
  }
  const candidates: number[] = [];
  let best = Infinity;
  for (let k = -1; k <= NEXT_PERMITTED_HORIZON_DAYS + 1; k++) {
    for (let z = 0; z < zones.length; z++) {
      const day = (today[z] ?? 0) + k;
      for (const [from] of week[weekdayOf(day)] ?? []) {
        for (const instant of instantsOf(zones[z] ?? '', day * DAY_MS + from)) {
          if (instant > at && instant <= horizon && instant < best) candidates.push(instant);
        }
      }
    }
    if (candidates.length > 0) {
      candidates.sort((a, b) => a - b);
      for (const candidate of candidates) {
        if (candidate >= best) break;
        if (permittedAt(zones, week, candidate)) {
          best = candidate;
          break;
        }
      }
      candidates.length = 0;
    }
    // Entry points of local day today+k+1 or later are at least k days less 2 hours after `at`.
    if (best <= at + k * DAY_MS - 2 * HOUR_MS) break;
  }
  return best === Infinity ? null : best;
}

/** Designated restrictions in force at `at`: said at or before it (a decision replayed later sees the same ones). */
function activeRestrictions(entries: readonly InconvenientTime[] | undefined, at: number): InconvenientTime[] {
  if (!entries || entries.length === 0) return [];
  return entries.filter((entry) => Date.parse(entry.at) <= at);
}

function describeRestriction(entry: InconvenientTime): string {
  const parts = [entry.notBefore ? `not before ${entry.notBefore}` : '', entry.notAfter ? `not after ${entry.notAfter}` : ''].filter(Boolean);
  const days = entry.days && entry.days.length > 0 ? ` on ISO weekdays ${entry.days.join(',')}` : '';
  return `${parts.length > 0 ? parts.join(' and ') : 'not at all'}${days}${entry.said ? ` ("${entry.said}")` : ''}`;
}

/** "America/New_York 07:30, America/Chicago 06:30" for the given zones (all when indexes is null). */
function describeZones(zones: readonly string[], locals: readonly (LocalTime | null)[], indexes: readonly number[] | null): string {
  let text = '';
  const count = indexes ? indexes.length : zones.length;
  for (let n = 0; n < count; n++) {
    const i = indexes ? (indexes[n] ?? 0) : n;
    const local = locals[i];
    text += `${n > 0 ? ', ' : ''}${zones[i]} ${local ? hhmm(local.msOfDay) : '(unknown zone)'}`;
  }
  return text;
}

/**
 * The window decision over rules already chosen for the account (the gate passes its own in-force
 * rules so packs are combined once per decision).
 */
export function evaluateWindowWith(rules: readonly Rule[], candidates: CandidateZones, inconvenientTimes: readonly InconvenientTime[] | undefined, at: Date): WindowResult {
  const ms = at.getTime();
  const zones = candidates.zones;
  // Each zone's local time, computed once and used for the decision, the reasons and the output.
  const locals: (LocalTime | null)[] = [];
  const localTimes: Record<string, string> = {};
  for (const zone of zones) {
    const local = isKnownZone(zone) ? localTime(zone, ms) : null;
    locals.push(local);
    localTimes[zone] = local ? formatLocalTime(local) : 'unknown';
  }
  const applied: RuleApplication[] = [];
  const packWindow = combinedWindow(rules);
  const location = rulesOfKind(rules, 'location-policy')[0];
  const designated = rulesOfKind(rules, 'designated-times')[0];

  if (!packWindow) {
    const none = { ruleId: 'no-rule-pack', citation: 'Parley policy', reason: 'no rule pack in force gives a contact window for this account, so no time is assumed convenient' };
    return { permitted: false, zones, localTimes, window: null, nextPermittedAt: null, rules: [none], violations: [none] };
  }
  const restrictions = activeRestrictions(inconvenientTimes, ms);
  const week = allowedByWeekday(packWindow.start, packWindow.end, restrictions);

  if (zones.length === 0) {
    const reason = `no location information${candidates.unresolved.length > 0 ? ` (${candidates.unresolved.join('; ')})` : ''}: no time zone is assumed, so collector-initiated contact is not permitted`;
    const unknown = { ruleId: location?.id ?? 'ambiguous-location', citation: location?.citation ?? 'Parley policy', reason };
    applied.push(unknown);
    for (const rule of packWindow.rules) applied.push({ ruleId: rule.id, citation: rule.citation, reason: `window ${rule.parameters.start}–${rule.parameters.end} cannot be checked without a time zone` });
    return { permitted: false, zones, localTimes, window: { start: packWindow.start, end: packWindow.end }, nextPermittedAt: null, rules: applied, violations: [unknown] };
  }

  const packStart = clockMs(packWindow.start);
  const packEnd = clockMs(packWindow.end);
  const packOutside: number[] = [];
  const designatedOutside: number[] = [];
  for (let i = 0; i < locals.length; i++) {
    const local = locals[i];
    if (!local || local.msOfDay < packStart || local.msOfDay > packEnd) packOutside.push(i);
    else if (!inside(week[local.weekday] ?? [], local.msOfDay)) designatedOutside.push(i);
  }
  const permitted = packOutside.length === 0 && designatedOutside.length === 0;
  const next = permitted ? ms : nextPermitted(zones, week, ms);

  // Narrowed window for display: designated times that apply every day and form a single span.
  let start = packWindow.start;
  let end = packWindow.end;
  for (const entry of restrictions) {
    if (entry.days && entry.days.length > 0) continue;
    if (entry.notBefore && entry.notAfter && entry.notBefore > entry.notAfter) continue;
    if (entry.notBefore && entry.notBefore > start) start = entry.notBefore;
    if (entry.notAfter && entry.notAfter < end) end = entry.notAfter;
  }

  if (location) {
    let sourceList = '';
    for (const zone of zones) sourceList += `${sourceList ? '; ' : ''}${zone} from ${(candidates.sources.get(zone) ?? []).join(' and ')}`;
    applied.push({
      ruleId: location.id,
      citation: location.citation,
      reason: zones.length === 1 ? `one candidate time zone: ${sourceList}` : `${zones.length} candidate time zones (${sourceList}): contact only when inside the window in every one`,
    });
  }
  const violations: RuleApplication[] = [];
  const everyZone = describeZones(zones, locals, null);
  for (const rule of packWindow.rules) {
    // Each rule is judged by its own hours, so a looser rule is not blamed for a stricter one's refusal.
    const from = clockMs(rule.parameters.start);
    const to = clockMs(rule.parameters.end);
    const outside: number[] = [];
    for (let i = 0; i < locals.length; i++) {
      const local = locals[i];
      if (!local || local.msOfDay < from || local.msOfDay > to) outside.push(i);
    }
    const narrowed = rule.parameters.start !== packWindow.start || rule.parameters.end !== packWindow.end ? ` (combined window ${packWindow.start}–${packWindow.end})` : '';
    const application = {
      ruleId: rule.id,
      citation: rule.citation,
      reason:
        outside.length === 0
          ? `inside ${rule.parameters.start}–${rule.parameters.end}${narrowed} in every candidate zone: ${everyZone}`
          : `outside ${rule.parameters.start}–${rule.parameters.end}${narrowed}: ${describeZones(zones, locals, outside)}`,
    };
    applied.push(application);
    if (outside.length > 0) violations.push(application);
  }
  if (designated && restrictions.length > 0) {
    const application = {
      ruleId: designated.id,
      citation: designated.citation,
      reason: `the consumer designated ${restrictions.map(describeRestriction).join('; ')}: ${designatedOutside.length > 0 ? `inconvenient now in ${describeZones(zones, locals, designatedOutside)}` : 'not inconvenient now'}`,
    };
    applied.push(application);
    if (designatedOutside.length > 0) violations.push(application);
  }
  return {
    permitted,
    zones,
    localTimes,
    window: { start, end },
    nextPermittedAt: next === null ? null : new Date(next),
    rules: applied,
    violations,
  };
}

/**
 * Only the consumer's own designated restrictions, none of the packs' hours: whether `at` is one the
 * consumer called inconvenient in any candidate zone, and when it stops being so. A consumer who
 * writes in at such a time may get a reply; the gate uses this to allow exactly one.
 */
export function designatedInconvenience(candidates: CandidateZones, inconvenientTimes: readonly InconvenientTime[] | undefined, at: Date): { inconvenient: boolean; until: Date | null; restrictions: InconvenientTime[] } {
  const ms = at.getTime();
  const restrictions = activeRestrictions(inconvenientTimes, ms);
  if (restrictions.length === 0 || candidates.zones.length === 0) return { inconvenient: false, until: null, restrictions };
  const week = allowedByWeekday('00:00', '24:00', restrictions);
  if (permittedAt(candidates.zones, week, ms)) return { inconvenient: false, until: null, restrictions };
  const next = nextPermitted(candidates.zones, week, ms);
  return { inconvenient: true, until: next === null ? null : new Date(next), restrictions };
}

/** The contact window for the given location data at an instant. */
export function evaluateWindow(request: WindowRequest): WindowResult {
  const set = ruleSetFor(request.jurisdictions ?? ['US']);
  const rules = rulesInForce(set, request.at, request.channel ?? 'sms');
  return evaluateWindowWith(rules, candidateZones(request), request.inconvenientTimes, request.at);
}

/** The zone sources of an account: every phone, the postal address, and what the consumer said. */
export function zoneSourcesOf(account: Account, flags: ConsumerFlags): ZoneSources {
  return {
    phones: account.consumer.phones.map((phone) => phone.number),
    postalCode: account.consumer.address.postalCode,
    country: account.consumer.address.country,
    statedTimeZones: flags.statedTimeZones,
  };
}

/** The contact window for an account and its flags. */
export function evaluateAccountWindow(account: Account, flags: ConsumerFlags, at: Date, channel: Channel = 'sms'): WindowResult {
  return evaluateWindow({ ...zoneSourcesOf(account, flags), at, channel, jurisdictions: account.jurisdictions, inconvenientTimes: flags.inconvenientTimes });
}
