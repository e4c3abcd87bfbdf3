import readline from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import { evaluateWindow, expandJurisdiction, guessPostalCountry, RULE_PACKS, ruleSetFor, type WindowResult } from '../../guardrails/index.js';
import { EXIT_USAGE, UsageError, outcome, printJson } from './exit.js';

// ---- shared by `window` and `check` ----

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant given on the command line; it must say its offset, so it means the same everywhere. */
export function parseInstant(value: string | undefined, name = '--at'): Date {
  // The CLI is where the clock may be read: guardrails only ever get the instant as an argument.
  if (value === undefined) return new Date();
  const ms = Date.parse(value);
  if (!ISO_INSTANT.test(value) || Number.isNaN(ms)) throw new UsageError(`${name} ${JSON.stringify(value)}: must be an ISO 8601 instant with an offset, e.g. 2026-06-01T14:30:00Z or 2026-06-01T10:30:00-04:00`);
  return new Date(ms);
}

/** Commander calls this once per repeated option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Reads JSON Lines from stdin, one request per line, and prints one JSON result per line in the same
 * order. A line that cannot be handled gets {"error": "..."} on its own line and the rest go on.
 * Returns how many lines were bad.
 */
export async function runBatch(handle: (request: unknown) => unknown): Promise<number> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let bad = 0;
  let number = 0;
  for await (const raw of lines) {
    number += 1;
    const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    let request: unknown;
    try {
      request = JSON.parse(line);
    } catch {
      bad += 1;
      printJson({ error: `line ${number}: not valid JSON` });
      continue;
    }
    try {
      printJson(handle(request));
    } catch (error) {
      bad += 1;
      printJson({ error: `line ${number}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return bad;
}

/** Zod issues as one line a person can act on: "at: must be ...; phone.0: ...". */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'}: ${issue.message}`).join('; ');
}

const KNOWN_JURISDICTIONS = RULE_PACKS.map((pack) => pack.jurisdiction);

/** "US-NY-NYC" → ["US", "US-NY", "US-NY-NYC"], refusing one no pack covers. */
export function jurisdictionsOf(id: string): string[] {
  if (!/^[A-Z]{2}(-[A-Z]{2,3})?(-[A-Z]{2,4})?$/.test(id)) throw new UsageError(`--jurisdiction ${JSON.stringify(id)}: must look like US, US-MA, US-NY-NYC or GB`);
  const jurisdictions = expandJurisdiction(id);
  if (!ruleSetFor(jurisdictions).covered) throw new UsageError(`--jurisdiction ${id}: no rule pack covers it (packs exist for ${KNOWN_JURISDICTIONS.join(', ')})`);
  return jurisdictions;
}

// ---- window ----

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'must be an E.164 phone number, e.g. +16175550123' });
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (24-hour)' });

/** One request, as flags or as a batch line (field names as the flags, either spelling). */
const windowRequestSchema = z
  .strictObject({
    phone: z.union([e164, z.array(e164)]).optional(),
    postal: z.string().min(1).optional(),
    country: z.string().regex(/^[A-Za-z]{2}$/, { error: 'must be a two-letter country code such as US or GB' }).optional(),
    at: z.string().optional(),
    notBefore: clock.optional(),
    'not-before': clock.optional(),
    notAfter: clock.optional(),
    'not-after': clock.optional(),
    jurisdiction: z.string().optional(),
  })
  .refine((r) => !(r.notBefore && r['not-before']) && !(r.notAfter && r['not-after']), { error: 'give notBefore/notAfter once, in one spelling' });

export interface WindowOutput {
  permitted: boolean;
  zones: string[];
  localTimes: Record<string, string>;
  nextPermittedAt: string | null;
  rules: { ruleId: string; citation: string; reason: string }[];
}

function toOutput(result: WindowResult): WindowOutput {
  return {
    permitted: result.permitted,
    zones: result.zones,
    localTimes: result.localTimes,
    nextPermittedAt: result.nextPermittedAt ? result.nextPermittedAt.toISOString() : null,
    rules: result.rules.map(({ ruleId, citation, reason }) => ({ ruleId, citation, reason })),
  };
}

export function windowFor(raw: unknown): { output: WindowOutput; result: WindowResult } {
  const parsed = windowRequestSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error));
  const request = parsed.data;
  const phones = request.phone === undefined ? [] : Array.isArray(request.phone) ? request.phone : [request.phone];
  const at = parseInstant(request.at);
  const country =
    request.country?.toUpperCase() ?? (request.postal ? guessPostalCountry(request.postal) : undefined) ?? (phones.length > 0 && phones.every((p) => p.startsWith('+44')) ? 'GB' : undefined);
  const jurisdictions = request.jurisdiction ? jurisdictionsOf(request.jurisdiction) : country === 'GB' ? ['GB'] : ['US'];
  const notBefore = request.notBefore ?? request['not-before'];
  const notAfter = request.notAfter ?? request['not-after'];
  const inconvenientTimes =
    notBefore || notAfter ? [{ at: '1970-01-01T00:00:00Z', ...(notBefore ? { notBefore } : {}), ...(notAfter ? { notAfter } : {}), said: 'given on the command line' }] : [];
  const result = evaluateWindow({ phones, postalCode: request.postal, country, at, jurisdictions, inconvenientTimes });
  return { output: toOutput(result), result };
}

function printHuman(result: WindowResult): void {
  const lines = [
    result.permitted ? 'Permitted: yes' : `Permitted: no${result.nextPermittedAt ? `; next permitted ${result.nextPermittedAt.toISOString()}` : '; no permitted time within 8 days'}`,
    `Window: ${result.window ? `${result.window.start}–${result.window.end} local time in every zone` : 'none'}`,
    'Zones:',
    ...(result.zones.length > 0 ? result.zones.map((zone) => `  ${zone.padEnd(24)} ${result.localTimes[zone] ?? ''}`) : ['  (none)']),
    'Rules:',
    ...result.rules.map((rule) => `  ${rule.ruleId} (${rule.citation}): ${rule.reason}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

interface WindowOptions {
  phone: string[];
  postal?: string;
  country?: string;
  at?: string;
  notBefore?: string;
  notAfter?: string;
  jurisdiction?: string;
  json?: boolean;
  batch?: boolean;
}

export function registerWindow(program: Command): void {
  program
    .command('window')
    .description('Whether a collector-initiated contact is permitted at an instant: local time in every candidate time zone must be inside the window')
    .option('--phone <E164>', 'a phone number of the consumer (repeat for several)', collect, [])
    .option('--postal <code>', 'the postal code of the consumer\'s address (US ZIP or UK postcode)')
    .option('--country <CC>', 'the country of the postal code (default: guessed from its shape)')
    .option('--at <ISO>', 'the instant, with its offset (default: now)')
    .option('--not-before <HH:MM>', 'the consumer said: not before this local time')
    .option('--not-after <HH:MM>', 'the consumer said: not after this local time')
    .option('--jurisdiction <id>', 'the account\'s jurisdiction, e.g. US-MA, US-NY-NYC, GB (default US, or GB for a UK address)')
    .option('--json', 'print {"permitted","zones","localTimes","nextPermittedAt","rules"}')
    .option('--batch', 'read JSON Lines on stdin ({"phone": [...], "postal": ..., "at": ...}) and print one JSON result per line; exit 2 if any line was bad')
    .action(async (options: WindowOptions) => {
      if (options.batch) {
        const bad = await runBatch((line) => windowFor(line).output);
        if (bad > 0) outcome.code = EXIT_USAGE;
        return;
      }
      const { output, result } = windowFor({
        ...(options.phone.length > 0 ? { phone: options.phone } : {}),
        ...(options.postal !== undefined ? { postal: options.postal } : {}),
        ...(options.country !== undefined ? { country: options.country } : {}),
        ...(options.at !== undefined ? { at: options.at } : {}),
        ...(options.notBefore !== undefined ? { notBefore: options.notBefore } : {}),
        ...(options.notAfter !== undefined ? { notAfter: options.notAfter } : {}),
        ...(options.jurisdiction !== undefined ? { jurisdiction: options.jurisdiction } : {}),
      });
      if (options.json) printJson(output);
      else printHuman(result);
    });
}
