import { z } from 'zod';
import { channelSchema } from './channel.js';

/**
 * One attempt to reach a consumer, as the frequency caps count them. Consumer-initiated replies are
 * recorded too (initiatedBy: consumer) but caps count only Parley-initiated attempts.
 */
export const contactAttemptSchema = z.object({
  accountId: z.string(),
  channel: channelSchema,
  at: z.iso.datetime({ offset: true }),
  initiatedBy: z.enum(['parley', 'consumer']),
  /** A telephone conversation that took place starts the 7-day call cooldown of 1006.14(b)(2)(ii). */
  outcome: z.enum(['attempted', 'delivered', 'conversation', 'failed']).default('attempted'),
  /** Which number or address, with its type, for work-number and per-number caps. */
  address: z.string().optional(),
  addressType: z.enum(['mobile', 'home', 'work', 'other', 'email', 'app']).optional(),
});
export type ContactAttempt = z.output<typeof contactAttemptSchema>;

/** What is true of the conversation a draft belongs to. */
export interface ConversationFacts {
  /** First communication with this consumer about this debt: needs the full mini-Miranda. */
  firstCommunication: boolean;
  identityVerified: boolean;
  initiatedBy: 'consumer' | 'parley';
}
