import { z } from 'zod';
import { currencySchema, mediumSchema } from '../../guardrails/index.js';

/**
 * The kinds of value a speech act's slot can hold. Each kind is one schema instance, so the
 * catalogue can tell money and date slots apart by identity (the gate passes them as allowed
 * amounts and dates) and the renderer knows how to format each one in each language.
 */

/** An amount in minor units with its currency, as the account holds it. */
export const moneySlot = z.object({
  amount: z.number().int({ error: 'must be an integer amount in minor units (cents, pence)' }).nonnegative(),
  currency: currencySchema,
});
export type MoneySlot = z.infer<typeof moneySlot>;

/** A calendar date as YYYY-MM-DD, rendered in the language's long style. */
export const dateSlot = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/** A clock time as HH:MM (24-hour), rendered in the language's style. */
export const timeSlot = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (24-hour)' });

/** Short text from the record or the configuration (a name, a creditor): never consumer-typed prose. */
export const textSlot = z.string().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' });

/** A longer approved text (an article's answer), still bounded so a slot cannot carry a whole document. */
export const passageSlot = z.string().trim().min(1, { error: 'must not be empty' }).max(1200, { error: 'must be at most 1200 characters' });

/** A count (payments, months, attempts left). */
export const countSlot = z.number().int({ error: 'must be a whole number' }).nonnegative();

/** A link the consumer follows (payment page, transcript copy); https only so it is never a lure. */
export const urlSlot = z.url({ protocol: /^https$/, error: 'must be an https URL' });

/** The phone number to reach a person, as configured ("1-800-555-0100"). */
export const phoneSlot = z.string().trim().regex(/^[+\d][\d\s().-]{5,24}$/, { error: 'must be a phone number such as 1-800-555-0100' });

const hoursDays = z.enum(['weekdays', 'monday-to-saturday', 'every-day']);

/**
 * When a person can be reached. The structured form renders in every language; a plain string (as
 * the configuration may hold it) is used as written, so the configuration answers for its language.
 */
export const hoursSlot = z.union([
  z.object({
    days: hoursDays,
    opens: timeSlot,
    closes: timeSlot,
    /** IANA time zone of the hours, shown by its generic name ("Eastern Time", "hora oriental"). */
    timeZone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as America/New_York' }),
  }),
  textSlot,
]);
export type HoursSlot = z.infer<typeof hoursSlot>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Closed sets of values whose words live in the templates' vocabulary, per language (so "sms" reads
 * "text messages" or "mensajes de texto"). Load validation checks every value has a word in both.
 */
export const vocabularies = {
  medium: mediumSchema,
  frequency: z.enum(['weekly', 'biweekly', 'monthly']),
  disputeScope: z.enum(['all', 'part']),
  identityFactors: z.enum(['dob-and-ssn4', 'dob-and-zip', 'dob-and-postcode']),
  place: z.enum(['work', 'home', 'other']),
  remedy: z.enum(['credit-reporting', 'lawsuit', 'return-to-creditor']),
  regulator: z.enum(['cfpb', 'financial-ombudsman']),
  hoursDays,
} as const;
export type VocabularyName = keyof typeof vocabularies;

export type SlotKind = 'money' | 'date' | 'time' | 'text' | 'passage' | 'count' | 'url' | 'phone' | 'hours' | `vocabulary:${VocabularyName}`;

const kindBySchema = new Map<z.ZodType, SlotKind>([
  [moneySlot, 'money'],
  [dateSlot, 'date'],
  [timeSlot, 'time'],
  [textSlot, 'text'],
  [passageSlot, 'passage'],
  [countSlot, 'count'],
  [urlSlot, 'url'],
  [phoneSlot, 'phone'],
  [hoursSlot, 'hours'],
  ...(Object.entries(vocabularies) as [VocabularyName, z.ZodType][]).map(([name, schema]): [z.ZodType, SlotKind] => [schema, `vocabulary:${name}`]),
]);

/** The kind of a slot schema, looking through `.optional()`; an unknown schema is a programming error. */
export function slotKindOf(schema: z.ZodType): { kind: SlotKind; optional: boolean } {
  const optional = schema instanceof z.ZodOptional;
  const inner = optional ? (schema.unwrap() as z.ZodType) : schema;
  const kind = kindBySchema.get(inner);
  if (!kind) throw new Error('a speech act slot must use one of the slot schemas of knowledge/speech-acts/slots.ts');
  return { kind, optional };
}
