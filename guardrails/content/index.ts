import type { DraftContext } from './types.js';

export type { DraftContext } from './types.js';

/** One problem found in a draft: the rule id (mapped to its citation by the rule pack) and why, quoting the words. */
export interface DraftFinding {
  ruleId: string;
  reason: string;
}

/** Checks a draft before it goes out. Pure and deterministic. */
export function checkDraft(_text: string, _ctx: DraftContext): DraftFinding[] {
  return [];
}
