import { z } from 'zod';
import type { Account, ConsumerFlags, ContactAttempt } from '../domain/index.js';
import type { RuleApplication } from '../decision/types.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * How often Parley may write first to a consumer in one situation: at most `maxMessages` in any
 * `periodDays`, and never within `minHoursBetween` of the previous one. Counts every channel. It sits
 * under the legal caps (the gate enforces those); it never loosens them.
 */
export const pacingRuleSchema = z.strictObject({
  maxMessages: z.number().int().min(1, { error: 'must be at least 1 (to stop messages altogether, do not schedule them)' }),
  periodDays: z.number().int().min(1).max(60),
  minHoursBetween: z.number().min(0).max(24 * 60).default(0),
});
export type PacingRule = z.output<typeof pacingRuleSchema>;

export const PACING_SITUATIONS = ['hardship', 'promisePending', 'planCurrent', 'standard'] as const;
export type PacingSituation = (typeof PACING_SITUATIONS)[number];

export const preferredHourSchema = z.strictObject({
  /** Hold a message that may go now until the hour the consumer usually answers. */
  enabled: z.boolean().default(true),
  /** Answers at that hour needed before it counts as a habit. */
  minAnswers: z.number().int().min(1).default(2),
  /** Never hold a message longer than this for the preferred hour. */
  maxDelayHours: z.number().min(0).max(24).default(12),
});

/** A portfolio's changes to the default policy: each situation's rule, when given, replaces the default's whole. */
export const pacingOverridesSchema = z
  .strictObject({
    name: z.string().min(1),
    standard: pacingRuleSchema,
    hardship: pacingRuleSchema,
    promisePending: pacingRuleSchema,
    planCurrent: pacingRuleSchema,
    preferredHour: preferredHourSchema,
  })
  .partial();

export const pacingPolicySchema = z.strictObject({
  name: z.string().min(1).default('default'),
  standard: pacingRuleSchema.default({ maxMessages: 3, periodDays: 7, minHoursBetween: 24 }),
  /** The consumer told us of a hardship: room to breathe. */
  hardship: pacingRuleSchema.default({ maxMessages: 1, periodDays: 14, minHoursBetween: 72 }),
  /** A promise to pay (or settlement) whose date has not come: no chasing before it; its own reminder still goes. */
  promisePending: pacingRuleSchema.default({ maxMessages: 1, periodDays: 7, minHoursBetween: 48 }),
  /** A plan with instalments still to come: its reminders go, little else. */
  planCurrent: pacingRuleSchema.default({ maxMessages: 1, periodDays: 7, minHoursBetween: 48 }),
  preferredHour: preferredHourSchema.default({ enabled: true, minAnswers: 2, maxDelayHours: 12 }),
});
export type PacingPolicy = z.output<typeof pacingPolicySchema>;
export type PacingPolicyInput = z.input<typeof pacingPolicySchema>;

export const DEFAULT_PACING: PacingPolicy = pacingPolicySchema.parse({});

/**
 * A pacing file: a default policy and per-portfolio ones, each portfolio matched by the account's
 * current creditor or an account-id prefix. Unset fields take the defaults above.
 */
export const pacingConfigSchema = z.strictObject({
  default: pacingPolicySchema.default(DEFAULT_PACING),
  portfolios: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        match: z
          .strictObject({ creditor: z.string().min(1).optional(), accountIdPrefix: z.string().min(1).optional() })
          .refine((m) => m.creditor !== undefined || m.accountIdPrefix !== undefined, { error: 'needs creditor or accountIdPrefix' }),
        policy: pacingOverridesSchema.default({}),
      }),
    )
    .default([]),
});
export type PacingConfig = z.output<typeof pacingConfigSchema>;

/** Parses a pacing file's content; every problem is reported with its path, so the file can be fixed. */
export function parsePacingConfig(input: unknown): { ok: true; config: PacingConfig } | { ok: false; errors: string[] } {
  const parsed = pacingConfigSchema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(file)'}: ${issue.message}`) };
}

/** The policy for an account: the first portfolio that matches it, over the default. */
export function pacingFor(config: PacingConfig, account: Pick<Account, 'accountId' | 'currentCreditor'>): PacingPolicy {
  for (const portfolio of config.portfolios) {
    const { creditor, accountIdPrefix } = portfolio.match;
    if (creditor !== undefined && creditor !== account.currentCreditor) continue;
    if (accountIdPrefix !== undefined && !account.accountId.startsWith(accountIdPrefix)) continue;
    return { ...config.default, ...portfolio.policy, name: portfolio.policy.name ?? portfolio.name };
  }
  return config.default;
}

/** A date the consumer committed to (a promise, a settlement payment, a plan instalment). */
export interface PacingCommitment {
  kind: 'plan' | 'settlement' | 'promise' | 'pay-in-full';
  /** YYYY-MM-DD */
  dueDate: string;
}

/**
 * Which situations hold at `at`; `today` is the consumer's local date (YYYY-MM-DD), so a promise for
 * today is still pending today. 'standard' always holds: the stricter of all that hold applies.
 */
export function situationsOf(flags: ConsumerFlags, commitments: readonly PacingCommitment[], at: Date, today: string): PacingSituation[] {
  const found: PacingSituation[] = [];
  if (flags.hardship && Date.parse(flags.hardship.at) <= at.getTime()) found.push('hardship');
  if (commitments.some((c) => c.kind !== 'plan' && c.dueDate >= today)) found.push('promisePending');
  if (commitments.some((c) => c.kind === 'plan' && c.dueDate >= today)) found.push('planCurrent');
  found.push('standard');
  return found;
}

export interface PacingRequest {
  policy: PacingPolicy;
  situations: readonly PacingSituation[];
  /** The contact history; only Parley-initiated attempts at or before `at` count. */
  attempts: readonly ContactAttempt[];
  at: Date;
  /**
   * The message reminds the consumer of their own arrangement's date. A pending promise or a current
   * plan do not hold it back (it is the nudge they agreed to); hardship and the standard pace still do.
   */
  arrangementReminder: boolean;
}

export interface PacingResult {
  /** null: pacing allows a message at `at`. Otherwise the earliest instant it does (assuming no new messages). */
  notBefore: Date | null;
  /** The situation whose rule decided (the one holding the message back, or the strictest that applies). */
  situation: PacingSituation;
  rule: RuleApplication;
}

function describe(rule: PacingRule): string {
  return `at most ${rule.maxMessages} in ${rule.periodDays} days${rule.minHoursBetween > 0 ? `, ${rule.minHoursBetween} h apart` : ''}`;
}

const WORDS: Record<PacingSituation, string> = {
  hardship: 'a hardship on record',
  promisePending: 'a promise to pay not yet due',
  planCurrent: 'a payment plan with instalments to come',
  standard: 'no special situation',
};

/** The pace this consumer's situation allows: Parley's own policy, always below the legal caps. */
export function evaluatePacing(request: PacingRequest): PacingResult {
  const at = request.at.getTime();
  const sent: number[] = [];
  for (const attempt of request.attempts) {
    if (attempt.initiatedBy !== 'parley') continue;
    const ms = Date.parse(attempt.at);
    if (ms <= at) sent.push(ms);
  }
  sent.sort((a, b) => a - b);
  const citation = `Parley policy (pacing "${request.policy.name}")`;

  let decided: { situation: PacingSituation; notBefore: number; rule: PacingRule; count: number } | undefined;
  for (const situation of request.situations) {
    if (request.arrangementReminder && (situation === 'promisePending' || situation === 'planCurrent')) continue;
    const rule = request.policy[situation];
    const since = at - rule.periodDays * DAY_MS;
    const counted = sent.filter((ms) => ms > since);
    let notBefore = at;
    if (counted.length >= rule.maxMessages) notBefore = Math.max(notBefore, (counted[counted.length - rule.maxMessages] ?? at) + rule.periodDays * DAY_MS);
    const last = sent.at(-1);
    if (last !== undefined && rule.minHoursBetween > 0) notBefore = Math.max(notBefore, last + rule.minHoursBetween * HOUR_MS);
    if (!decided || notBefore > decided.notBefore) decided = { situation, notBefore, rule, count: counted.length };
  }
  // 'standard' is always among the situations; this fallback only covers a caller that left it out.
  decided ??= { situation: 'standard', notBefore: at, rule: request.policy.standard, count: 0 };
  const { situation, rule, count } = decided;
  const held = decided.notBefore > at;
  const reason = held
    ? `${WORDS[situation]}: ${describe(rule)}; ${count} sent in the last ${rule.periodDays} days, so the next may go at ${new Date(decided.notBefore).toISOString()}`
    : `${WORDS[situation]}: ${describe(rule)}; ${count} sent in the last ${rule.periodDays} days`;
  return { notBefore: held ? new Date(decided.notBefore) : null, situation, rule: { ruleId: `pacing-${situation}`, citation, reason } };
}
