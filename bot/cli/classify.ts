import type { Command } from 'commander';
import { z } from 'zod';
import { classifyIntents, INTENTS, isRightsBearing, type Classification } from '../../guardrails/index.js';
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
  intents: string[];
  details: Classification['details'];
  /** Only with --explain: the language told from the words, and the words each intent matched. */
  language?: string;
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
  const output: ClassifyOutput = { intents: result.intents, details: result.details };
  if (request.explain) {
    output.language = result.language;
    output.evidence = result.evidence;
  }
  return { output, result };
}

function printHuman(result: Classification): void {
  const titles = new Map(INTENTS.map((info) => [info.id, info.title]));
  for (const intent of result.intents) {
    const marker = isRightsBearing(intent) ? 'RIGHT' : '     ';
    const evidence = result.evidence[intent];
    process.stdout.write(`${marker}  ${intent.padEnd(20)} ${titles.get(intent) ?? ''}${evidence ? `  ("${evidence.trim()}")` : ''}\n`);
  }
  const details = Object.entries(result.details);
  for (const [intent, detail] of details) process.stdout.write(`       ${intent}: ${JSON.stringify(detail)}\n`);
  process.stdout.write(`Language: ${result.language}\n`);
}

interface ClassifyOptions {
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
    .option('--json', 'print {"intents": [...], "details": {...}}')
    .option('--batch', 'read JSON Lines on stdin ({"text": ...} per line, optional "language", "channel", "name") and print one JSON result per line; exit 2 if any line was bad')
    .action(async (words: string[], options: ClassifyOptions) => {
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
