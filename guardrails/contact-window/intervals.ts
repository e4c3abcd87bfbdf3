import { DAY_MS, MINUTE_MS } from './clock.js';

/** A closed interval of local time of day in ms: [from, to], both inclusive (21:00:00.000 is still inside 08:00–21:00). */
export type Interval = readonly [number, number];

/** A consumer-designated inconvenient time as flags record it (1006.6(b)(1)). */
export interface InconvenientTime {
  at: string;
  notBefore?: string;
  notAfter?: string;
  /** ISO weekdays (1 = Monday) the restriction applies on; absent means every day. */
  days?: readonly number[];
  said?: string;
}

export function clockMs(clock: string): number {
  return (Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))) * MINUTE_MS;
}

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [af, at] of a) {
    for (const [bf, bt] of b) {
      const from = Math.max(af, bf);
      const to = Math.min(at, bt);
      if (from <= to) out.push([from, to]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/**
 * The times of day one designated restriction still allows. "Not before 12:00" allows 12:00 onward,
 * "not after 17:00" up to 17:00, both together the span between; a notBefore later than the notAfter
 * ("not after 13:00, not before 14:00") leaves the two ends of the day; neither (with days) rules the
 * whole day out.
 */
function allowedBy(entry: InconvenientTime): Interval[] {
  const nb = entry.notBefore === undefined ? undefined : clockMs(entry.notBefore);
  const na = entry.notAfter === undefined ? undefined : clockMs(entry.notAfter);
  if (nb === undefined && na === undefined) return [];
  if (nb === undefined) return [[0, na ?? 0]];
  if (na === undefined) return [[nb, DAY_MS - 1]];
  if (nb <= na) return [[nb, na]];
  return [
    [0, na],
    [nb, DAY_MS - 1],
  ];
}

const weekCache = new Map<string, readonly (readonly Interval[])[]>();

/**
 * The allowed intervals for each ISO weekday (index 1..7; 0 unused): the pack window intersected with
 * every designated restriction that applies on that day. Cached by content, since most consumers
 * share the default window and have no restrictions.
 */
export function allowedByWeekday(start: string, end: string, entries: readonly InconvenientTime[]): readonly (readonly Interval[])[] {
  const key = `${start}|${end}|${entries.map((e) => `${e.notBefore ?? ''}-${e.notAfter ?? ''}-${(e.days ?? []).join('.')}`).join(',')}`;
  const cached = weekCache.get(key);
  if (cached) return cached;
  const window: Interval[] = [[clockMs(start), clockMs(end)]];
  const week: Interval[][] = [[]];
  for (let weekday = 1; weekday <= 7; weekday++) {
    let allowed: Interval[] = window;
    for (const entry of entries) {
      if (entry.days && entry.days.length > 0 && !entry.days.includes(weekday)) continue;
      allowed = intersect(allowed, allowedBy(entry));
    }
    week.push(allowed);
  }
  if (weekCache.size > 10_000) weekCache.clear();
  weekCache.set(key, week);
  return week;
}

export function inside(intervals: readonly Interval[], msOfDay: number): boolean {
  for (const [from, to] of intervals) if (msOfDay >= from && msOfDay <= to) return true;
  return false;
}
