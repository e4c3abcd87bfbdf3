/** One rule's part in a decision: which rule, its legal source, and why it fired. */
export interface RuleApplication {
  ruleId: string;
  citation: string;
  reason: string;
}

/** A problem found in a draft; the rule id and citation come from the rule pack. */
export type Violation = RuleApplication;
