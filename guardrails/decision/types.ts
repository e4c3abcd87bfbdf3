/** One rule's part in a decision: which rule, its legal source, and why it fired. */
export interface RuleApplication {
  ruleId: string;
  citation: string;
  reason: string;
}

/** A problem found in a draft; the rule id and citation come from the rule pack. */
export type Violation = RuleApplication;

/**
 * What the gate decided about one outbound message.
 * - send: send `text` now.
 * - defer: nothing is wrong with the message but not now (contact window, frequency cap, a
 *   designated time); send `text` at `deferUntil`, after evaluating again.
 * - block: this text may not go out (a draft check failed on the template, a disclosure cannot be
 *   given, it is too long, it would reveal the debt before verification). Another text may.
 * - suppress: this message may not go to this consumer on this channel at all (cease, attorney,
 *   opt-out, no consent, no location, bankruptcy...). Do not retry it; only a change in the
 *   consumer's flags can change the answer.
 */
export type Verdict = 'send' | 'defer' | 'block' | 'suppress';

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) of the final text. */
  units: number;
  segments: number;
  maxSegments: number;
}

/** The decision record: replayable from the request, auditable rule by rule. */
export interface GateDecision {
  verdict: Verdict;
  /** The final text with its disclosures (send and defer); null when blocked or suppressed. */
  text: string | null;
  /** For defer: the earliest instant every window, cap and designated time allows. */
  deferUntil?: Date;
  /** Ids of the disclosure texts added, in order (initial-disclosure, sms-opt-out, ca-notice...). */
  disclosures: string[];
  /** Every rule applied, with why; passing rules included. */
  rules: RuleApplication[];
  /** The rules that stopped, deferred or changed the message. */
  violations: Violation[];
  /** A model draft that failed its checks; the template text was used instead. */
  replacedDraft?: { text: string; violations: Violation[] };
  /** "us-federal@2026.11.0+us-ma@2026.11.0" */
  packVersion: string;
  at: Date;
  /** SMS only: how the final text will be sent. */
  sms?: SmsLength;
}
