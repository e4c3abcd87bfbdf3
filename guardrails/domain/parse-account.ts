import { accountInputSchema, type Account } from './account.js';
import { resolveJurisdictions } from './jurisdiction.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Validates one account as written in an import file; every problem is reported, path first. */
export function parseAccount(input: unknown): ParseResult<Account> {
  const parsed = accountInputSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(account)'}: ${issue.message}`),
    };
  }
  const account = parsed.data;
  if (account.consumer.address.country === 'US' && !account.jurisdiction && !account.consumer.address.region) {
    return { ok: false, errors: ['consumer.address.region: a US address needs its state (e.g. MA) unless jurisdiction is given'] };
  }
  return { ok: true, value: { ...account, jurisdictions: resolveJurisdictions(account.consumer.address, account.jurisdiction) } };
}
