import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { parseAccount, type Account } from '../../guardrails/index.js';
import { EXIT_FAILED, UsageError, outcome, printJson } from './exit.js';
import { withRecordsStore } from './open-records.js';

export interface BadLine {
  line: number;
  /** Present when the line was readable enough to name its account. */
  accountId?: string;
  reasons: string[];
}

export interface ReadResult {
  accounts: Account[];
  /** Non-blank lines read. */
  lines: number;
  bad: BadLine[];
}

/** JSON.parse messages quote the input, which may be personal data: keep only the position. */
function jsonProblem(error: unknown): string {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return position ? `not valid JSON (at column ${Number(position[1]) + 1})` : 'not valid JSON';
}

/** "debt: Invalid input: expected object, received undefined" says more plainly that the field is missing. */
function plainer(reason: string): string {
  return reason.replace(/: Invalid input: expected (\w+), received undefined$/, ': is missing');
}

/**
 * Reads JSON Lines, one account per line, validating every line and remembering every problem; once a
 * bad line is seen the valid accounts are no longer kept, since nothing will be written.
 */
export async function readAccounts(input: NodeJS.ReadableStream, onBytes?: (bytes: number) => void): Promise<ReadResult> {
  const result: ReadResult = { accounts: [], lines: 0, bad: [] };
  const firstLineOf = new Map<string, number>();
  if (onBytes) input.on('data', (chunk: Buffer | string) => onBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const rawLine of lines) {
    lineNumber += 1;
    const text = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
    if (text.trim() === '') continue;
    result.lines += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      result.bad.push({ line: lineNumber, reasons: [jsonProblem(error)] });
      continue;
    }
    const reasons: string[] = [];
    const rawId = typeof value === 'object' && value !== null ? (value as { accountId?: unknown }).accountId : undefined;
    const accountId = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
    if (accountId !== undefined) {
      const first = firstLineOf.get(accountId);
      if (first === undefined) firstLineOf.set(accountId, lineNumber);
      else reasons.push(`accountId ${accountId} is already on line ${first}`);
    }
    const parsed = parseAccount(value);
    if (!parsed.ok) reasons.push(...parsed.errors.map(plainer));
    if (reasons.length > 0) {
      result.bad.push({ line: lineNumber, ...(accountId === undefined ? {} : { accountId }), reasons });
      result.accounts = [];
    } else if (parsed.ok && result.bad.length === 0) {
      result.accounts.push(parsed.value);
    }
  }
  return result;
}

function progressBar(label: string, total: number): cliProgress.SingleBar | undefined {
  // Drawn only for a person watching: a pipe or a log file gets the summary line alone.
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

interface ImportOptions {
  json?: boolean;
  dryRun?: boolean;
}

async function openInput(file: string): Promise<{ stream: NodeJS.ReadableStream; size: number; name: string }> {
  if (file === '-') return { stream: process.stdin, size: 0, name: '(stdin)' };
  if (/\.csv$/i.test(file)) throw new UsageError(`${file}: CSV is not supported; write one JSON object per line (JSON Lines).`);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? String(error)}`);
  }
  if (!stat.isFile()) throw new UsageError(`cannot read ${file}: not a file`);
  const stream = fs.createReadStream(file);
  // Surface permission problems as usage errors rather than as a crash mid-read.
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(`cannot read ${file}: ${error.code ?? error.message}`)));
  });
  return { stream, size: stat.size, name: path.basename(file) };
}

async function runImport(file: string, options: ImportOptions): Promise<void> {
  const started = performance.now();
  const input = await openInput(file);
  const readBar = input.size > 0 ? progressBar('Validating', input.size) : undefined;
  let bytes = 0;
  const read = await readAccounts(input.stream, readBar ? (n) => readBar.update((bytes += n)) : undefined).finally(() => readBar?.stop());

  if (read.bad.length > 0) {
    outcome.code = EXIT_FAILED;
    if (options.json) {
      printJson({ ok: false, file: input.name, lines: read.lines, badLines: read.bad.length, errors: read.bad });
    } else {
      for (const bad of read.bad) process.stderr.write(`${file}:${bad.line}: ${bad.reasons.join('; ')}\n`);
    }
    process.stderr.write(`Import refused: ${read.bad.length} of ${read.lines} lines are bad; nothing was imported.\n`);
    return;
  }

  if (options.dryRun) {
    if (options.json) printJson({ ok: true, dryRun: true, file: input.name, lines: read.lines, accounts: read.accounts.length });
    else process.stdout.write(`Dry run: all ${read.accounts.length} accounts in ${input.name} are valid; nothing was written.\n`);
    return;
  }

  const accounts = read.accounts;
  const { summary, database } = await withRecordsStore(async (store) => {
    const writeBar = accounts.length > 0 ? progressBar('Importing ', accounts.length) : undefined;
    try {
      const written = await store.accounts.upsertMany(accounts, {
        onProgress: (done) => writeBar?.update(done),
        auditEvent: (s) => ({
          chainId: 'system',
          kind: 'import',
          payload: { file: input.name, lines: read.lines, accounts: accounts.length, inserted: s.inserted, updated: s.updated },
          at: new Date(),
        }),
      });
      return { summary: written, database: store.description };
    } finally {
      writeBar?.stop();
    }
  });
  const seconds = (performance.now() - started) / 1000;
  if (options.json) {
    printJson({ ok: true, dryRun: false, file: input.name, lines: read.lines, accounts: accounts.length, ...summary, database, seconds: Number(seconds.toFixed(3)) });
  } else {
    process.stdout.write(
      `Imported ${accounts.length} accounts from ${input.name}: ${summary.inserted} new, ${summary.updated} updated, in ${seconds.toFixed(1)} s (${database}).\n`,
    );
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import accounts from a JSON Lines file (one account per line; "-" reads standard input). All or nothing: any bad line imports nothing')
    .argument('<file>', 'the JSON Lines file')
    .option('--json', 'print the result (or every bad line) as JSON on standard output')
    .option('--dry-run', 'validate the file without opening the database')
    .addHelpText(
      'after',
      '\nExit codes: 0 imported (or valid, with --dry-run); 1 the file has bad lines, each printed with its line number, nothing imported;\n' +
        '2 usage error (missing or unreadable file, CSV) or the database could not be configured or reached.\n' +
        'Re-importing an account id replaces the stored account. Blank lines are ignored. The field-by-field format is in the README.',
    )
    .action((file: string, options: ImportOptions) => runImport(file, options));
}
