import { z } from 'zod';
import { RULE_PACKS } from '../../../guardrails/index.js';

const VERDICTS = { send: 'send', sent: 'send', defer: 'defer', deferred: 'defer', block: 'block', blocked: 'block', suppress: 'suppress', suppressed: 'suppress' } as const;

/** Flag names as an officer types them, to the ConsumerFlags field the trail records. */
const FLAG_ALIASES: Readonly<Record<string, string>> = {
  'opt-out': 'optOuts',
  optout: 'optOuts',
  optouts: 'optOuts',
  'wrong-person': 'wrongPerson',
  wrongperson: 'wrongPerson',
  'validation-request': 'validationRequested',
  validationrequested: 'validationRequested',
  'inconvenient-time': 'inconvenientTimes',
  inconvenienttimes: 'inconvenientTimes',
  'inconvenient-place': 'inconvenientPlaces',
  inconvenientplaces: 'inconvenientPlaces',
  'legal-hold': 'legalHold',
  legalhold: 'legalHold',
};

function startOfDay(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

/** An instant, or a date (UTC): `from` a date means its start, `to` a date means the end of that day. */
const instantOrDate = (edge: 'from' | 'to') =>
  z
    .string()
    .trim()
    .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) || (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))), {
      error: 'must be a date (YYYY-MM-DD) or an ISO-8601 instant',
    })
    .transform((value) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
      const day = startOfDay(value);
      return edge === 'from' ? day : new Date(day.getTime() + 86_400_000);
    });

const text = (max: number) => z.string().trim().min(1).max(max);

const yes = z
  .union([z.boolean(), z.string()])
  .transform((value, ctx) => {
    if (typeof value === 'boolean') return value;
    if (/^(1|true|yes|on)$/i.test(value)) return true;
    if (/^(0|false|no|off|)$/i.test(value)) return false;
    ctx.addIssue({ code: 'custom', message: 'must be true or false' });
    return z.NEVER;
  });

/** The search filters, as query-string values (the API) or CLI options; every one optional. */
export const searchFiltersSchema = z
  .object({
    account: text(64).optional(),
    phone: z
      .string()
      .trim()
      .transform((value) => value.replace(/[\s().-]/g, ''))
      .refine((value) => /^\+?\d{7,15}$/.test(value), { error: 'must be a phone number, e.g. +16175550123' })
      .transform((value) => (value.startsWith('+') ? value : value.length === 10 ? `+1${value}` : `+${value}`))
      .optional(),
    name: text(100).optional(),
    from: instantOrDate('from').optional(),
    to: instantOrDate('to').optional(),
    channel: z.string().trim().regex(/^[a-z0-9-]{1,32}$/, { error: 'must be a channel id such as sms, webchat, msteams' }).optional(),
    jurisdiction: z
      .string()
      .trim()
      .transform((value) => value.toUpperCase())
      .refine((value) => /^[A-Z]{2}(-[A-Z]{2,3})?(-[A-Z]{2,4})?$/.test(value), { error: 'must look like US, US-MA, US-NY-NYC or GB' })
      .optional(),
    rule: text(120).optional(),
    verdict: z
      .string()
      .trim()
      .toLowerCase()
      .refine((value) => value in VERDICTS, { error: 'must be send, defer, block or suppress' })
      .transform((value) => VERDICTS[value as keyof typeof VERDICTS])
      .optional(),
    flag: z
      .string()
      .trim()
      .regex(/^[A-Za-z-]{2,40}$/, { error: 'must be a flag such as dispute, cease, opt-out, attorney, crisis' })
      .transform((value) => FLAG_ALIASES[value.toLowerCase()] ?? value)
      .optional(),
    replaced: yes.optional(),
    text: text(200).optional(),
    conversation: text(300).optional(),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from < filters.to, { error: '`from` must be before `to`', path: ['to'] });

export type SearchFilters = z.output<typeof searchFiltersSchema>;
export type SearchFiltersInput = z.input<typeof searchFiltersSchema>;

/** Problems as "field: message" lines, for a 400 answer or a CLI usage error. */
export function filterProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'filters'}: ${issue.message}`);
}

export interface RuleMatch {
  ruleIds: string[];
  citations: string[];
}

/**
 * A rule filter is a rule id ("dispute") or any part of a citation ("1006.38", "CONC 7.9"): it is
 * resolved against the rule packs to every rule id and exact citation it names, so the search can
 * use the indexed arrays instead of scanning text.
 */
export function resolveRuleFilter(rule: string): RuleMatch {
  const given = rule.trim();
  const needle = given.toLowerCase();
  const rules = RULE_PACKS.flatMap((pack) => pack.rules);
  // A rule id names that rule only (other rules may share its citation).
  const byId = rules.filter((candidate) => candidate.id.toLowerCase() === needle);
  if (byId.length > 0) return { ruleIds: [...new Set(byId.map((candidate) => candidate.id))], citations: [] };
  const ruleIds = new Set<string>([given]);
  const citations = new Set<string>([given]);
  for (const candidate of rules) {
    if (candidate.citation.toLowerCase().includes(needle)) {
      ruleIds.add(candidate.id);
      citations.add(candidate.citation);
    }
  }
  return { ruleIds: [...ruleIds].sort(), citations: [...citations].sort() };
}

/** Words of a free-text search as a prefix tsquery ("disput:* & owe:*"); undefined when nothing searchable is left. */
export function textQuery(input: string): string | undefined {
  const words = input.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words)].slice(0, 12);
  return unique.length ? unique.map((word) => `${word}:*`).join(' & ') : undefined;
}
