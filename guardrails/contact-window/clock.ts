import { IANAZone } from 'luxon';
import { isKnownZone } from './zones.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * UTC offsets come from luxon's IANA zones (the platform's tz database), cached per zone in
 * 15-minute buckets: every real-world offset change happens on a quarter hour, and a bucket whose two
 * ends disagree (a transition inside it) is never cached but computed exactly. Window evaluation runs
 * hundreds of thousands of times a second; asking Intl each time would not.
 */
const BUCKET_MS = 15 * MINUTE_MS;
const offsetCaches = new Map<string, Map<number, number>>();
const ianaZones = new Map<string, IANAZone>();

function ianaZone(zone: string): IANAZone {
  let z = ianaZones.get(zone);
  if (!z) {
    z = IANAZone.create(zone);
    ianaZones.set(zone, z);
  }
  return z;
}

/** The zone's UTC offset in minutes at an instant (epoch ms). */
export function offsetMinutes(zone: string, ms: number): number {
  let cache = offsetCaches.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(zone, cache);
  }
  const bucket = Math.floor(ms / BUCKET_MS);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const z = ianaZone(zone);
  const atStart = z.offset(bucket * BUCKET_MS);
  const atEnd = z.offset(bucket * BUCKET_MS + BUCKET_MS - 1);
  if (atStart !== atEnd) return z.offset(ms);
  if (cache.size > 200_000) cache.clear();
  cache.set(bucket, atStart);
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

/** "2026-03-08T14:00:00-04:00": the local wall time with its offset, as the CLI and audit show it. */
export function formatLocal(zone: string, ms: number): string {
  if (!isKnownZone(zone)) return 'unknown';
  const offset = offsetMinutes(zone, ms);
  const wall = new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
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
