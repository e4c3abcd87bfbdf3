import { z } from 'zod';
import { isValidPhoneNumber } from 'libphonenumber-js';
import { currencySchema, majorUnitsAmount } from './money.js';
import { languageSchema } from './channel.js';

const isoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

export const phoneTypeSchema = z.enum(['mobile', 'home', 'work', 'other']);
export type PhoneType = z.infer<typeof phoneTypeSchema>;

export const phoneSchema = z.object({
  number: z.string().refine((value) => /^\+[1-9]\d{6,14}$/.test(value) && isValidPhoneNumber(value), {
    error: 'must be a valid phone number in E.164 form, e.g. +16175550123',
  }),
  type: phoneTypeSchema.default('mobile'),
});
export type Phone = z.infer<typeof phoneSchema>;

export const addressSchema = z.object({
  line1: z.string().min(1),
  line2: z.string().optional(),
  city: z.string().min(1),
  /** US state or UK county; two-letter code for US states. */
  region: z.string().optional(),
  postalCode: z.string().min(1),
  /** ISO 3166-1 alpha-2 (US, GB, PR for Puerto Rico is accepted as US territory). */
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code such as US or GB' }),
});
export type Address = z.infer<typeof addressSchema>;

export const consumerSchema = z.object({
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  dateOfBirth: isoDate,
  ssnLast4: z.string().regex(/^\d{4}$/, { error: 'must be exactly 4 digits' }).optional(),
  phones: z.array(phoneSchema).default([]),
  email: z.email({ error: 'must be an email address' }).optional(),
  address: addressSchema,
  preferredLanguage: languageSchema.default('en'),
});
export type Consumer = z.infer<typeof consumerSchema>;

export const debtSchema = z.object({
  itemizationDate: isoDate,
  amountAtItemization: majorUnitsAmount,
  interestSinceItemization: majorUnitsAmount.default(0),
  feesSinceItemization: majorUnitsAmount.default(0),
  paymentsSinceItemization: majorUnitsAmount.default(0),
  creditsSinceItemization: majorUnitsAmount.default(0),
  currentBalance: majorUnitsAmount,
  currency: currencySchema.default('USD'),
  timeBarred: z.boolean().default(false),
  suitIntended: z.boolean().default(false),
});
export type Debt = z.infer<typeof debtSchema>;

/** What the creditor allows the collector to offer; no offer may go beyond it. */
export const authoritySchema = z.object({
  minInstalment: majorUnitsAmount,
  maxPlanMonths: z.number().int().positive(),
  lowestSettlement: majorUnitsAmount,
  allowsHardshipPause: z.boolean().default(false),
  maxPauseMonths: z.number().int().nonnegative().default(0),
});
export type Authority = z.infer<typeof authoritySchema>;

/** Jurisdiction ids the rule packs use: US, US-MA, US-NY, US-NY-NYC, GB ... */
export const jurisdictionIdSchema = z.string().regex(/^[A-Z]{2}(-[A-Z]{2,3})?(-[A-Z]{2,4})?$/, {
  error: 'must look like US, US-MA, US-NY-NYC or GB',
});

/** One account as written in an import file (amounts in major units). */
export const accountInputSchema = z
  .object({
    accountId: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, { error: 'may hold letters, digits, dot, dash and underscore only' }),
    consumer: consumerSchema,
    currentCreditor: z.string().min(1),
    originalCreditor: z.string().min(1),
    debt: debtSchema,
    validationNoticeSentAt: isoDate.optional(),
    authority: authoritySchema,
    jurisdiction: jurisdictionIdSchema.optional(),
    /** The collector's licence number shown where a state requires it (California). */
    stateLicenceNumber: z.string().optional(),
  })
  .strict()
  .superRefine((account, ctx) => {
    const d = account.debt;
    const expected = d.amountAtItemization + d.interestSinceItemization + d.feesSinceItemization - d.paymentsSinceItemization - d.creditsSinceItemization;
    if (expected !== d.currentBalance) {
      ctx.addIssue({
        code: 'custom',
        path: ['debt', 'currentBalance'],
        message: `does not equal the itemization: ${(d.amountAtItemization / 100).toFixed(2)} + interest ${(d.interestSinceItemization / 100).toFixed(2)} + fees ${(d.feesSinceItemization / 100).toFixed(2)} - payments ${(d.paymentsSinceItemization / 100).toFixed(2)} - credits ${(d.creditsSinceItemization / 100).toFixed(2)} = ${(expected / 100).toFixed(2)}, not ${(d.currentBalance / 100).toFixed(2)}`,
      });
    }
    if (account.authority.lowestSettlement > d.currentBalance) {
      ctx.addIssue({ code: 'custom', path: ['authority', 'lowestSettlement'], message: 'is above the current balance' });
    }
    if (account.consumer.phones.length === 0 && !account.consumer.email) {
      ctx.addIssue({ code: 'custom', path: ['consumer'], message: 'needs at least one phone or an email to be reachable' });
    }
  });

export type AccountInput = z.input<typeof accountInputSchema>;

/** An account as Parley holds it: amounts in minor units, jurisdictions resolved. */
export type Account = z.output<typeof accountInputSchema> & { jurisdictions: string[] };
