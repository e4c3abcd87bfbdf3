import type { Account, ConversationFacts, Language, MinorUnits } from '../domain/index.js';

/** Remedies a message may present as coming: each only where it is lawful and actually intended. */
export type IntendedAction = 'suit' | 'garnishment' | 'seizure' | 'credit-report';

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
  /**
   * Remedies the creditor actually intends (a cease notice naming one, 1006.6(c)(2)-(3)). A suit is
   * also intended when the account says so (debt.suitIntended), never on a time-barred debt. Credit
   * reporting is checked only when this list is given: without it, naming it is not a threat.
   */
  intendedActions?: readonly IntendedAction[];
}
