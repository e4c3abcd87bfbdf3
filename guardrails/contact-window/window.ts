import type { Account, Channel, ConsumerFlags } from '../domain/index.js';
import type { RuleApplication } from '../decision/types.js';
import { combinedWindow, rulesInForce, rulesOfKind, ruleSetFor, type Rule } from '../rules/index.js';
import { DAY_MS, formatLocal, instantsOf, localTime } from './clock.js';
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
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function permittedAt(zones: readonly string[], week: readonly (readonly Interval[])[], ms: number): boolean {
  for (const zone of zones) {
    if (!isKnownZone(zone)) return false;
    const local = localTime(zone, ms);
    if (!inside(week[local.weekday] ?? [], local.msOfDay)) return false;
  }
  return true;
}

/**
 * The earliest instant after `at` (and within the horizon) inside the window in every zone. Such an
 * instant is where some zone's local clock enters one of its allowed intervals, so only those
 * entry points (and the moments clocks jump over a gap) need testing, each checked in every zone.
 * Working from wall times per zone with the zone's real offsets makes DST days come out right.
 */
function nextPermitted(zones: readonly string[], week: readonly (readonly Interval[])[], at: number): number | null {
  const horizon = at + NEXT_PERMITTED_HORIZON_DAYS * DAY_MS;
  const candidates: number[] = [];
  for (const zone of zones) {
    if (!isKnownZone(zone)) return null;
    const today = localTime(zone, at).day;
    for (let day = today - 1; day <= today + NEXT_PERMITTED_HORIZON_DAYS + 1; day++) {
      const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
      for (const [from] of week[weekday] ?? []) {
        for (const instant of instantsOf(zone, day * DAY_MS + from)) {
          if (instant > at && instant <= horizon) candidates.push(instant);
        }
      }
    }
  }
  candidates.sort((a, b) => a - b);
  for (const candidate of candidates) if (permittedAt(zones, week, candidate)) return candidate;
  return null;
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

/**
 * The window decision over rules already chosen for the account (the gate passes its own in-force
 * rules so packs are combined once per decision).
 */
export function evaluateWindowWith(rules: readonly Rule[], candidates: CandidateZones, inconvenientTimes: readonly InconvenientTime[] | undefined, at: Date): WindowResult {
  const ms = at.getTime();
  const zones = candidates.zones;
  const localTimes: Record<string, string> = {};
  for (const zone of zones) localTimes[zone] = formatLocal(zone, ms);
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

  const permitted = permittedAt(zones, week, ms);
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

  const outside = zones.filter((zone) => !permittedAt([zone], week, ms));
  const describeZones = (list: readonly string[]): string =>
    list.map((zone) => `${zone} ${isKnownZone(zone) ? hhmm(localTime(zone, ms).msOfDay) : '(unknown zone)'}`).join(', ');
  if (location) {
    const sourceList = zones.map((zone) => `${zone} from ${(candidates.sources.get(zone) ?? []).join(' and ')}`).join('; ');
    applied.push({
      ruleId: location.id,
      citation: location.citation,
      reason:
        zones.length === 1
          ? `one candidate time zone: ${sourceList}`
          : `${zones.length} candidate time zones (${sourceList}): contact only when inside the window in every one`,
    });
  }
  const packOutside = zones.filter((zone) => {
    if (!isKnownZone(zone)) return true;
    const local = localTime(zone, ms).msOfDay;
    return local < clockMs(packWindow.start) || local > clockMs(packWindow.end);
  });
  const violations: RuleApplication[] = [];
  for (const rule of packWindow.rules) {
    const narrowed = rule.parameters.start !== packWindow.start || rule.parameters.end !== packWindow.end ? ` (combined window ${packWindow.start}–${packWindow.end})` : '';
    const application = {
      ruleId: rule.id,
      citation: rule.citation,
      reason:
        packOutside.length === 0
          ? `inside ${rule.parameters.start}–${rule.parameters.end}${narrowed} in every candidate zone: ${describeZones(zones)}`
          : `outside ${rule.parameters.start}–${rule.parameters.end}${narrowed}: ${describeZones(packOutside)}`,
    };
    applied.push(application);
    if (packOutside.length > 0) violations.push(application);
  }
  if (designated && restrictions.length > 0) {
    const blocked = outside.filter((zone) => !packOutside.includes(zone));
    const application = {
      ruleId: designated.id,
      citation: designated.citation,
      reason: `the consumer designated ${restrictions.map(describeRestriction).join('; ')}: ${blocked.length > 0 ? `inconvenient now in ${describeZones(blocked)}` : 'not inconvenient now'}`,
    };
    applied.push(application);
    if (blocked.length > 0) violations.push(application);
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
