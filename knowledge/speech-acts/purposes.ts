import { z } from 'zod';

/**
 * Why a message is sent, as the gate reads it: a cease (1006.6(c)) leaves room only for the three
 * notice kinds; a medium opt-out (1006.14(h)) for one confirmation with nothing else; a crisis for
 * support; rights confirmations and hand-offs stay allowed while collection is paused.
 */
export const messagePurposeSchema = z.enum([
  'reply',
  'collection',
  'rights-confirmation',
  'opt-out-confirmation',
  'cease-notice-ending',
  'cease-notice-remedy',
  'cease-notice-specific-remedy',
  'crisis-support',
  'identity-check',
  'handoff',
  'reminder',
]);
export type MessagePurpose = z.infer<typeof messagePurposeSchema>;
