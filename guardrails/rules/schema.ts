import { z } from 'zod';
import { channelSchema, phoneTypeSchema } from '../domain/index.js';
import { messagePurposeSchema } from '../decision/purpose.js';

/** "HH:MM", 24-hour, local time at the consumer's location. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (24-hour), e.g. 08:00' });
const isoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });
const ruleIdSchema = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { error: 'must be kebab-case, e.g. time-of-day' });
const jurisdictionSchema = z.string().regex(/^[A-Z]{2}(-[A-Z]{2,3})?(-[A-Z]{2,4})?$/, { error: 'must look like US, US-MA, US-NY-NYC or GB' });

/** The consumer flags a rule can restrict on; each has its own "is it active" test in the gate. */
export const restrictingFlagSchema = z.enum(['cease', 'attorney', 'wrongPerson', 'deceased', 'dispute', 'bankruptcy', 'crisis', 'legalHold']);
export type RestrictingFlag = z.infer<typeof restrictingFlagSchema>;

const purposes = z.array(messagePurposeSchema);
const positiveInt = z.number().int().positive();

/**
 * The parameters each kind of rule takes. Every object is strict: a parameter the engine does not
 * know is refused at load rather than silently ignored (a typo in "limit" must not lift a cap).
 */
export const parameterSchemas = {
  /** Collector-initiated contact only between start and end, local time, in every candidate zone. */
  'contact-window': z.strictObject({ start: clockTimeSchema, end: clockTimeSchema }),
  /** How conflicting location data is resolved: the intersection of windows, never an assumed zone. */
  'location-policy': z.strictObject({ candidateZones: z.literal('intersection'), assumeZoneWhenUnknown: z.literal(false) }),
  /** Consumer-designated inconvenient times bind; a consumer writing in at such a time gets this many replies. */
  'designated-times': z.strictObject({ repliesDuringInconvenientTime: z.number().int().nonnegative() }),
  /** While the flag is active, only these purposes may be sent (replyPurposes: also these, in reply to the consumer). */
  'flag-allow-only': z.strictObject({ flag: restrictingFlagSchema, purposes, replyPurposes: purposes.default([]) }),
  /** While the flag is active, these purposes may not be sent. */
  'flag-stop': z.strictObject({ flag: restrictingFlagSchema, purposes }),
  /** A medium the consumer opted out of: this many confirmations that say nothing else; replies when the consumer writes in on it. */
  'medium-opt-out': z.strictObject({ confirmations: z.number().int().nonnegative(), repliesAllowed: z.boolean() }),
  /** Revocation of consent to texts: honour within N business days; the one confirmation within M minutes. */
  'revocation': z.strictObject({ honorWithinBusinessDays: positiveInt, confirmationWithinMinutes: positiveInt }),
  /** Single-word SMS keywords, matched case-insensitively after trimming. */
  'sms-keywords': z.strictObject({ optOut: z.array(z.string().min(1)).min(1), help: z.array(z.string().min(1)), optIn: z.array(z.string().min(1)) }),
  /** No collector-initiated contact at work when the employer prohibits it or the consumer said work is inconvenient. */
  'workplace': z.strictObject({}),
  /** At most limit Parley-initiated attempts in any rolling periodDays, on the rule's channels (and address types, if given). */
  'frequency-cap': z.strictObject({ limit: z.number().int().nonnegative(), periodDays: z.number().int().nonnegative(), addressTypes: z.array(z.enum([...phoneTypeSchema.options, 'email', 'app'])).min(1).optional() }),
  /** No attempt on the rule's channels within days after an attempt with this outcome. */
  'cooldown': z.strictObject({ afterOutcome: z.enum(['conversation', 'delivered']), days: positiveInt }),
  /** The debt-collector disclosures: initialTextId on the first communication, laterTextId on every later one. */
  'disclosure': z.strictObject({ initialTextId: z.string().min(1), laterTextId: z.string().min(1), withholdUntilVerified: z.literal(true) }),
  /** The electronic opt-out notice appended to every message on the rule's channels. */
  'opt-out-notice': z.strictObject({ textIds: z.strictObject({ sms: z.string().min(1).optional(), email: z.string().min(1).optional() }) }),
  /** A state's own notice; licence: the account's stateLicenceNumber is required and shown. */
  'state-notice': z.strictObject({ textId: z.string().min(1), when: z.enum(['first-communication', 'every-communication']), licence: z.boolean() }),
  /** Texts and emails only with the consumer's written, revocable consent (flags.electronicConsent). */
  'electronic-consent': z.strictObject({}),
  /** These purposes reveal a debt and so wait until the consumer's identity is verified. */
  'verification-required': z.strictObject({ purposes: purposes.min(1) }),
  /** No collection message where others can see it (a shared Teams channel or group chat). */
  'private-audience': z.strictObject({}),
  /** A check on the words of a draft (guardrails/content); the pack only gives its citation. */
  'content': z.strictObject({}),
  /** Validation period arithmetic: receipt assumed after N business days, the period runs M days from receipt. */
  'validation': z.strictObject({ receiptBusinessDays: positiveInt, periodDays: positiveInt }),
  /** How long records showing compliance are kept after the last collection activity. */
  'retention': z.strictObject({ years: positiveInt }),
  /** An SMS, disclosures included, may use at most maxSegments segments. */
  'sms-length': z.strictObject({ maxSegments: positiveInt }),
} as const;

export type RuleKind = keyof typeof parameterSchemas;
export const RULE_KINDS = Object.keys(parameterSchemas) as RuleKind[];
export type RuleParameters<K extends RuleKind> = z.output<(typeof parameterSchemas)[K]>;

/** The fields every rule has, whatever its kind. */
export const ruleCommonSchema = z.strictObject({
  id: ruleIdSchema,
  kind: z.enum(RULE_KINDS as [RuleKind, ...RuleKind[]], { error: `must be one of: ${RULE_KINDS.join(', ')}` }),
  title: z.string().min(1),
  /** Exactly as REGULATIONS.md gives it, so an officer can trace the decision to its source. */
  citation: z.string().min(1),
  jurisdiction: jurisdictionSchema,
  channels: z.array(channelSchema).min(1, { error: 'must name at least one channel' }),
  effectiveFrom: isoDate.nullable(),
  effectiveTo: isoDate.nullable(),
  /** false where the parameter comes from a secondary source and must be verified. */
  verified: z.boolean(),
  note: z.string().optional(),
  parameters: z.unknown(),
});

export const packEnvelopeSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'must be kebab-case, e.g. us-federal' }),
  version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, { error: 'must be YEAR.MONTH.PATCH, e.g. 2026.11.0' }),
  jurisdiction: jurisdictionSchema,
  title: z.string().min(1),
  rules: z.array(z.unknown()).min(1, { error: 'must hold at least one rule' }),
});

interface RuleBase<K extends RuleKind> {
  id: string;
  kind: K;
  title: string;
  citation: string;
  jurisdiction: string;
  channels: z.infer<typeof channelSchema>[];
  effectiveFrom: string | null;
  effectiveTo: string | null;
  verified: boolean;
  note?: string;
  parameters: RuleParameters<K>;
  /** The pack the rule came from, "us-federal@2026.11.0". */
  pack: string;
  /** effectiveFrom/effectiveTo as epoch ms (UTC midnight), precomputed so decisions do not parse dates. */
  fromMs: number;
  toMs: number;
}

/** A validated rule; `kind` narrows `parameters`. */
export type Rule = { [K in RuleKind]: RuleBase<K> }[RuleKind];
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

export interface RulePack {
  id: string;
  version: string;
  jurisdiction: string;
  title: string;
  rules: readonly Rule[];
}
