import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelAdditions } from '../combine-layers.js';
import { IntentLogistic, SCORED_INTENTS } from './logistic.js';
import { committedModel, corpusHash, parseCorpus, statisticalFindings, TRAINING_CORPUS_FILES, trainModelFile } from './index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = TRAINING_CORPUS_FILES.map((name) => ({ name, content: readFileSync(`${root}${name}`, 'utf8') }));

describe('the committed model', () => {
  it('was trained on the corpus as it is committed (else: npm run train:intents)', () => {
    const model = committedModel();
    expect(model.corpus.files).toEqual([...TRAINING_CORPUS_FILES]);
    expect(model.corpus.sha256).toBe(corpusHash(corpus));
    expect(model.corpus.messages).toBe(corpus.flatMap(parseCorpus).length);
  });

  it('scores every rights-bearing intent and nothing else', () => {
    expect(Object.keys(committedModel().weights.intents).sort()).toEqual([...SCORED_INTENTS].sort());
  });

  it('is reproducible: the same messages train the same weights, byte for byte', () => {
    const slice = { name: 'slice', content: corpus[0]!.content.split('\n').slice(0, 300).join('\n') };
    const settings = { ...committedModel().settings, epochs: 3 };
    const first = trainModelFile([slice], '0.0.1', settings);
    const second = trainModelFile([slice], '0.0.1', settings);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.corpus.messages).toBe(300);
  });
});

describe('grading a score', () => {
  // One feature per intent, so the score is the sigmoid of a chosen weight.
  const model = IntentLogistic.fromWeights({
    intents: {
      dispute: { bias: -3, weights: { 'w:sure': 7, 'w:mayb': 3.5 } },
      crisis: { bias: -3, weights: { 'w:dark': 2.5 } },
    },
  });
  const grading = { recognized: 0.95, possible: 0.6, crisisPossible: 0.35 };
  it.each([
    ['sure', { recognized: ['dispute'], possible: [] }],
    ['mayb', { recognized: [], possible: ['dispute'] }],
    // sigmoid(-0.5) = 0.38: below the possible bar for a dispute, above the lower one for a crisis.
    ['dark', { recognized: [], possible: ['crisis'] }],
  ])('%s', (text, expected) => {
    const found = statisticalFindings(text, model, grading);
    expect({ recognized: found.recognized, possible: found.possible }).toEqual(expected);
  });
});

describe('the model beside the phrase rules', () => {
  it('never acts alone: what the phrases did not find is possible, to be asked about', () => {
    expect(modelAdditions([], { recognized: ['dispute'], possible: ['crisis'] })).toEqual({ acted: [], possible: ['dispute', 'crisis'] });
    expect(modelAdditions(['dispute', 'balance'], { recognized: ['dispute'], possible: ['cease_communication'] })).toEqual({ acted: [], possible: ['cease_communication'] });
  });
});
