import { readFileSync } from 'node:fs';
import { IntentLogistic, classifyIntents, statisticalFindings, DEFAULT_GRADING, type IntentId } from '../../guardrails/index.js';
import { folds, scoreGraded, type GradedPrediction, type LabelledCase } from '../../guardrails/intents/graded-evaluation.js';
const rows = readFileSync('guardrails/intents/corpus/train.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelledCase);
const settings = { epochs: Number(process.env.E ?? 12), learningRate: Number(process.env.LR ?? 0.15), l2: Number(process.env.L2 ?? 1e-4), minFeatureCount: 2, maxPositiveWeight: Number(process.env.PW ?? 6) };
const cases: LabelledCase[] = []; const scores: Array<Partial<Record<IntentId, number>>> = []; const phrases: IntentId[][] = [];
const models: IntentLogistic[] = [];
for (const { train, test } of folds(rows, 3)) {
  const model = IntentLogistic.train(train, settings); models.push(model);
  for (const c of test) { cases.push(c); scores.push(model.scores(c.text)); phrases.push(classifyIntents(c.text).layers.phrases); }
}
for (const [rec, pos] of [[0.5, 0.1], [0.7, 0.2], [0.8, 0.3], [0.9, 0.5], [0.95, 0.5]] as const) {
  const grading = { ...DEFAULT_GRADING, recognized: rec, possible: pos, crisisPossible: pos / 2 };
  const model = cases.map((_, i) => { const f = { recognized: [] as IntentId[], possible: [] as IntentId[] }; for (const [k, s] of Object.entries(scores[i]!)) { if ((s ?? 0) >= rec) f.recognized.push(k as IntentId); else if ((s ?? 0) >= (k === 'crisis' ? grading.crisisPossible : pos)) f.possible.push(k as IntentId); } return f; });
  const whole: GradedPrediction[] = model.map((m, i) => { const r = new Set([...phrases[i]!, ...m.recognized]); return { recognized: [...r], possible: m.possible.filter((p) => !r.has(p)) }; });
  const fmt = (s: ReturnType<typeof scoreGraded>) => `recall ${(s.rightsRecall! * 100).toFixed(1)} (rec ${(s.rightsRecognizedRecall! * 100).toFixed(1)}) acted ${(s.benignActedOn! * 100).toFixed(1)} asked ${(s.benignAskedAbout! * 100).toFixed(1)}`;
  console.log(rec, pos, 'model', fmt(scoreGraded(cases, model)), '| whole', fmt(scoreGraded(cases, whole)));
}
const transcriptLines = ['I have a lawyer, talk to him', 'why are you contacting me?', 'Hi who is this', 'I can do small payments every two weeks', 'hi I got a letter from you', 'please send me a transcript of this conversation', 'how is my information used?', "I'm deployed overseas until June"];
for (const a of [0.05, 0.1, 0.2, 0.3]) for (const [rec, pos] of [[0.9, 0.3], [0.8, 0.2], [0.9, 0.15]] as const) {
  const pred: GradedPrediction[] = cases.map((_, i) => { const r: IntentId[] = [], p: IntentId[] = []; for (const [k, s] of Object.entries(scores[i]!)) { const ph = phrases[i]!.includes(k as IntentId); const v = s ?? 0; if (v >= rec || (ph && v >= a)) r.push(k as IntentId); else if (ph || v >= (k === 'crisis' ? pos / 2 : pos)) p.push(k as IntentId); } return { recognized: [...r, ...phrases[i]!.filter((x) => !Object.keys(scores[i]!).includes(x))], possible: p }; });
  const s = scoreGraded(cases, pred); console.log('consensus a', a, rec, pos, `recall ${(s.rightsRecall! * 100).toFixed(1)} (rec ${(s.rightsRecognizedRecall! * 100).toFixed(1)}) acted ${(s.benignActedOn! * 100).toFixed(1)} asked ${(s.benignAskedAbout! * 100).toFixed(1)}`);
}
for (const [rec, pos] of [[0.9, 0.5], [0.9, 0.3], [0.8, 0.3], [0.95, 0.6]] as const) {
  const pred: GradedPrediction[] = cases.map((_, i) => { const ph = phrases[i]!; const rightsByPhrase = ph.some((x) => Object.keys(scores[i]!).includes(x)); const r = [...ph], p: IntentId[] = []; if (!rightsByPhrase) for (const [k, s] of Object.entries(scores[i]!)) { const v = s ?? 0; if (v >= rec) r.push(k as IntentId); else if (v >= (k === 'crisis' ? pos / 2 : pos)) p.push(k as IntentId); } return { recognized: r, possible: p }; });
  const s = scoreGraded(cases, pred); console.log('fallback', rec, pos, `recall ${(s.rightsRecall! * 100).toFixed(1)} (rec ${(s.rightsRecognizedRecall! * 100).toFixed(1)}) acted ${(s.benignActedOn! * 100).toFixed(1)} asked ${(s.benignAskedAbout! * 100).toFixed(1)}`);
}
for (const t of transcriptLines) console.log(t, JSON.stringify(Object.fromEntries(Object.entries(models[0]!.scores(t)).filter(([, s]) => (s ?? 0) > 0.2).map(([k, s]) => [k, Number((s ?? 0).toFixed(2))]))));
void statisticalFindings;
