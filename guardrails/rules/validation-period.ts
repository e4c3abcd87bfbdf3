import type { Account } from '../domain/index.js';
import { rulesInForce, rulesOfKind, ruleSetFor } from './combine.js';

const DAY_MS = 86_400_000;

function utcDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The nth given weekday (0 = Sunday) of a month, or the last one when n is -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = Date.UTC(year, month, 1);
    const offset = (weekday - new Date(first).getUTCDay() + 7) % 7;
    return first + (offset + (n - 1) * 7) * DAY_MS;
  }
  const last = Date.UTC(year, month + 1, 0);
  return last - ((new Date(last).getUTCDay() - weekday + 7) % 7) * DAY_MS;
}

/** A fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday after (5 U.S.C. 6103). */
function observed(ms: number): number {
  const day = new Date(ms).getUTCDay();
  return day === 6 ? ms - DAY_MS : day === 0 ? ms + DAY_MS : ms;
}

const holidayCache = new Map<number, ReadonlySet<number>>();

/** US federal holidays of a year, as observed (5 U.S.C. 6103(a)). */
export function federalHolidays(year: number): ReadonlySet<number> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = new Set<number>([
    observed(Date.UTC(year, 0, 1)),
    nthWeekday(year, 0, 1, 3), // Birthday of Martin Luther King, Jr.
    nthWeekday(year, 1, 1, 3), // Washington's Birthday
    nthWeekday(year, 4, 1, -1), // Memorial Day
    observed(Date.UTC(year, 5, 19)), // Juneteenth
    observed(Date.UTC(year, 6, 4)),
    nthWeekday(year, 8, 1, 1), // Labor Day
    nthWeekday(year, 9, 1, 2), // Columbus Day
    observed(Date.UTC(year, 10, 11)),
    nthWeekday(year, 10, 4, 4), // Thanksgiving
    observed(Date.UTC(year, 11, 25)),
  ]);
  // New Year's Day of the next year may be observed on 31 December.
  const nextNewYear = observed(Date.UTC(year + 1, 0, 1));
  if (new Date(nextNewYear).getUTCFullYear() === year) days.add(nextNewYear);
  holidayCache.set(year, days);
  return days;
}

function isBusinessDay(ms: number): boolean {
  const weekday = new Date(ms).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !federalHolidays(new Date(ms).getUTCFullYear()).has(ms);
}

export interface ValidationPeriod {
  sentOn: string;
  /** The day the consumer may assume receipt: N business days after sending, weekends and federal holidays excluded. */
  receivedOn: string;
  /** The last day of the validation period. */
  endsOn: string;
  /** Whether `at` is within the period; the last day is counted until it has ended everywhere in the US (UTC-11). */
  running: boolean;
  ruleId: string;
  citation: string;
}

/**
 * The validation period of 12 CFR 1006.34(b)(5), from the date the validation notice was sent. Null
 * when no notice is on record or no pack in force defines the period (not a US account).
 */
export function validationPeriod(account: Account, at: Date): ValidationPeriod | null {
  if (!account.validationNoticeSentAt) return null;
  const rule = rulesOfKind(rulesInForce(ruleSetFor(account.jurisdictions), at, 'email'), 'validation')[0];
  if (!rule) return null;
  const dates = periodDates(account.validationNoticeSentAt, rule.parameters.receiptBusinessDays, rule.parameters.periodDays);
  return { sentOn: dates.sentOn, receivedOn: dates.receivedOn, endsOn: dates.endsOn, running: at.getTime() < dates.endsEverywhere, ruleId: rule.id, citation: rule.citation };
}

interface PeriodDates {
  sentOn: string;
  receivedOn: string;
  endsOn: string;
  endsEverywhere: number;
}

const periodCache = new Map<string, PeriodDates>();

function periodDates(sentOn: string, receiptBusinessDays: number, periodDays: number): PeriodDates {
  const key = `${sentOn}|${receiptBusinessDays}|${periodDays}`;
  const cached = periodCache.get(key);
  if (cached) return cached;
  const sent = utcDay(sentOn);
  let received = sent;
  for (let counted = 0; counted < receiptBusinessDays; ) {
    received += DAY_MS;
    if (isBusinessDay(received)) counted++;
  }
  const ends = received + periodDays * DAY_MS;
  const dates = { sentOn: isoDay(sent), receivedOn: isoDay(received), endsOn: isoDay(ends), endsEverywhere: ends + DAY_MS + 11 * 3_600_000 };
  if (periodCache.size > 10_000) periodCache.clear();
  periodCache.set(key, dates);
  return dates;
}
