// Builders for the guardrail tests and bench: accounts in the import format, parsed like an import.
import { emptyFlags, parseAccount, type Account, type AccountInput, type ConsumerFlags, type ContactAttempt, type PhoneType } from '../domain/index.js';
import type { GateRequest } from './types.js';

export interface AccountOptions {
  accountId?: string;
  phones?: readonly (string | { number: string; type: PhoneType })[];
  region?: string;
  postalCode?: string;
  country?: string;
  city?: string;
  jurisdiction?: string;
  email?: string;
  stateLicenceNumber?: string;
  timeBarred?: boolean;
  suitIntended?: boolean;
  currency?: 'USD' | 'GBP';
}

export function accountInput(options: AccountOptions = {}): AccountInput {
  return {
    accountId: options.accountId ?? 'ACC-1001',
    consumer: {
      firstName: 'Jane',
      lastName: 'Doe',
      dateOfBirth: '1985-04-12',
      ssnLast4: '6789',
      phones: (options.phones ?? ['+16175550123']).map((p) => (typeof p === 'string' ? { number: p, type: 'mobile' as const } : p)),
      email: options.email ?? 'jane@example.com',
      address: {
        line1: '1 Main St',
        city: options.city ?? 'Boston',
        region: options.region ?? 'MA',
        postalCode: options.postalCode ?? '02139',
        country: options.country ?? 'US',
      },
      preferredLanguage: 'en',
    },
    currentCreditor: 'Acme Bank',
    originalCreditor: 'Acme Bank',
    debt: {
      itemizationDate: '2026-01-15',
      amountAtItemization: 1200,
      interestSinceItemization: 34.56,
      feesSinceItemization: 0,
      paymentsSinceItemization: 0,
      creditsSinceItemization: 0,
      currentBalance: 1234.56,
      currency: options.currency ?? 'USD',
      timeBarred: options.timeBarred ?? false,
      suitIntended: options.suitIntended ?? false,
    },
    validationNoticeSentAt: '2026-02-01',
    authority: { minInstalment: 50, maxPlanMonths: 12, lowestSettlement: 800 },
    ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
    ...(options.stateLicenceNumber ? { stateLicenceNumber: options.stateLicenceNumber } : {}),
  };
}

export function makeAccount(options: AccountOptions = {}): Account {
  const parsed = parseAccount(accountInput(options));
  if (!parsed.ok) throw new Error(`test account invalid: ${parsed.errors.join('; ')}`);
  return parsed.value;
}

export function makeFlags(overrides: Partial<ConsumerFlags> = {}): ConsumerFlags {
  return { ...emptyFlags(), ...overrides };
}

/** A verified, later-communication SMS reply about the account, at a convenient time in Boston. */
export function makeRequest(overrides: Partial<GateRequest> = {}): GateRequest {
  return {
    account: makeAccount(),
    flags: makeFlags(),
    channel: 'sms',
    language: 'en',
    draft: 'Your balance is $1,234.56. You can pay by the secure link we sent.',
    draftSource: 'template',
    purpose: 'reply',
    facts: { firstCommunication: false, identityVerified: true, initiatedBy: 'consumer' },
    at: new Date('2026-06-10T16:00:00Z'),
    attempts: [],
    ...overrides,
  };
}

/** Parley-initiated attempts on an account, the newest `hoursAgo[0]` hours before `at`. */
export function pastAttempts(at: Date, hoursAgo: readonly number[], extra: Partial<ContactAttempt> = {}): ContactAttempt[] {
  return hoursAgo.map((hours) => ({
    accountId: 'ACC-1001',
    channel: 'sms',
    at: new Date(at.getTime() - hours * 3_600_000).toISOString(),
    initiatedBy: 'parley',
    outcome: 'delivered',
    ...extra,
  }));
}
