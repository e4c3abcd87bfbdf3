import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  consumerFlagsSchema,
  contactAttemptSchema,
  emptyFlags,
  evaluate,
  messagePurposeSchema,
  parseAccount,
  type Account,
  type ConsumerFlags,
  type ContactAttempt,
  type GateDecision,
} from '../../guardrails/index.js';
import { EXIT_FAILED, EXIT_USAGE, UsageError, outcome, printJson } from './exit.js';
import { describeZodError, parseInstant, runBatch } from './window.js';

const CHANNELS = ['sms', 'webchat', 'teams', 'email'] as const;

/** One check, as flags or as a batch line (field names as the flags, either spelling). */
const checkRequestSchema = z.strictObject({
  text: z.string({ error: 'is required: the draft to check' }),
  channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }),
  accountFile: z.string().optional(),
  'account-file': z.string().optional(),
  /** A batch line may carry the account inline, in the import format. */
  account: z.unknown().optional(),
  verified: z.boolean().default(false),
  first: z.boolean().default(false),
  initiatedBy: z.enum(['consumer', 'parley']).optional(),
  'initiated-by': z.enum(['consumer', 'parley']).optional(),
  at: z.string().optional(),
  language: z.enum(['en', 'es']).optional(),
  purpose: messagePurposeSchema.optional(),
  source: z.enum(['template', 'model']).default('template'),
  fallback: z.string().optional(),
  flagsFile: z.string().optional(),
  'flags-file': z.string().optional(),
  attemptsFile: z.string().optional(),
  'attempts-file': z.string().optional(),
});

export interface CheckOutput {
  verdict: 'send' | 'defer' | 'block';
  text: string | null;
  violations: { ruleId: string; citation: string; reason: string }[];
  disclosures: string[];
  packVersion: string;
  deferUntil?: string;
}

function readFile(path: string, what: string): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${what} ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`}`);
  }
}

/** JSON.parse messages quote the input, which may be personal data: say only that it is not JSON. */
function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${what}: not valid JSON`);
  }
}

function accountFrom(raw: unknown, what: string): Account {
  const parsed = parseAccount(raw);
  if (!parsed.ok) throw new UsageError(`${what} is not a valid account: ${parsed.errors.join('; ')}`);
  return parsed.value;
}

/** The account file holds one account in the import format: one JSON Lines line, or the same object pretty-printed. */
function loadAccountFile(path: string, cache: Map<string, Account>): Account {
  const cached = cache.get(path);
  if (cached) return cached;
  const text = readFile(path, '--account-file').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    if (lines.length > 1) throw new UsageError(`--account-file ${path}: holds ${lines.length} lines; check takes one account (one line of the import format)`);
    throw new UsageError(`--account-file ${path}: not valid JSON`);
  }
  const account = accountFrom(raw, `--account-file ${path}`);
  cache.set(path, account);
  return account;
}

function loadFlags(path: string): ConsumerFlags {
  const parsed = consumerFlagsSchema.safeParse(parseJson(readFile(path, '--flags-file'), `--flags-file ${path}`));
  if (!parsed.success) throw new UsageError(`--flags-file ${path}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

function loadAttempts(path: string): ContactAttempt[] {
  const parsed = z.array(contactAttemptSchema).safeParse(parseJson(readFile(path, '--attempts-file'), `--attempts-file ${path}`));
  if (!parsed.success) throw new UsageError(`--attempts-file ${path}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/**
 * The issue's shape for other tools: verdict is send, defer or block. The gate's "suppress" (no
 * message of this kind may reach this consumer at all) is reported as block, with its reasons.
 */
function toOutput(decision: GateDecision): CheckOutput {
  const output: CheckOutput = {
    verdict: decision.verdict === 'suppress' ? 'block' : decision.verdict,
    text: decision.text,
    violations: decision.violations.map(({ ruleId, citation, reason }) => ({ ruleId, citation, reason })),
    disclosures: decision.disclosures,
    packVersion: decision.packVersion,
  };
  if (decision.deferUntil) output.deferUntil = decision.deferUntil.toISOString();
  return output;
}

export function checkFor(raw: unknown, cache: Map<string, Account> = new Map()): { output: CheckOutput; decision: GateDecision } {
  const parsed = checkRequestSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error));
  const request = parsed.data;
  const accountPath = request.accountFile ?? request['account-file'];
  let account: Account;
  if (request.account !== undefined) account = accountFrom(request.account, 'account');
  else if (accountPath !== undefined) account = loadAccountFile(accountPath, cache);
  else throw new UsageError('--account-file is required (or "account" inline on a batch line)');
  const flagsPath = request.flagsFile ?? request['flags-file'];
  const attemptsPath = request.attemptsFile ?? request['attempts-file'];
  const flags = flagsPath ? loadFlags(flagsPath) : emptyFlags();
  const initiatedBy = request.initiatedBy ?? request['initiated-by'] ?? 'consumer';
  if (request.source === 'model' && request.fallback === undefined) throw new UsageError('--source model needs --fallback <template text> to fall back to');
  const decision = evaluate({
    account,
    flags,
    channel: request.channel,
    language: request.language ?? flags.language ?? account.consumer.preferredLanguage,
    draft: request.text,
    draftSource: request.source,
    ...(request.fallback !== undefined ? { fallback: request.fallback } : {}),
    purpose: request.purpose ?? (initiatedBy === 'consumer' ? 'reply' : 'reminder'),
    facts: { firstCommunication: request.first, identityVerified: request.verified, initiatedBy },
    at: parseInstant(request.at),
    attempts: attemptsPath ? loadAttempts(attemptsPath) : [],
  });
  return { output: toOutput(decision), decision };
}

function printHuman(output: CheckOutput, decision: GateDecision): void {
  const lines = [
    `Verdict: ${decision.verdict}${output.deferUntil ? ` until ${output.deferUntil}` : ''}`,
    `Text: ${output.text ?? '(none)'}`,
    `Disclosures: ${output.disclosures.length > 0 ? output.disclosures.join(', ') : '(none)'}`,
    'Violations:',
    ...(output.violations.length > 0 ? output.violations.map((v) => `  ${v.ruleId} (${v.citation}): ${v.reason}`) : ['  (none)']),
    ...(decision.replacedDraft ? ['Model draft replaced by the template because:', ...decision.replacedDraft.violations.map((v) => `  ${v.ruleId} (${v.citation}): ${v.reason}`)] : []),
    `Packs: ${output.packVersion}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

interface CheckOptions {
  accountFile?: string;
  channel?: string;
  text?: string;
  verified?: boolean;
  first?: boolean;
  initiatedBy?: string;
  at?: string;
  language?: string;
  purpose?: string;
  source?: string;
  fallback?: string;
  flagsFile?: string;
  attemptsFile?: string;
  json?: boolean;
  batch?: boolean;
}

/** Flags given on the command line, without the ones left out (so batch lines can supply them). */
function fromOptions(options: CheckOptions): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const key of ['accountFile', 'channel', 'text', 'initiatedBy', 'at', 'language', 'purpose', 'source', 'fallback', 'flagsFile', 'attemptsFile'] as const) {
    if (options[key] !== undefined) request[key] = options[key];
  }
  if (options.verified) request.verified = true;
  if (options.first) request.first = true;
  return request;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Run a draft through the outbound gate: draft checks, flags, contact window and caps, disclosures, SMS length')
    .option('--account-file <path>', 'the account, in the import format (one line of an import file)')
    .option('--channel <channel>', `where the message goes: ${CHANNELS.join(', ')}`)
    .option('--text <draft>', 'the draft to check')
    .option('--verified', 'the reader\'s identity is verified')
    .option('--first', 'the first communication: no debt-collector disclosure has been given yet')
    .option('--initiated-by <who>', 'consumer (a reply; the default) or parley (collector-initiated: window and caps apply)')
    .option('--at <ISO>', 'the instant, with its offset (default: now)')
    .option('--language <lang>', 'en or es (default: the consumer\'s language)')
    .option('--purpose <purpose>', `why the message is sent (default reply, or reminder when Parley initiates): ${messagePurposeSchema.options.join(', ')}`)
    .option('--source <source>', 'template (the default; a finding blocks it) or model (a finding falls back to --fallback)')
    .option('--fallback <text>', 'the template text a model draft phrased')
    .option('--flags-file <path>', 'the consumer\'s flags as JSON (cease, optOuts, attorney, inconvenientTimes...)')
    .option('--attempts-file <path>', 'the contact history as a JSON array of contact attempts')
    .option('--json', 'print {"verdict","text","violations","disclosures","packVersion"} (and "deferUntil" on defer)')
    .option('--batch', 'read JSON Lines on stdin ({"text": ..., "channel": ...}; flags given here are defaults) and print one JSON result per line; exit 2 if any line was bad, else 1 if any was blocked')
    .addHelpText('after', '\nExit codes: 0 send or defer, 1 block, 2 bad arguments.')
    .action(async (options: CheckOptions) => {
      const defaults = fromOptions(options);
      if (options.batch) {
        const cache = new Map<string, Account>();
        let blocked = false;
        const bad = await runBatch((line) => {
          if (typeof line !== 'object' || line === null || Array.isArray(line)) throw new UsageError('each line must be a JSON object');
          const { output } = checkFor({ ...defaults, ...line }, cache);
          if (output.verdict === 'block') blocked = true;
          return output;
        });
        outcome.code = bad > 0 ? EXIT_USAGE : blocked ? EXIT_FAILED : outcome.code;
        return;
      }
      for (const [flag, key] of [['--account-file', 'accountFile'], ['--channel', 'channel'], ['--text', 'text']] as const) {
        if (options[key] === undefined) throw new UsageError(`${flag} is required (or use --batch)`);
      }
      const { output, decision } = checkFor(defaults);
      if (options.json) printJson(output);
      else printHuman(output, decision);
      if (output.verdict === 'block') outcome.code = EXIT_FAILED;
    });
}
