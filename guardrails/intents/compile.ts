import type { IntentId } from './ids.js';
import type { IntentRule, PatternPack } from './pack.js';

export interface CompiledRule {
  intent: IntentId;
  phrases: RegExp | undefined;
  unless: RegExp | undefined;
  whole: RegExp | undefined;
}

const MACRO = /\{([A-Z_]+)\}/g;

function expandMacros(source: string, macros: Readonly<Record<string, string>>, where: string): string {
  let out = source;
  for (let depth = 0; depth < 6 && /\{[A-Z_]+\}/.test(out); depth += 1) {
    out = out.replace(MACRO, (_, name: string) => {
      const body = macros[name];
      if (body === undefined) throw new Error(`${where}: unknown macro {${name}} in "${source}"; define it in the pack's macros`);
      return `(?:${body})`;
    });
  }
  if (/\{[A-Z_]+\}/.test(out)) throw new Error(`${where}: macros nest too deep in "${source}"`);
  return out;
}

/** Turns one phrase into a regular expression source: `stem*`, `<N>` gaps and macros expanded. */
export function phraseSource(source: string, macros: Readonly<Record<string, string>>, where: string): string {
  if (/(?<!\\)\$/.test(source.replace(/\[[^\]]*\]/g, ''))) {
    throw new Error(`${where}: "${source}" uses $; a message always ends with a boundary token, so write " [.,?]" for the end of a clause`);
  }
  let out = expandMacros(source, macros, where);
  out = out.replace(/([a-z])\*/g, '$1[a-z0-9]*');
  // "<N>" is written between words ("stop <2>texting"): it takes the words and the spaces after them.
  out = out.replace(/<(\d)> ?/g, (_, count: string) => `(?:[^ .,?]+ ){0,${count}}`);
  return out;
}

function compileList(sources: ReadonlyArray<{ source: string; pack: PatternPack }>, intent: IntentId, kind: string, whole: boolean): RegExp | undefined {
  if (sources.length === 0) return undefined;
  const body = sources.map(({ source, pack }) => phraseSource(source, pack.macros, `${pack.language} ${intent} ${kind}`)).join('|');
  try {
    // Whole-message forms allow a courtesy word around them ("stop please", "pls stop").
    return whole
      ? new RegExp(`^ (?:(?:please|por favor|ok) )?(?:${body})(?: (?:please|por favor|now|thanks|thank you|ya|gracias|ok))?(?: [.,?])* $`)
      : new RegExp(`(?<= )(?:${body})(?= )`, 'g');
  } catch (error) {
    throw new Error(`${intent} ${kind}: invalid pattern (${(error as Error).message})`);
  }
}

/**
 * One matcher per intent over all packs: the languages' phrases together, and every language's
 * "unless" vetoing any match (a Spanish stem such as "disput" also matches English words, so the
 * English negations must be able to cancel it).
 */
export function compilePacks(packs: readonly PatternPack[]): CompiledRule[] {
  const intents: IntentId[] = [];
  for (const pack of packs) for (const rule of pack.rules) if (!intents.includes(rule.intent)) intents.push(rule.intent);
  return intents.map((intent) => {
    const collect = (pick: (rule: IntentRule) => readonly string[] | undefined) =>
      packs.flatMap((pack) => pack.rules.filter((rule) => rule.intent === intent).flatMap((rule) => (pick(rule) ?? []).map((source) => ({ source, pack }))));
    return {
      intent,
      phrases: compileList(collect((rule) => rule.phrases), intent, 'phrases', false),
      unless: compileList(collect((rule) => rule.unless), intent, 'unless', false),
      whole: compileList(collect((rule) => rule.whole), intent, 'whole', true),
    };
  });
}

/** The first match of `rule` in `text` that no `unless` phrase overlaps, or undefined. */
export function firstMatch(rule: CompiledRule, text: string): string | undefined {
  if (rule.whole?.test(text)) return text.trim();
  const phrases = rule.phrases;
  if (!phrases) return undefined;
  phrases.lastIndex = 0;
  let vetoes: Array<[number, number]> | undefined;
  for (let match = phrases.exec(text); match; match = phrases.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length === 0) {
      phrases.lastIndex += 1;
      continue;
    }
    if (rule.unless) {
      vetoes ??= spans(rule.unless, text);
      if (vetoes.some(([from, to]) => from < end && start < to)) {
        // A later phrase may start inside the vetoed one ("not disputing it, it is not mine").
        phrases.lastIndex = start + 1;
        continue;
      }
    }
    return match[0];
  }
  return undefined;
}

function spans(pattern: RegExp, text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex += 1;
      continue;
    }
    out.push([match.index, match.index + match[0].length]);
  }
  return out;
}
