import { describe, expect, it } from 'vitest';
import { compilePacks, firstMatch } from './compile.js';
import type { PatternPack } from './pack.js';

const pack = (rules: PatternPack['rules'], macros: PatternPack['macros'] = {}): PatternPack => ({ language: 'en', macros, keywords: [], rules });

describe('pattern packs', () => {
  it('expands stems, gaps and macros, and matches whole words only', () => {
    const [rule] = compilePacks([pack([{ intent: 'dispute', phrases: ['{NEG} <1>owe', 'disput*'] }], { NEG: 'do not|never' })]);
    expect(rule && firstMatch(rule, ' i do not really owe this . ')).toBe('do not really owe');
    expect(rule && firstMatch(rule, ' i am disputing . ')).toBe('disputing');
    expect(rule && firstMatch(rule, ' i do not owed . ')).toBeUndefined();
  });

  it('lets an unless phrase veto only the match it overlaps', () => {
    const [rule] = compilePacks([pack([{ intent: 'dispute', phrases: ['disput*', 'not mine'], unless: ['not disputing'] }])]);
    expect(rule && firstMatch(rule, ' i am not disputing it . ')).toBeUndefined();
    expect(rule && firstMatch(rule, ' i am not disputing it , it is not mine . ')).toBe('not mine');
  });

  it('refuses a pack with an unknown macro or an end anchor, saying which rule and how to fix it', () => {
    expect(() => compilePacks([pack([{ intent: 'dispute', phrases: ['{NOPE} owe'] }])])).toThrow(/en dispute phrases: unknown macro \{NOPE\}.*define it/);
    expect(() => compilePacks([pack([{ intent: 'balance', phrases: ['balance$'] }])])).toThrow(/en balance phrases: .*write " \[\.,\?\]"/);
    expect(() => compilePacks([pack([{ intent: 'balance', phrases: ['(unclosed'] }])])).toThrow(/balance phrases: invalid pattern/);
  });
});
