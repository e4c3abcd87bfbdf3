// The intent safety net and the draft checks, measured: per-intent recall and false-positive rate on
// the shared dev corpus and on our own held-out table, classifications per second, and draft checks
// per second on a 300-character SMS draft. Run: npx tsx tests/bench/intents.ts
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkDraft, classifyIntents, evaluateIntents, isRightsBearing, statisticalFindings, type DraftContext, type IntentEvaluation, type LabelledMessage } from '../../guardrails/index.js';
import { evaluateFile, formatEvaluation } from '../../bot/cli/classify-evaluate.js';
import { HELD_OUT } from '../../guardrails/intents/heldout.cases.js';
import { danaAccount } from '../support/dana-account.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/intents.dev.jsonl', import.meta.url));
if (!existsSync(CORPUS)) {
  console.error(`intent corpus not found at ${CORPUS}`);
  process.exit(1);
}
const corpus: LabelledMessage[] = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledMessage);

function percent(value: number | null): string {
  return value === null ? '    –' : `${(value * 100).toFixed(1).padStart(5)}%`;
}

function table(title: string, evaluation: IntentEvaluation): void {
  console.log(`\n${title}`);
  console.log(`${'intent'.padEnd(22)} ${'kind'.padEnd(6)} ${'labelled'.padStart(8)} ${'recall'.padStart(7)} ${'FP'.padStart(4)} ${'FP rate'.padStart(8)}`);
  for (const score of evaluation.scores) {
    if (score.labelled === 0 && score.falsePositives === 0) continue;
    console.log(
      `${score.intent.padEnd(22)} ${(isRightsBearing(score.intent) ? 'right' : 'trans').padEnd(6)} ${String(score.labelled).padStart(8)} ${percent(score.recall).padStart(7)} ${String(score.falsePositives).padStart(4)} ${percent(score.falsePositiveRate).padStart(8)}`,
    );
  }
  console.log(`missed rights-bearing labels: ${evaluation.missedRights.length}${evaluation.missedRights.map((miss) => `\n  ${miss.intent}: ${JSON.stringify(miss.text)} → ${miss.got.join(', ')}`).join('')}`);
  console.log(`messages without a rights label flagged as rights-bearing: ${evaluation.rightsFlaggedOnTransactional.length}${evaluation.rightsFlaggedOnTransactional.map((flag) => `\n  ${JSON.stringify(flag.text)} → ${flag.got.join(', ')}`).join('')}`);
}

table(`Dev corpus (${corpus.length} messages, ../shared/corpus/intents.dev.jsonl)`, evaluateIntents(corpus));
// The held-out table lists what must be found; what must not be found is checked by its test.
table(`Held-out table (${HELD_OUT.length} messages, guardrails/intents/heldout.cases.ts; recall only is meaningful)`, evaluateIntents(HELD_OUT.map((entry) => ({ text: entry.text, intents: entry.intents.length > 0 ? entry.intents : ['other'] }))));

// The layered safety net on the committed corpus: the holdout and the fresh batches were never trained
// or tuned on; the training set is cross-validated (the model is trained three times).
const here = (name: string) => fileURLToPath(new URL(`../../guardrails/intents/corpus/${name}`, import.meta.url));
for (const name of ['holdout.jsonl', 'fresh-1.jsonl', 'fresh-2.jsonl']) {
  console.log(`\nLayers on ${name}`);
  console.log(formatEvaluation(evaluateFile(here(name), undefined, () => undefined), 0).split('\n\nwhole stack')[0]);
}
console.log('\nLayers on train.jsonl, 3-fold cross-validation of the statistical layer');
console.log(formatEvaluation(evaluateFile(here('train.jsonl'), 3, (message) => console.log(`  ${message}`)), 0).split('\n\nwhole stack')[0]);

function rate(label: string, run: () => void, iterations: number): void {
  for (let i = 0; i < Math.min(iterations, 2000); i += 1) run();
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) {
    const t0 = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - t0));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  samples.sort((a, b) => a - b);
  const p = (q: number) => ((samples[Math.floor(q * (samples.length - 1))] ?? 0) / 1000).toFixed(1);
  console.log(`${label.padEnd(44)} ${Math.round(iterations / seconds).toLocaleString('en-US').padStart(10)} /s   p50 ${p(0.5)} µs   p99 ${p(0.99)} µs`);
}

console.log('\nSpeed (one core)');
const messages = [...corpus.map((entry) => entry.text), ...HELD_OUT.map((entry) => entry.text)];
let next = 0;
rate('classifyIntents, whole stack (phrases + model)', () => {
  classifyIntents(messages[next++ % messages.length] ?? '');
}, 50_000);
rate('statistical layer alone', () => {
  statisticalFindings(messages[next++ % messages.length] ?? '');
}, 50_000);

const ctx: DraftContext = { language: 'en', account: danaAccount(), facts: { firstCommunication: false, identityVerified: true, initiatedBy: 'consumer' }, at: new Date('2025-03-01T15:00:00Z') };
const clean = 'Hi Dana, your current balance with Acme Funding LLC is $1,240.00. You can pay it in full, set up a plan of $62.00 a month for 20 months, or dispute it by March 20, 2025. Reply with a question any time, or ask for a person and we will connect you. There is no fee to pay online. Thank you, Dana.';
const dirty = 'Hi Dana, your balance is now $1,420.00 plus a $39 fee. Pay today or we will take legal action and you could be arrested. This is your final notice, as an AI language model I must insist. Send your card number now; disputing will not help you. We can settle for $300 if you pay by 4/15/2025.';
console.log(`(drafts of ${clean.length} and ${dirty.length} characters)`);
rate('checkDraft, clean 300-character draft', () => {
  checkDraft(clean, ctx);
}, 100_000);
rate('checkDraft, draft breaking ten rules', () => {
  checkDraft(dirty, ctx);
}, 50_000);
