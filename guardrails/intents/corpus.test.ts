import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateIntents, type LabelledMessage } from './index.js';

// The shared corpus sits beside the repository: ../shared/corpus from the repo root.
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/intents.dev.jsonl', import.meta.url));

function loadCorpus(): LabelledMessage[] {
  if (!existsSync(CORPUS)) throw new Error(`intent corpus not found at ${CORPUS}: the shared/ folder must sit beside the repository`);
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = JSON.parse(line) as { text?: unknown; intents?: unknown };
      if (typeof parsed.text !== 'string' || !Array.isArray(parsed.intents)) throw new Error(`corpus line ${index + 1} is not {"text", "intents"}`);
      return { text: parsed.text, intents: parsed.intents as string[] };
    });
}

describe('intent safety net on the shared dev corpus', () => {
  const corpus = loadCorpus();
  const result = evaluateIntents(corpus);

  it('recalls every rights-bearing label', () => {
    expect(corpus.length).toBeGreaterThan(100);
    expect(result.missedRights).toEqual([]);
  });

  it('recalls every transactional label too', () => {
    const missed = result.scores.filter((score) => score.labelled > 0 && score.recalled < score.labelled).map((score) => score.intent);
    expect(missed).toEqual([]);
  });

  it('flags no message without a rights-bearing label as rights-bearing', () => {
    expect(result.rightsFlaggedOnTransactional).toEqual([]);
  });
});
