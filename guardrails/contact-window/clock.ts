import { IANAZone } from 'luxon';
import { isKnownZone } from './zones.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * UTC offsets come from luxon's IANA zones (the platform's tz database). Asking Intl for every
 * evaluation would be far too slow, so offsets are cached per zone and UTC day: a day whose first and
 * last millisecond have the same offset has that offset throughout (no zone changes its offset twice
 * within a day and back). A day with a transition in it is cached in 15-minute buckets instead (every
 * real-world change happens on a quarter hour), and a bucket holding the transition itself is
 * computed exactly each time.
 */
const QUARTER_MS = 15 * MINUTE_MS;

interface ZoneOffsets {
  zone: IANAZone;
  days: Map<number, number>;
  transitionDays: Set<number>;
  quarters: Map<number, number>;
  /** The last day looked up, which most lookups repeat. */
  lastDay: number;
  lastOffset: number;
}

const zoneOffsets = new Map<string, ZoneOffsets>();

function offsetsOf(zone: string): ZoneOffsets {
  let entry = zoneOffsets.get(zone);
  if (!entry) {
    entry = { zone: IANAZone.create(zone), days: new Map(), transitionDays: new Set(), quarters: new Map(), lastDay: Number.NaN, lastOffset: 0 };
    zoneOffsets.set(zone, entry);
  }
  return entry;
}

/** The zone's UTC offset in minutes at an instant (epoch ms). */
export function offsetMinutes(zone: string, ms: number): number {
  const entry = offsetsOf(zone);
  const day = Math.floor(ms / DAY_MS);
  if (day === entry.lastDay) return entry.lastOffset;
  const known = entry.days.get(day);
  if (known !== undefined) {
    entry.lastDay = day;
    entry.lastOffset = known;
    return known;
  }
  if (!entry.transitionDays.has(day)) {
    const first = entry.zone.offset(day * DAY_MS);
    if (first === entry.zone.offset(day * DAY_MS + DAY_MS - 1)) {
      if (entry.days.size > 100_000) entry.days.clear();
      entry.days.set(day, first);
      entry.lastDay = day;
      entry.lastOffset = first;
      return first;
    }
    entry.transitionDays.add(day);
  }
  const quarter = Math.floor(ms / QUARTER_MS);
  const hit = entry.quarters.get(quarter);
  if (hit !== undefined) return hit;
  const atStart = entry.zone.offset(quarter * QUARTER_MS);
  if (atStart !== entry.zone.offset(quarter * QUARTER_MS + QUARTER_MS - 1)) return entry.zone.offset(ms);
  if (entry.quarters.size > 100_000) entry.quarters.clear();
  entry.quarters.set(quarter, atStart);
  return atStart;
}

export interface LocalTime {
  /** Days since 1970-01-01 in local time. */
  day: number;
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Milliseconds since local midnight. */
  msOfDay: number;
  offset: number;
}

export function localTime(zone: string, ms: number): LocalTime {
  const offset = offsetMinutes(zone, ms);
  const local = ms + offset * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return { day, weekday: (((day + 3) % 7) + 7) % 7 + 1, msOfDay: local - day * DAY_MS, offset };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian; H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** "2026-03-08T14:00:00-04:00": the local wall time with its offset, as the CLI and audit show it. */
export function formatLocalTime(local: LocalTime): string {
  const [year, month, day] = civilFromDays(local.day);
  const seconds = Math.floor(local.msOfDay / 1000);
  const abs = Math.abs(local.offset);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}${local.offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

export function formatLocal(zone: string, ms: number): string {
  return isKnownZone(zone) ? formatLocalTime(localTime(zone, ms)) : 'unknown';
}

/**
 * The instants at which a local wall time (ms since the epoch, read as local) occurs in a zone.
 * Usually one; two in a fall-back overlap; in a spring-forward gap the wall time never occurs, and the
 * instant the clocks jump (the first moment at or after it) is returned instead.
 */
export function instantsOf(zone: string, localMs: number): number[] {
  // No zone changes its offset twice within a day, so the offsets 14 hours either side are the
  // offsets before and after any transition near this wall time.
  const before = offsetMinutes(zone, localMs - 14 * HOUR_MS);
  const after = offsetMinutes(zone, localMs + 14 * HOUR_MS);
  const results: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = localMs - offset * MINUTE_MS;
    if (offsetMinutes(zone, instant) === offset) results.push(instant);
  }
  if (results.length === 0) {
    // A gap: find the transition by bisection between the two readings of the wall time.
    let lo = localMs - Math.max(before, after) * MINUTE_MS;
    let hi = localMs - Math.min(before, after) * MINUTE_MS;
    const first = offsetMinutes(zone, lo);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetMinutes(zone, mid) === first) lo = mid;
      else hi = mid;
    }
    results.push(hi);
  }
  return results.sort((a, b) => a - b);
}
