import { rulesInForce, rulesOfKind, ruleSetFor } from './combine.js';

/**
 * Pack parameters other modules act on outside the gate (the SMS keyword handler, the audit
 * retention job, the dispute flow), read from the packs so they stay data, never constants in code.
 */

export interface SmsKeywords {
  optOut: readonly string[];
  help: readonly string[];
  optIn: readonly string[];
  ruleId: string;
  citation: string;
}

/** The single-word SMS keywords in force (upper case; match after trimming, case-insensitively). */
export function smsKeywords(jurisdictions: readonly string[], at: Date): SmsKeywords | null {
  const rule = rulesOfKind(rulesInForce(ruleSetFor(jurisdictions), at, 'sms'), 'sms-keywords')[0];
  if (!rule) return null;
  const upper = (words: readonly string[]) => words.map((w) => w.toUpperCase());
  return { optOut: upper(rule.parameters.optOut), help: upper(rule.parameters.help), optIn: upper(rule.parameters.optIn), ruleId: rule.id, citation: rule.citation };
}

/** How many years records are kept after the last collection activity; the longest of the packs in force. */
export function retentionYears(jurisdictions: readonly string[], at: Date): { years: number; ruleId: string; citation: string } | null {
  const rules = rulesOfKind(rulesInForce(ruleSetFor(jurisdictions), at, 'webchat'), 'retention');
  let longest: (typeof rules)[number] | undefined;
  for (const rule of rules) if (!longest || rule.parameters.years > longest.parameters.years) longest = rule;
  return longest ? { years: longest.parameters.years, ruleId: longest.id, citation: longest.citation } : null;
}
