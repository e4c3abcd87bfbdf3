import { describe, expect, it } from 'vitest';
import { createPaymentLinks } from './payment-links.js';

describe('payment links', () => {
  it('gives an https link with a fresh reference and a day to use it, and no account data in the URL', async () => {
    const links = createPaymentLinks({ baseUrl: 'https://pay.example.com/', signingKey: 'k' });
    const at = new Date('2026-11-24T15:00:00Z');
    const first = await links.create({ accountId: 'ACC-1', amount: 140225, currency: 'USD', purpose: 'pay-in-full', at });
    const second = await links.create({ accountId: 'ACC-1', amount: 140225, currency: 'USD', purpose: 'pay-in-full', at });
    expect(first.url).toMatch(/^https:\/\/pay\.example\.com\/pay\/[0-9a-f-]{36}\?sig=/);
    expect(first.url).not.toContain('ACC-1');
    expect(first.reference).not.toBe(second.reference);
    expect(first.expiresAt.toISOString()).toBe('2026-11-25T15:00:00.000Z');
  });
});
