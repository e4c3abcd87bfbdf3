import { describe, expect, it } from 'vitest';
import { understandingPrompt } from '../../knowledge/index.js';
import { INTENT_IDS } from './intents.js';

describe('intent ids', () => {
  it('are exactly the intents the understanding prompt defines', () => {
    const section = understandingPrompt.text.slice(understandingPrompt.text.indexOf('Intents'), understandingPrompt.text.indexOf('Entities'));
    const inPrompt = [...section.matchAll(/^- ([a-z_]+):/gm)].map((match) => match[1]);
    expect(new Set(inPrompt)).toEqual(new Set(INTENT_IDS));
  });
});
