import type { IntentId } from './ids.js';
import type { StatisticalFindings } from './statistical/index.js';

/**
 * What the statistical layer adds to the phrase rules: never an act on its own. Whatever it finds that
 * the phrases did not is possible, and the conversation asks about it (a possible crisis gets the
 * resources): acting on a right needs the phrase rules or the consumer's own yes.
 */
export function modelAdditions(phrases: readonly IntentId[], found: Pick<StatisticalFindings, 'recognized' | 'possible'>): { acted: IntentId[]; possible: IntentId[] } {
  const known = new Set<IntentId>(phrases);
  return { acted: [], possible: [...found.recognized, ...found.possible].filter((intent) => !known.has(intent)) };
}
