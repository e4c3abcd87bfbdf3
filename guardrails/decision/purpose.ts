import { z } from 'zod';

/**
 * Why a message is being sent. Rules key off the purpose, not the words: a cease notice may go to
 * a consumer who asked Parley to stop, a reminder may not.
 *
 * - reply: an answer in a conversation the consumer is having with Parley
 * - collection: a message that asks for or arranges payment
 * - reminder: a Parley-initiated nudge (due date, unfinished plan)
 * - rights-confirmation: confirms a right the consumer exercised (dispute recorded, cease recorded...)
 * - opt-out-confirmation: the one message confirming an opt-out of a medium (1006.14(h), 47 CFR 64.1200(a)(12))
 * - cease-notice-ending / -remedy / -specific-remedy: the three notices 1006.6(c)(2) still allows after a cease
 * - crisis-support: resources for a consumer in crisis; says nothing about the debt
 * - identity-check: asks who is there before anything about a debt is said (1006.6(d))
 * - handoff: tells the consumer a person will take over
 */
export const messagePurposeSchema = z.enum([
  'reply',
  'collection',
  'reminder',
  'rights-confirmation',
  'opt-out-confirmation',
  'cease-notice-ending',
  'cease-notice-remedy',
  'cease-notice-specific-remedy',
  'crisis-support',
  'identity-check',
  'handoff',
]);
export type MessagePurpose = z.infer<typeof messagePurposeSchema>;

export const MESSAGE_PURPOSES: readonly MessagePurpose[] = messagePurposeSchema.options;
