import { IANAZone } from 'luxon';
import zipcodeToTimezone from 'zipcode-to-timezone';
import { LONGEST_PHONE_PREFIX, PHONE_ZONE_MAP } from './phone-zone-data.js';

const validZones = new Map<string, boolean>();

/** Whether luxon (the platform's ICU data) knows the zone; a zone it cannot compute is never assumed. */
export function isKnownZone(zone: string): boolean {
  let known = validZones.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone);
    validZones.set(zone, known);
  }
  return known;
}

const phoneCache = new Map<string, readonly string[]>();

/**
 * Candidate zones for a phone number (E.164), by the longest prefix in Google's map. A prefix that
 * maps to many zones (+1 alone for a toll-free or non-geographic number) makes all of them candidates:
 * the number says nothing narrower about where the consumer is.
 */
export function phoneZones(e164: string): readonly string[] {
  const cached = phoneCache.get(e164);
  if (cached) return cached;
  const digits = e164.replace(/\D/g, '');
  let zones: readonly string[] = [];
  for (let length = Math.min(digits.length, LONGEST_PHONE_PREFIX); length > 0; length--) {
    const found = PHONE_ZONE_MAP.get(digits.slice(0, length));
    if (found) {
      zones = found;
      break;
    }
  }
  if (phoneCache.size > 100_000) phoneCache.clear();
  phoneCache.set(e164, zones);
  return zones;
}

const UK_CROWN_DEPENDENCIES: Readonly<Record<string, string>> = { GY: 'Europe/Guernsey', JE: 'Europe/Jersey', IM: 'Europe/Isle_of_Man' };
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;
const US_ZIP = /^\d{5}(-\d{4})?$/;

/** The country a postal code looks like, when none is given: a ZIP is US, a postcode GB. */
export function guessPostalCountry(postalCode: string): string | undefined {
  const code = postalCode.trim();
  if (US_ZIP.test(code)) return 'US';
  if (UK_POSTCODE.test(code)) return 'GB';
  return undefined;
}

/** Candidate zones for a postal address: US ZIP (zipcode-to-timezone), Puerto Rico and US territories, UK postcodes. */
export function postalZones(postalCode: string, country?: string): readonly string[] {
  const code = postalCode.trim().toUpperCase();
  const cc = (country ?? guessPostalCountry(code) ?? '').toUpperCase();
  if (cc === 'PR') return ['America/Puerto_Rico'];
  if (cc === 'VI') return ['America/St_Thomas'];
  if (cc === 'GU') return ['Pacific/Guam'];
  if (cc === 'GB' || cc === 'UK') {
    if (!UK_POSTCODE.test(code)) return [];
    return [UK_CROWN_DEPENDENCIES[code.slice(0, 2)] ?? 'Europe/London'];
  }
  if (cc !== 'US' || !US_ZIP.test(code)) return [];
  const zip = code.slice(0, 5);
  // The library's table leaves out the territories that share the US ZIP system.
  const prefix = zip.slice(0, 3);
  if (prefix === '006' || prefix === '007' || prefix === '009') return ['America/Puerto_Rico'];
  if (prefix === '008') return ['America/St_Thomas'];
  if (prefix === '969') return ['Pacific/Guam'];
  const zone = zipcodeToTimezone.lookup(zip);
  return zone ? [zone] : [];
}

export interface ZoneSources {
  phones?: readonly string[];
  postalCode?: string;
  country?: string;
  /** Zones the consumer told us about. */
  statedTimeZones?: readonly string[];
}

export interface CandidateZones {
  /** Sorted, without duplicates. */
  readonly zones: string[];
  /** Where each zone came from, for the decision's reasons ("phone +1617…23", "postal code 94105", "stated by the consumer"). */
  readonly sources: ReadonlyMap<string, readonly string[]>;
  /** Inputs that gave no zone (unknown ZIP, unknown stated zone), so the reasons can say so. */
  readonly unresolved: readonly string[];
}

const candidateCache = new Map<string, CandidateZones>();

/**
 * Every zone the consumer might be in, from every phone number, the address and what they said.
 * Cached by its inputs (the same account is evaluated again and again); the result is shared, so
 * callers must not change it.
 */
export function candidateZones(input: ZoneSources): CandidateZones {
  const key = `${(input.phones ?? []).join(',')}|${input.postalCode ?? ''}|${input.country ?? ''}|${(input.statedTimeZones ?? []).join(',')}`;
  const cached = candidateCache.get(key);
  if (cached) return cached;
  const result = computeCandidateZones(input);
  if (candidateCache.size > 50_000) candidateCache.clear();
  candidateCache.set(key, result);
  return result;
}

function computeCandidateZones(input: ZoneSources): CandidateZones {
  const sources = new Map<string, string[]>();
  const unresolved: string[] = [];
  const add = (zone: string, from: string): void => {
    const list = sources.get(zone);
    if (list) {
      if (!list.includes(from)) list.push(from);
    } else sources.set(zone, [from]);
  };
  for (const phone of input.phones ?? []) {
    const zones = phoneZones(phone);
    if (zones.length === 0) unresolved.push(`phone ${maskPhone(phone)} has no time-zone data`);
    for (const zone of zones) add(zone, `phone ${maskPhone(phone)}`);
  }
  if (input.postalCode) {
    const zones = postalZones(input.postalCode, input.country);
    if (zones.length === 0) unresolved.push(`postal code ${input.postalCode}${input.country ? ` (${input.country})` : ''} has no time-zone data`);
    for (const zone of zones) add(zone, `postal code ${input.postalCode}`);
  }
  for (const zone of input.statedTimeZones ?? []) {
    if (isKnownZone(zone)) add(zone, 'stated by the consumer');
    else unresolved.push(`stated time zone "${zone}" is not a known zone`);
  }
  // A phone or postal zone the platform cannot compute stays a candidate: the window treats it as
  // never convenient, so missing time-zone data fails closed.
  return { zones: [...sources.keys()].sort(), sources, unresolved };
}

/** Reasons are logged and audited: keep the area code, hide the line number. */
export function maskPhone(e164: string): string {
  return e164.length > 8 ? `${e164.slice(0, e164.startsWith('+1') ? 5 : 4)}…${e164.slice(-2)}` : e164;
}
