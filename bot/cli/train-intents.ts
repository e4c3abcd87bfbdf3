// Trains the statistical layer of the intent safety net from the committed corpus and writes the model
// beside it, with the corpus hash: `npm run train:intents`. Deterministic: run twice, same bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TRAINING_CORPUS_FILES, trainModelFile } from '../../guardrails/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const version = process.argv[2] ?? '1.0.0';
const started = Date.now();
const files = TRAINING_CORPUS_FILES.map((name) => ({ name, content: readFileSync(`${root}${name}`, 'utf8') }));
const model = trainModelFile(files, version);
const target = `${root}guardrails/intents/statistical/model.json`;
writeFileSync(target, `${JSON.stringify(model)}\n`);
const weights = Object.values(model.weights.intents).reduce((sum, intent) => sum + Object.keys(intent.weights).length, 0);
console.log(`trained ${model.version} on ${model.corpus.messages} messages (corpus ${model.corpus.sha256.slice(0, 12)}) in ${Date.now() - started} ms: ${weights} weights -> ${target}`);
