import { describe, expect, it } from 'vitest';
import { HELD_OUT } from './heldout.cases.js';
import { classifyIntents } from './index.js';

describe('held-out messages (paraphrases, typos, texting style, Spanish, negatives)', () => {
  it.each(HELD_OUT.map((entry) => [entry.text, entry] as const))('%s', (_text, entry) => {
    const got = classifyIntents(entry.text).intents;
    for (const intent of entry.intents) expect(got, `expected ${intent}`).toContain(intent);
    for (const intent of entry.not ?? []) expect(got, `did not expect ${intent}`).not.toContain(intent);
  });
});
