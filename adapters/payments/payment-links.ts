import { createHmac, randomUUID } from 'node:crypto';
import type { PaymentLink, PaymentLinks } from '../../dialogs/ports.js';

const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Payment links to the payment provider's hosted page: the consumer enters card details there, never
 * in chat. The link carries a reference and an HMAC so the page can trust the amount it shows.
 */
export function createPaymentLinks(options: { baseUrl: string; signingKey: string }): PaymentLinks {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async create(input): Promise<PaymentLink> {
      const reference = randomUUID();
      const expiresAt = new Date(input.at.getTime() + LINK_LIFETIME_MS);
      const payload = `${reference}.${input.accountId}.${input.amount}.${input.currency}.${expiresAt.getTime()}`;
      const signature = createHmac('sha256', options.signingKey).update(payload).digest('base64url').slice(0, 22);
      return { url: `${base}/pay/${reference}?sig=${signature}`, reference, expiresAt };
    },
  };
}
