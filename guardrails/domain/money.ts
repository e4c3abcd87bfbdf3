import { z } from 'zod';

/** Amounts are integers in minor units (cents, pence) so itemization arithmetic is exact. */
export type MinorUnits = number;

/** Parses an amount written in major units ("1234.56") into minor units, refusing sub-cent precision. */
export const majorUnitsAmount = z
  .number({ error: 'must be a number in major units, e.g. 1234.56' })
  .nonnegative({ error: 'must not be negative' })
  .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, { error: 'must have at most two decimal places' })
  .transform((value): MinorUnits => Math.round(value * 100));

export const currencySchema = z.enum(['USD', 'GBP']);
export type Currency = z.infer<typeof currencySchema>;

export function formatMoney(amount: MinorUnits, currency: Currency, language: 'en' | 'es' = 'en'): string {
  const locale = language === 'es' ? 'es-US' : currency === 'GBP' ? 'en-GB' : 'en-US';
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 100);
}
