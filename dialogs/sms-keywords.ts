import { smsKeywords } from '../guardrails/index.js';

export type SmsKeyword = 'opt-out' | 'help' | 'opt-in';

/**
 * CTIA keywords: the whole message, trimmed, any case (a trailing full stop or exclamation mark is
 * forgiven). Handled before anything else, from the words the rule packs list.
 */
export function smsKeywordOf(text: string, jurisdictions: readonly string[], at: Date): SmsKeyword | undefined {
  const keywords = smsKeywords(jurisdictions.length > 0 ? jurisdictions : ['US'], at);
  if (!keywords) return undefined;
  const word = text.trim().replace(/[.!]+$/, '').trim().toUpperCase();
  if (keywords.optOut.includes(word)) return 'opt-out';
  if (keywords.help.includes(word)) return 'help';
  if (keywords.optIn.includes(word)) return 'opt-in';
  return undefined;
}
