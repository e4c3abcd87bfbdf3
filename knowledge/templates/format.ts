import type { Language } from '../../guardrails/index.js';

/**
 * Dates and times in the language's style. Intl is pure given its arguments; every instant built
 * here is a fixed one derived from the slot, never the clock. Times are read as wall-clock times
 * (formatted in UTC so no zone shifts them).
 */

function localeFor(language: Language, country: string | undefined): string {
  if (language === 'es') return 'es-US';
  return country === 'GB' ? 'en-GB' : 'en-US';
}

/** Intl puts narrow and ordinary no-break spaces in times and amounts; SMS encodings and plain-text readers handle a plain space better. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

/** "March 1, 2025", "1 March 2025" (GB), "1 de marzo de 2025". */
export function formatDate(isoDate: string, language: Language, country?: string): string {
  const instant = new Date(`${isoDate}T12:00:00Z`);
  return plainSpaces(new Intl.DateTimeFormat(localeFor(language, country), { dateStyle: 'long', timeZone: 'UTC' }).format(instant));
}

/** "8:00 AM", "08:00" (GB), "8:00 a.m.". */
export function formatTime(hhmm: string, language: Language, country?: string): string {
  const instant = new Date(`2000-01-01T${hhmm}:00Z`);
  return plainSpaces(new Intl.DateTimeFormat(localeFor(language, country), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(instant));
}

/** "Eastern Time", "hora oriental": the generic name, the same in summer and winter. */
export function formatTimeZone(zone: string, language: Language, country?: string): string {
  const parts = new Intl.DateTimeFormat(localeFor(language, country), { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(new Date(Date.UTC(2000, 0, 1)));
  return plainSpaces(parts.find((part) => part.type === 'timeZoneName')?.value ?? zone);
}
