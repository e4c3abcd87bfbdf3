import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { createOutboundRecords, type OutboundRecords, type SqlRecordsStore } from '../../adapters/index.js';
import { OUTBOUND_KINDS, OutboundRequestError, scheduleOutbound, validateOutbound, type CompanyInfo, type OutboundKind, type OutboundMessage } from '../../dialogs/index.js';
import type { Channel } from '../../guardrails/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { runCampaign, type CampaignSummary } from '../outbound/campaign.js';
import { PacingFileError, loadPacingFile } from '../outbound/pacing-file.js';
import { EXIT_FAILED, UsageError, outcome, printJson } from './exit.js';
import { readAccounts } from './import.js';
import { withRecordsStore } from './open-records.js';

const CHANNELS = ['auto', 'sms', 'teams', 'webchat'] as const;

function company(): CompanyInfo {
  try {
    const config = loadConfig();
    return { collectorName: config.company.name, contactPhone: config.company.humanPhone, hours: config.company.humanHours };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function instant(value: string | undefined, name: string): Date {
  if (value === undefined) return new Date();
  const parsed = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(parsed.getTime())) throw new UsageError(`${name} must be an ISO instant such as 2026-06-10T16:00:00Z, not ${value}`);
  return parsed;
}

function jsonObject(value: string | undefined): Record<string, unknown> {
  if (value === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UsageError('--slots must be a JSON object, e.g. \'{"amount":{"amount":5000,"currency":"USD"},"dueDate":"2026-07-01"}\'');
}

function withOutbound<T>(work: (store: SqlRecordsStore, outbound: OutboundRecords) => Promise<T>): Promise<T> {
  return withRecordsStore((store) => work(store, createOutboundRecords(store.sql)));
}

function describeMessage(m: OutboundMessage): string {
  return `${m.id}  ${m.status.padEnd(10)} ${m.dueAt.toISOString()}  ${m.kind.padEnd(12)} ${m.speechAct} by ${m.channel}${m.reason ? `\n    ${m.reason}` : ''}`;
}

interface ScheduleOptions {
  account: string;
  kind: OutboundKind;
  act: string;
  slots?: string;
  channel: (typeof CHANNELS)[number];
  at?: string;
  expires?: string;
  dedupe?: string;
  json?: boolean;
}

async function schedule(options: ScheduleOptions): Promise<void> {
  const dueAt = instant(options.at, '--at');
  const request = {
    accountId: options.account,
    kind: options.kind,
    speechAct: options.act,
    slots: jsonObject(options.slots),
    dueAt,
    channel: options.channel as Channel | 'auto',
    source: 'cli',
    ...(options.expires ? { expiresAt: instant(options.expires, '--expires') } : {}),
    ...(options.dedupe ? { dedupeKey: options.dedupe } : {}),
  };
  const result = await withOutbound(async (_store, outbound) => {
    try {
      return await scheduleOutbound(outbound.scheduler, request);
    } catch (error) {
      if (error instanceof OutboundRequestError) throw new UsageError(`cannot schedule: ${error.message}`);
      if (error instanceof Error && error.name === 'UnknownAccountError') throw new UsageError(error.message);
      throw error;
    }
  });
  if (options.json) {
    printJson({ created: result.created, message: result.message });
    return;
  }
  process.stdout.write(`${result.created ? 'Scheduled' : 'Already scheduled (same dedupe key)'}: ${describeMessage(result.message)}\n`);
}

function progressBar(total: number): cliProgress.SingleBar | undefined {
  if (!process.stderr.isTTY || total === 0) return undefined;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'Planning [{bar}] {percentage}% | {value}/{total} accounts', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

async function portfolioIds(portfolio: string): Promise<string[] | 'all'> {
  if (portfolio === 'all') return 'all';
  if (!fs.existsSync(portfolio)) throw new UsageError(`--portfolio ${portfolio}: no such file (give a JSON Lines file of accounts, or "all")`);
  const read = await readAccounts(fs.createReadStream(portfolio));
  if (read.bad.length > 0) throw new UsageError(`--portfolio ${portfolio}: ${read.bad.length} of ${read.lines} lines are not valid accounts (line ${read.bad[0]?.line}: ${read.bad[0]?.reasons.join('; ')})`);
  return read.accounts.map((account) => account.accountId);
}

async function* pagesOf(ids: readonly string[], size = 1_000): AsyncIterable<string[]> {
  for (let start = 0; start < ids.length; start += size) yield ids.slice(start, start + size);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function printSummary(summary: CampaignSummary, portfolio: string, pacingName: string): void {
  const rows: [string, string][] = [];
  rows.push(['would send now', count(summary.sendNow)]);
  rows.push(['deferred', count(summary.deferred)]);
  const hours = Object.entries(summary.deferredUntil).sort(([a], [b]) => a.localeCompare(b));
  const shown = hours.slice(0, 8);
  for (const [hour, n] of shown) rows.push([`  until ${hour}`, count(n)]);
  if (hours.length > shown.length) rows.push([`  later (${hours.length - shown.length} more hours)`, count(hours.slice(shown.length).reduce((sum, [, n]) => sum + n, 0))]);
  rows.push(['suppressed', count(summary.suppressed)]);
  for (const [reason, n] of Object.entries(summary.suppressedBy).sort((a, b) => b[1] - a[1])) rows.push([`  ${reason}`, count(n)]);
  if (summary.blocked > 0) {
    rows.push(['blocked', count(summary.blocked)]);
    for (const [reason, n] of Object.entries(summary.blockedBy).sort((a, b) => b[1] - a[1])) rows.push([`  ${reason}`, count(n)]);
  }
  if (summary.cancelled > 0) rows.push(['cancelled (answered)', count(summary.cancelled)]);
  if (summary.notInRecords > 0) rows.push(['not in the records', count(summary.notInRecords)]);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const numbers = Math.max(...rows.map(([, n]) => n.length));
  const rate = summary.seconds > 0 ? ` (${count(Math.round(summary.planned / summary.seconds))} accounts/s)` : '';
  process.stdout.write(
    `Outbound plan at ${summary.at} for ${count(summary.accounts)} accounts (portfolio ${portfolio}, campaign ${summary.campaign}, pacing ${pacingName}):\n` +
      rows.map(([label, n]) => `  ${label.padEnd(width)}${n.padStart(numbers)}\n`).join('') +
      `${summary.alreadyScheduled > 0 ? `${count(summary.alreadyScheduled)} accounts already had a message scheduled; it was planned instead of the campaign's.\n` : ''}` +
      (summary.dryRun ? `Dry run: nothing was written. Planned in ${summary.seconds.toFixed(1)} s${rate}.\n` : `Scheduled ${count(summary.scheduled)} messages in ${summary.seconds.toFixed(1)} s${rate}.\n`),
  );
}

interface RunOptions {
  portfolio: string;
  dryRun?: boolean;
  json?: boolean;
  pacing?: string;
  act: string;
  kind: OutboundKind;
  channel: (typeof CHANNELS)[number];
  slots?: string;
  at?: string;
  campaign?: string;
}

async function run(options: RunOptions): Promise<void> {
  const at = instant(options.at, '--at');
  let pacing;
  try {
    pacing = loadPacingFile(options.pacing);
  } catch (error) {
    if (error instanceof PacingFileError) throw new UsageError(error.message);
    throw error;
  }
  const slots = jsonObject(options.slots);
  const campaign = options.campaign ?? `${options.kind}-${at.toISOString().slice(0, 10)}`;
  // The act is checked before any account is read.
  try {
    validateOutbound({ accountId: 'campaign', kind: options.kind, speechAct: options.act, slots, dueAt: at, channel: options.channel as Channel | 'auto', source: 'cli' });
  } catch (error) {
    if (error instanceof OutboundRequestError) throw new UsageError(`cannot plan: ${error.message}`);
    throw error;
  }
  const ids = await portfolioIds(options.portfolio);
  const info = company();
  const summary = await withOutbound(async (store, outbound) => {
    const total = ids === 'all' ? await outbound.portfolio.countAccounts() : ids.length;
    const bar = progressBar(total);
    try {
      const result = await runCampaign(ids === 'all' ? outbound.portfolio.accountIds() : pagesOf(ids), outbound.portfolio, options.dryRun ? undefined : outbound.scheduler, {
        at,
        campaign,
        speechAct: options.act,
        kind: options.kind,
        channel: options.channel as Channel | 'auto',
        slots,
        pacing,
        company: info,
        dryRun: options.dryRun ?? false,
        onProgress: (done) => bar?.update(done),
      });
      if (!options.dryRun) {
        await store.audit.append({
          chainId: 'system',
          kind: 'system',
          payload: { event: 'outbound-campaign', portfolio: options.portfolio === 'all' ? 'all' : path.basename(options.portfolio), ...result, deferredUntil: undefined },
          at: new Date(),
        });
      }
      return result;
    } finally {
      bar?.stop();
    }
  });
  if (summary.notInRecords > 0 && summary.planned === 0) outcome.code = EXIT_FAILED;
  if (options.json) printJson(summary);
  else printSummary(summary, options.portfolio === 'all' ? 'all' : path.basename(options.portfolio), options.pacing ? path.basename(options.pacing) : 'default');
}

export function registerOutbound(program: Command): void {
  const outbound = program.command('outbound').description('reminders and follow-ups Parley sends first, each through the guardrail gate at send time');

  outbound
    .command('schedule')
    .description('schedule one message for an account (the dispatcher in `parley serve` decides and sends it when due)')
    .requiredOption('--account <id>', 'the account')
    .addOption(new Option('--kind <kind>', 'why it is sent').choices(OUTBOUND_KINDS as string[]).default('manual'))
    .option('--act <speechAct>', 'the speech act said to the verified consumer; a check-in that reveals nothing goes to anyone else', 'reminder.check-in')
    .option('--slots <json>', "the act's slots as a JSON object (money in minor units with currency, dates YYYY-MM-DD)")
    .addOption(new Option('--channel <channel>', 'the channel; auto picks among the permitted ones').choices([...CHANNELS]).default('auto'))
    .option('--at <instant>', 'when it is due (ISO instant); default now')
    .option('--expires <instant>', 'after this it is not sent')
    .option('--dedupe <key>', 'one message per key and account')
    .option('--json', 'print the scheduled message as JSON')
    .addHelpText('after', '\nExit codes: 0 scheduled (or already scheduled under the same dedupe key); 2 bad arguments, unknown account or act, or the database could not be reached.')
    .action((options: ScheduleOptions) => schedule(options));

  outbound
    .command('run')
    .description('plan the next message for every account of a portfolio and schedule the campaign message where it may go')
    .requiredOption('--portfolio <file|all>', 'a JSON Lines file of accounts (its ids select accounts in the records), or all')
    .option('--dry-run', 'plan and summarize only; nothing is written')
    .option('--json', 'print the summary as JSON')
    .option('--pacing <file>', 'pacing policy (YAML or JSON): per situation and portfolio, how often Parley may write first')
    .option('--act <speechAct>', 'the campaign message', 'reminder.check-in')
    .addOption(new Option('--kind <kind>', 'why it is sent').choices(OUTBOUND_KINDS as string[]).default('campaign'))
    .addOption(new Option('--channel <channel>', 'the channel; auto picks among the permitted ones').choices([...CHANNELS]).default('auto'))
    .option('--slots <json>', "the act's slots as a JSON object")
    .option('--at <instant>', 'plan as of this instant (ISO); default now')
    .option('--campaign <name>', 'campaign name; a second run with the same name schedules nothing twice (default <kind>-<date>)')
    .addHelpText(
      'after',
      '\nThe summary counts what would happen at the instant planned: sent now, deferred until an hour (UTC), suppressed or blocked by the rule that decided.\n' +
        'An account with a message already scheduled is planned with that message, never given a second one.\n' +
        'Exit codes: 0 planned; 1 none of the portfolio file\'s accounts are in the records; 2 bad arguments or pacing file, or the database could not be reached.',
    )
    .action((options: RunOptions) => run(options));

  outbound
    .command('list')
    .description("an account's outbound messages, with their status and reasons")
    .requiredOption('--account <id>', 'the account')
    .option('--json', 'print the messages as JSON')
    .action(async (options: { account: string; json?: boolean }) => {
      const messages = await withOutbound((_store, o) => o.scheduler.listForAccount(options.account));
      if (options.json) printJson({ accountId: options.account, messages });
      else process.stdout.write(messages.length === 0 ? `No outbound messages for ${options.account}.\n` : `${messages.map(describeMessage).join('\n')}\n`);
    });

  outbound
    .command('cancel')
    .description('withdraw a pending or deferred message (recorded in the audit trail)')
    .argument('<id>', 'the message id')
    .option('--reason <text>', 'why', 'withdrawn by an operator')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { reason: string; json?: boolean }) => {
      const cancelled = await withOutbound((_store, o) => o.scheduler.cancel(id, options.reason, new Date()));
      if (!cancelled) outcome.code = EXIT_FAILED;
      if (options.json) printJson({ id, cancelled });
      else process.stdout.write(cancelled ? `Cancelled ${id}.\n` : `Not cancelled: ${id} is not a pending or deferred message.\n`);
    });
}
