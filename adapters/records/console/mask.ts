import { maskForLog } from '../../../guardrails/index.js';

/**
 * Keys whose values Parley itself writes (ids, rule ids, citations, verdicts, instants): never
 * personal data, and masking them would hide what an officer needs (an instant looks like a date).
 */
const TECHNICAL_KEYS = new Set([
  'ruleId',
  'citation',
  'reason',
  'verdict',
  'packVersion',
  'speechAct',
  'kind',
  'field',
  'intent',
  'disclosures',
  'model',
  'promptVersion',
  'used',
  'status',
  'messageSid',
  'activityId',
  'replyTo',
  'accountId',
  'at',
  'deferUntil',
  'scope',
  'encoding',
  'withinValidationPeriod',
  'validationPeriodEnds',
  'media',
  'medium',
  'errorCode',
  'parts',
  'classifier',
  'stage',
]);

// Dates first: a birth date written 1985-04-12 would otherwise be taken for a phone number.
const DATE_LIKE = /\b(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})\b/g;

/** Free text with personal data masked: dates, then phones, emails, card and SSN digits (maskForLog). */
export function maskText(text: string): string {
  return maskForLog(text.replace(DATE_LIKE, '[date]'));
}

/** A copy of a payload with every free-text string masked (phones, emails, dates, card and SSN digits). */
export function maskPayload<T>(value: T, key?: string): T {
  if (typeof value === 'string') return (key !== undefined && TECHNICAL_KEYS.has(key) ? value : maskText(value)) as T;
  if (Array.isArray(value)) return value.map((item) => maskPayload(item, key)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(value as Record<string, unknown>)) out[k] = maskPayload(item, k);
  return out as T;
}

/** "Alex S." : enough for an officer to tell conversations apart without showing the full name. */
export function maskName(firstName: string, lastName: string): string {
  return `${firstName} ${lastName.slice(0, 1)}.`;
}
