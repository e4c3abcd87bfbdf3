import type { Account, ConversationFacts, Language, MinorUnits } from '../domain/index.js';

/** What a draft check needs to know about the message it is checking. */
export interface DraftContext {
  language: Language;
  /** The account the message is about; absent when the consumer is not yet matched to one. */
  account?: Account;
  facts: ConversationFacts;
  /** Amounts the speech act legitimately carries beyond the account's own (e.g. an instalment computed within authority). */
  allowedAmounts?: readonly MinorUnits[];
  /** Dates (YYYY-MM-DD) the speech act legitimately carries beyond the account's own. */
  allowedDates?: readonly string[];
  /** The instant of evaluation (for dates relative to now, e.g. the validation period end). */
  at: Date;
}
