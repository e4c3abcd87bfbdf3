import { z } from 'zod';
import { languageSchema, mediumSchema } from './channel.js';

const instant = z.iso.datetime({ offset: true });
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (24-hour)' });

/**
 * The durable facts about a consumer that change what Parley may say or send. Each entry records
 * when it was learned so a decision can be replayed, and the source (conversation id, import,
 * agent) so an officer can trace it.
 */
export const consumerFlagsSchema = z.object({
  cease: z.object({ at: instant, kind: z.enum(['cease', 'refusal']), source: z.string().optional() }).optional(),
  optOuts: z
    .array(z.object({ medium: mediumSchema, at: instant, address: z.string().optional(), confirmationSent: z.boolean().default(false) }))
    .default([]),
  attorney: z
    .object({ at: instant, name: z.string().optional(), phone: z.string().optional(), email: z.string().optional(), firm: z.string().optional() })
    .optional(),
  dispute: z
    .object({
      at: instant,
      scope: z.enum(['all', 'part']),
      description: z.string().optional(),
      withinValidationPeriod: z.boolean(),
      /** Collection on the disputed part pauses until verification is sent (1006.38). */
      verificationSentAt: instant.optional(),
    })
    .optional(),
  validationRequested: z.object({ at: instant }).optional(),
  bankruptcy: z.object({ at: instant }).optional(),
  deceased: z.object({ at: instant }).optional(),
  wrongPerson: z.object({ at: instant, numbers: z.array(z.string()).default([]) }).optional(),
  crisis: z.object({ at: instant }).optional(),
  military: z.object({ at: instant }).optional(),
  hardship: z.object({ at: instant, note: z.string().optional() }).optional(),
  /** Consumer-designated inconvenient times bind from the moment they are said (1006.6(b)(1)). */
  inconvenientTimes: z
    .array(z.object({ at: instant, notBefore: clockTime.optional(), notAfter: clockTime.optional(), days: z.array(z.number().int().min(1).max(7)).optional(), said: z.string().optional() }))
    .default([]),
  inconvenientPlaces: z.array(z.object({ at: instant, place: z.enum(['work', 'home', 'other']), said: z.string().optional() })).default([]),
  /** The employer prohibits contact at work (1006.6(b)(3)). */
  workplaceProhibited: z.boolean().default(false),
  /** Time zones the consumer told us about ("I'm in California now"). */
  statedTimeZones: z.array(z.string()).default([]),
  language: languageSchema.optional(),
  /** Written, revocable consent to electronic messages (NYC requires it for texts and email). */
  electronicConsent: z.object({ at: instant, media: z.array(mediumSchema) }).optional(),
  legalHold: z.object({ at: instant, reason: z.string() }).optional(),
  /** When the verified consumer first received the initial debt-collector disclosure (1006.18(e)(1)). */
  initialDisclosureAt: instant.optional(),
  /** Linked channel identities (a Teams user id, a web chat user) recorded after verification only. */
  linkedIdentities: z.array(z.object({ channel: z.string(), id: z.string(), at: instant })).default([]),
});
export type ConsumerFlags = z.output<typeof consumerFlagsSchema>;

export function emptyFlags(): ConsumerFlags {
  return consumerFlagsSchema.parse({});
}
