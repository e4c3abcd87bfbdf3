import { createHash } from 'node:crypto';
import { DEFAULT_LOGISTIC, IntentLogistic, type LogisticSettings, type TrainingMessage } from './logistic.js';
import type { Grading, ModelFile } from './model-file.js';

export const DEFAULT_GRADING: Grading = { recognized: 0.95, possible: 0.6, crisisPossible: 0.5 };

export interface CorpusFile {
  /** The path as recorded in the model (relative to the repository). */
  name: string;
  content: string;
}

export function parseCorpus(file: CorpusFile): TrainingMessage[] {
  return file.content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = JSON.parse(line) as { text?: unknown; intents?: unknown };
      if (typeof parsed.text !== 'string' || !Array.isArray(parsed.intents)) throw new Error(`${file.name} line ${index + 1} is not {"text", "intents"}`);
      return { text: parsed.text, intents: parsed.intents as string[] };
    });
}

/** The SHA-256 of the corpus files' bytes, in order: the model names it, a test checks it. */
export function corpusHash(files: readonly CorpusFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.content);
  return hash.digest('hex');
}

/** Trains the model file from the corpus files; the same files always give the same model. */
export function trainModelFile(files: readonly CorpusFile[], version: string, settings: LogisticSettings = DEFAULT_LOGISTIC, grading: Grading = DEFAULT_GRADING): ModelFile {
  const messages = files.flatMap(parseCorpus);
  const model = IntentLogistic.train(messages, settings);
  return {
    version,
    kind: 'logistic-regression-one-vs-rest',
    corpus: { files: files.map((file) => file.name), sha256: corpusHash(files), messages: messages.length },
    settings,
    grading,
    weights: model.toWeights(),
  };
}
