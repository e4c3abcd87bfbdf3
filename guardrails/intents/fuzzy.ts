/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), cut off at `max`:
 * returns max + 1 as soon as the distance is known to exceed it. Typos are mostly one slip of a key
 * or two swapped letters, which is what this counts as one edit.
 */
export function boundedOsaDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  let prevPrev = new Array<number>(width).fill(0);
  let prev = new Array<number>(width);
  let current = new Array<number>(width);
  for (let j = 0; j < width; j += 1) prev[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[b.length] ?? max + 1;
}

/**
 * Corrects a misspelt word to the nearest keyword of the pattern files, when one is close enough:
 * one edit for words of 5 to 8 letters, two when both words have 9 or more, and for four-letter
 * keywords only two swapped letters. The first letter must match (or be swapped with
 * the second), which keeps real words from drifting into keywords ("deal" never becomes "dead").
 */
export class KeywordCorrector {
  private readonly byInitial = new Map<string, string[]>();
  private readonly known: ReadonlySet<string>;
  private readonly cache = new Map<string, string>();
  private readonly swapped = new Map<string, string>();

  constructor(keywords: Iterable<string>, knownWords: Iterable<string>) {
    const known = new Set<string>(knownWords);
    for (const keyword of keywords) {
      known.add(keyword);
      if (keyword.length < 5) continue;
      for (const initial of new Set([keyword[0] ?? '', keyword[1] ?? ''])) {
        const list = this.byInitial.get(initial) ?? [];
        list.push(keyword);
        this.byInitial.set(initial, list);
      }
    }
    this.known = known;
    // Four-letter keywords ("stop", "debt") are corrected only from two swapped letters ("stpo"):
    // one more edit would reach too many real words.
    for (const keyword of keywords) {
      if (keyword.length !== 4) continue;
      for (let index = 0; index < 3; index += 1) {
        const swapped = keyword.slice(0, index) + (keyword[index + 1] ?? '') + (keyword[index] ?? '') + keyword.slice(index + 2);
        if (swapped !== keyword && !known.has(swapped)) this.swapped.set(swapped, keyword);
      }
    }
  }

  correct(word: string): string {
    if (word.length === 4 && !this.known.has(word)) return this.swapped.get(word) ?? word;
    if (word.length < 5 || this.known.has(word) || !/^[a-z]+$/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const max = word.length >= 9 ? 2 : 1;
    // Two edits only between two long words: "contactar" is not a typo of "contact".
    const maxFor = (keyword: string): number => (keyword.length >= 9 ? max : 1);
    let best = word;
    let bestDistance = max + 1;
    for (const keyword of this.byInitial.get(word[0] ?? '') ?? []) {
      if (keyword[0] !== word[0] && !(keyword[0] === word[1] && keyword[1] === word[0])) continue;
      const limit = maxFor(keyword);
      const distance = boundedOsaDistance(word, keyword, limit);
      if (distance <= limit && distance < bestDistance) {
        best = keyword;
        bestDistance = distance;
      }
    }
    // A bounded cache: the same typos recur, and an unbounded map would grow with every new word.
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }
}
