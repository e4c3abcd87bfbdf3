// `parley classify --evaluate <file.jsonl> [--folds k]`: how each layer of the safety net does on labelled
// messages, the way compliance reads it: per layer and language, per intent, and what was missed.
import { readFileSync } from 'node:fs';
import { crossValidate, evaluateLayers, isIntentId, type GradedSummary, type LabelledCase, type LayeredEvaluation } from '../../guardrails/index.js';
import { UsageError } from './exit.js';

export function readLabelledFile(path: string): LabelledCase[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problems: string[] = [];
  const cases: LabelledCase[] = [];
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const parsed = JSON.parse(line) as { text?: unknown; intents?: unknown; language?: unknown };
      if (typeof parsed.text !== 'string' || !Array.isArray(parsed.intents) || !parsed.intents.every((intent) => typeof intent === 'string' && isIntentId(intent))) {
        problems.push(`line ${index + 1}: expected {"text": "...", "intents": [known intent ids]}`);
        return;
      }
      cases.push({ text: parsed.text, intents: parsed.intents as string[], ...(typeof parsed.language === 'string' ? { language: parsed.language } : {}) });
    } catch {
      problems.push(`line ${index + 1}: not JSON`);
    }
  });
  if (problems.length > 0) throw new UsageError(`${path} has ${problems.length} bad line(s), nothing evaluated:\n  ${problems.slice(0, 20).join('\n  ')}`);
  if (cases.length === 0) throw new UsageError(`${path} has no labelled messages`);
  return cases;
}

export function evaluateFile(path: string, folds: number | undefined, progress: (message: string) => void): LayeredEvaluation {
  const cases = readLabelledFile(path);
  if (folds === undefined) return evaluateLayers(cases);
  return crossValidate(cases, folds, undefined, (fold) => progress(`training fold ${fold} of ${folds}...`));
}

const percent = (value: number | null): string => (value === null ? '   -  ' : `${(value * 100).toFixed(1).padStart(5)}%`);

function summaryLine(layer: string, language: string, summary: GradedSummary): string {
  return `${layer.padEnd(8)} ${language.padEnd(4)} ${String(summary.messages).padStart(5)}  rights recall ${percent(summary.rightsRecall)} (recognized ${percent(summary.rightsRecognizedRecall)})  benign acted on ${percent(summary.benignActedOn)}  asked about ${percent(summary.benignAskedAbout)}`;
}

/** The report a person reads; --json prints the evaluation itself. */
export function formatEvaluation(evaluation: LayeredEvaluation, confusions = 15): string {
  const lines: string[] = ['layer    lang  msgs'];
  for (const [layer, byLanguage] of Object.entries(evaluation.layers)) for (const [language, summary] of Object.entries(byLanguage)) lines.push(summaryLine(layer, language, summary));
  const whole = evaluation.layers.whole.all!;
  lines.push('', 'whole stack, per intent: labelled  recall(recognized+possible)  precision  false alarms');
  for (const score of whole.perIntent.filter((entry) => entry.labelled > 0 || entry.falseAlarms > 0)) {
    lines.push(`  ${score.intent.padEnd(20)} ${String(score.labelled).padStart(5)}  ${percent(score.recall)}  ${percent(score.precision)}  ${String(score.falseAlarms).padStart(4)}`);
  }
  lines.push('', `missed rights (${whole.misses.length}), first ${Math.min(confusions, whole.misses.length)}:`);
  for (const miss of whole.misses.slice(0, confusions)) lines.push(`  ${miss.intent.padEnd(20)} ${JSON.stringify(miss.text.slice(0, 100))}`);
  lines.push('', `rights acted on where none was labelled (${whole.falseAlarms.length}), first ${Math.min(confusions, whole.falseAlarms.length)}:`);
  for (const alarm of whole.falseAlarms.slice(0, confusions)) lines.push(`  ${alarm.intent.padEnd(20)} ${JSON.stringify(alarm.text.slice(0, 100))}`);
  return `${lines.join('\n')}\n`;
}
