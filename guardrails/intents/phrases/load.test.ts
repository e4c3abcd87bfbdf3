import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPhraseFiles, parsePhraseFile } from './load.js';

const english = readFileSync(new URL('./en.yaml', import.meta.url), 'utf8');

describe('the phrase files', () => {
  it('load in both languages, versioned', () => {
    expect(loadPhraseFiles().map((pack) => [pack.language, /^\d+\.\d+\.\d+$/.test(pack.version)])).toEqual([
      ['en', true],
      ['es', true],
    ]);
  });

  it.each([
    ['a keyword given twice', english.replace('keywords:\n  - stop\n', 'keywords:\n  - stop\n  - stop\n'), 'keywords given twice: stop'],
    ['a phrase given twice', english.replace('  - intent: dispute\n    phrases:\n', '  - intent: dispute\n    phrases:\n      - disput*\n'), 'dispute phrases given twice: "disput*"'],
    ['an unknown intent', english.replace('  - intent: dispute\n', '  - intent: disputes\n'), 'rules.0.intent'],
    ['no version', english.replace('version: 1.0.0\n', ''), 'version'],
  ])('refuse %s, naming the file and the fault', (_what, content, message) => {
    expect(() => parsePhraseFile('en.yaml', content)).toThrow(message);
    expect(() => parsePhraseFile('en.yaml', content)).toThrow(/^en\.yaml: /);
  });
});
