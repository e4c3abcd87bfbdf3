import type { Command } from 'commander';
import { z } from 'zod';
import { classifyIntents, INTENTS, isRightsBearing, type Classification } from '../../guardrails/index.js';
import { evaluateFile, formatEvaluation } from './classify-evaluate.js';
import { EXIT_USAGE, UsageError, outcome, printJson } from './exit.js';
import { describeZodError, runBatch } from './window.js';

const LANGUAGES = ['en', 'es'] as const;
const CHANNELS = ['sms', 'webchat', 'teams', 'email', 'voice'] as const;

/** One request, as flags or as a batch line (field names as the flags). */
const classifyRequestSchema = z.strictObject({
  text: z.string({ error: 'is required: the consumer message to classify' }).min(1, { error: 'must not be empty' }),
  language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` }).optional(),
  channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }).optional(),
  name: z.union([z.string(), z.array(z.string())]).optional(),
  explain: z.boolean().default(false),
});

export interface ClassifyOutput {
  /** Acted on. */
  intents: string[];
  /** Asked about first (a possible crisis gets the resources). */
  possible: string[];
  language: string;
  /** Which layer found what; with --explain the model's scores and the words each phrase matched too. */
  layers: { phrases: string[]; model: { version: string; recognized: string[]; possible: string[]; scores?: Record<string, number> } };
  details: Classification['details'];
  evidence?: Classification['evidence'];
}

export function classifyFor(raw: unknown): { output: ClassifyOutput; result: Classification } {
  const parsed = classifyRequestSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error));
  const request = parsed.data;
  const names = request.name === undefined ? [] : Array.isArray(request.name) ? request.name : [request.name];
  const result = classifyIntents(request.text, {
    ...(request.language ? { language: request.language } : {}),
    ...(request.channel ? { channel: request.channel } : {}),
    ...(names.length > 0 ? { consumerNames: names } : {}),
  });
  const { scores, ...model } = result.layers.model;
  const output: ClassifyOutput = {
    intents: result.intents,
    possible: result.possible,
    language: result.language,
    layers: { phrases: result.layers.phrases, model: request.explain ? { ...model, scores: roundedScores(scores) } : model },
    details: result.details,
  };
  if (request.explain) output.evidence = result.evidence;
  return { output, result };
}

function roundedScores(scores: Partial<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(scores).map(([intent, score]) => [intent, Math.round((score ?? 0) * 1000) / 1000]));
}

function printHuman(result: Classification): void {
  const titles = new Map(INTENTS.map((info) => [info.id, info.title]));
  for (const intent of result.intents) {
    const marker = isRightsBearing(intent) ? 'RIGHT' : '     ';
    const evidence = result.evidence[intent];
    process.stdout.write(`${marker}  ${intent.padEnd(20)} ${titles.get(intent) ?? ''}${evidence ? `  ("${evidence.trim()}")` : ''}\n`);
  }
  for (const intent of result.possible) process.stdout.write(`ASK?   ${intent.padEnd(20)} ${titles.get(intent) ?? ''}  (possible: asked about before anything is done)\n`);
  process.stdout.write(`Layers: phrases [${result.layers.phrases.join(', ')}], model ${result.layers.model.version} [${result.layers.model.recognized.join(', ')}] possible [${result.layers.model.possible.join(', ')}]\n`);
  const details = Object.entries(result.details);
  for (const [intent, detail] of details) process.stdout.write(`       ${intent}: ${JSON.stringify(detail)}\n`);
  process.stdout.write(`Language: ${result.language}\n`);
}

interface ClassifyOptions {
  evaluate?: string;
  folds?: string;
  json?: boolean;
  batch?: boolean;
  explain?: boolean;
  language?: string;
  channel?: string;
  name: string[];
}

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('Recognize the intents in a consumer message (rights-bearing first): dispute, cease, opt-out with its medium, attorney, crisis...')
    .argument('[text...]', 'the consumer message (quote it, or give it as several words)')
    .option('--language <en|es>', 'the conversation language, when known (default: told from the words)')
    .option('--channel <sms|webchat|teams|email|voice>', 'the channel the message came on: a bare STOP opts out of it')
    .option('--name <name>', "a name of the consumer on the account, to recognize \"I'm not ...\" (repeat for several)", (value: string, previous: string[]) => [...previous, value], [])
    .option('--explain', 'also print the language told from the words and the words each intent matched')
    .option('--json', 'print {"intents": [...], "possible": [...], "language": "en|es", "layers": {...}, "details": {...}}')
    .option('--evaluate <file.jsonl>', 'score every layer on labelled messages ({"text", "intents", "language"} per line): recall, false alarms, confusions')
    .option('--folds <k>', 'with --evaluate: k-fold cross-validation of the statistical layer on the file (it is trained k times)')
    .option('--batch', 'read JSON Lines on stdin ({"text": ...} per line, optional "language", "channel", "name") and print one JSON result per line; exit 2 if any line was bad')
    .action(async (words: string[], options: ClassifyOptions) => {
      if (options.evaluate !== undefined) {
        if (words.length > 0 || options.batch) throw new UsageError('--evaluate reads labelled messages from its file: give no text and no --batch');
        const folds = options.folds === undefined ? undefined : Number(options.folds);
        if (folds !== undefined && (!Number.isInteger(folds) || folds < 2 || folds > 20)) throw new UsageError('--folds must be a whole number from 2 to 20');
        const evaluation = evaluateFile(options.evaluate, folds, (message) => process.stderr.write(`${message}\n`));
        if (options.json) printJson(evaluation);
        else process.stdout.write(formatEvaluation(evaluation));
        return;
      }
      if (options.folds !== undefined) throw new UsageError('--folds goes with --evaluate');
      if (options.batch) {
        if (words.length > 0) throw new UsageError('--batch reads the messages from stdin: give no text argument');
        const bad = await runBatch((line) => {
          const request = line && typeof line === 'object' && !Array.isArray(line) ? { explain: options.explain === true, ...line } : line;
          return classifyFor(request).output;
        });
        if (bad > 0) outcome.code = EXIT_USAGE;
        return;
      }
      if (words.length === 0) throw new UsageError('classify needs the message text, e.g. parley classify "I don\'t owe this" --json (or --batch with JSON Lines on stdin)');
      const { output, result } = classifyFor({
        text: words.join(' '),
        ...(options.language !== undefined ? { language: options.language } : {}),
        ...(options.channel !== undefined ? { channel: options.channel } : {}),
        ...(options.name.length > 0 ? { name: options.name } : {}),
        explain: options.explain === true,
      });
      if (options.json) printJson(output);
      else printHuman(result);
    });
}
