import { DAY_MS, HOUR_MS, formatLocalTime, instantsOf, localTime } from '../contact-window/clock.js';
import { isKnownZone, postalZones, type CandidateZones } from '../contact-window/index.js';
import type { Account, ConsumerFlags } from '../domain/index.js';

/**
 * The zone a consumer's habits are read in: where their address is, else the first candidate. The
 * contact window still checks every candidate zone; this only names the clock "7 p.m." is read on.
 */
export function homeZone(candidates: CandidateZones): string | undefined {
  for (const zone of candidates.zones) {
    if (isKnownZone(zone) && (candidates.sources.get(zone) ?? []).some((source) => source.startsWith('postal code'))) return zone;
  }
  return candidates.zones.find((zone) => isKnownZone(zone));
}

/**
 * homeZone without building every candidate: the address's zone when it has one (the common case,
 * and a plain lookup), else what candidateZones finds from phones and stated zones.
 */
export function homeZoneOf(account: Account, flags: ConsumerFlags, candidates: () => CandidateZones): string | undefined {
  const address = account.consumer.address;
  const postal = postalZones(address.postalCode, address.country)[0];
  if (postal && isKnownZone(postal)) return postal;
  return homeZone(candidates());
}

/** The local calendar date (YYYY-MM-DD) in a zone at an instant; UTC's when the zone is unknown. */
export function localDate(zone: string | undefined, at: Date): string {
  if (!zone || !isKnownZone(zone)) return at.toISOString().slice(0, 10);
  return formatLocalTime(localTime(zone, at.getTime())).slice(0, 10);
}

/** The local hour (0–23) in a zone at an instant. */
export function localHour(zone: string, at: number): number {
  return Math.floor(localTime(zone, at).msOfDay / HOUR_MS);
}

function daysOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The instant a local wall time (date YYYY-MM-DD, HH:MM) happens in a zone; in a DST gap, the moment the clocks jump. */
export function zonedInstant(zone: string, date: string, clock: string): Date {
  const [h, m] = clock.split(':').map(Number);
  const localMs = daysOf(date) * DAY_MS + (h ?? 0) * HOUR_MS + (m ?? 0) * 60_000;
  return new Date(instantsOf(zone, localMs)[0] ?? localMs);
}

/** The date `days` after a YYYY-MM-DD date (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date((daysOf(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * `from` itself when its local hour is `hour`, else the next instant the local clock reads hour:00
 * (the clock-jump moment if that hour is skipped by DST).
 */
export function nextLocalHour(zone: string, hour: number, from: Date): Date {
  const ms = from.getTime();
  const local = localTime(zone, ms);
  if (Math.floor(local.msOfDay / HOUR_MS) === hour) return from;
  for (let day = local.day; day <= local.day + 2; day++) {
    for (const instant of instantsOf(zone, day * DAY_MS + hour * HOUR_MS)) if (instant > ms) return new Date(instant);
  }
  return from;
}
