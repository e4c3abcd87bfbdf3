import type { IntentId } from './ids.js';
import type { StatisticalFindings } from './statistical/index.js';

/**
 * What the statistical layer adds to the phrase rules. It acts alone only on a message the phrases
 * could not place at all; everywhere else its findings are possible, to be asked about, so a message
 * the phrases routed ("why are you contacting me?") keeps its route.
 */
export function modelAdditions(phrases: readonly IntentId[], found: Pick<StatisticalFindings, 'recognized' | 'possible'>): { acted: IntentId[]; possible: IntentId[] } {
  const placed = phrases.some((intent) => intent !== 'greeting');
  const acted = placed ? [] : found.recognized;
  const known = new Set<IntentId>([...phrases, ...acted]);
  return { acted, possible: [...found.recognized, ...found.possible].filter((intent) => !known.has(intent)) };
}
