import { z } from 'zod';
import type { LogisticSettings, LogisticWeights } from './logistic.js';

/** The thresholds that grade a score: at or above `recognized` it is acted on, at or above `possible` asked about. */
export interface Grading {
  recognized: number;
  possible: number;
  /** Crisis is graded lower: a possible crisis always gets the resources. */
  crisisPossible: number;
}

export const modelFileSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  kind: z.literal('logistic-regression-one-vs-rest'),
  /** What the model was trained on: the files and the SHA-256 of their bytes in order. */
  corpus: z.strictObject({ files: z.array(z.string()).min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), messages: z.number().int().positive() }),
  settings: z.strictObject({ epochs: z.number(), learningRate: z.number(), l2: z.number(), minFeatureCount: z.number(), maxPositiveWeight: z.number() }),
  grading: z.strictObject({ recognized: z.number().min(0).max(1), possible: z.number().min(0).max(1), crisisPossible: z.number().min(0).max(1) }),
  weights: z.strictObject({ intents: z.record(z.string(), z.strictObject({ bias: z.number(), weights: z.record(z.string(), z.number()) })) }),
});

export interface ModelFile {
  version: string;
  kind: 'logistic-regression-one-vs-rest';
  corpus: { files: string[]; sha256: string; messages: number };
  settings: LogisticSettings;
  grading: Grading;
  weights: LogisticWeights;
}
