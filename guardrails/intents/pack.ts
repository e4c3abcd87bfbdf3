import type { Language } from '../domain/index.js';
import type { IntentId } from './ids.js';

/**
 * One intent's phrases in one language. Phrases are regular expressions over the normalized message
 * (see normalize.ts), with three conveniences so compliance can read and extend them:
 *
 * - words are matched whole: "owe" never matches inside "owed" unless written "owe*";
 * - `stem*` is a word that starts with the stem ("disput*" = dispute, disputing, disputed...);
 * - `<N>` stands for up to N other words of the same clause ("stop <2>texting" = "stop the texting");
 * - `{NAME}` inserts a macro of the pack.
 *
 * The normalized message is lowercase, without accents, with contractions written out ("don't" is
 * "do not", "can't" is "can not", "I'm" is "i am"), texting abbreviations expanded ("u" is "you",
 * "txt" is "text"), obvious misspellings of the pack's keywords corrected, and ".", "," and "?" kept
 * as their own tokens: a phrase never spans a sentence or a comma.
 */
export interface IntentRule {
  intent: IntentId;
  /** Any of these anywhere in the message signals the intent. */
  phrases: readonly string[];
  /** A match of the phrases that overlaps one of these is not counted (negations, look-alikes). */
  unless?: readonly string[];
  /** The intent when the whole message is one of these (SMS keywords, "agent"), with "please" or "now" allowed around it. */
  whole?: readonly string[];
}

export interface PatternPack {
  language: Language;
  /** Named fragments used as {NAME} in phrases. */
  macros: Readonly<Record<string, string>>;
  /** Words that misspellings are corrected to (5 letters or more): the pack's key vocabulary. */
  keywords: readonly string[];
  rules: readonly IntentRule[];
}
