// `parley audit export | retain | hold | holds` and `verify --export`: the console's evidence and
// retention work from the command line.
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  applyRetention,
  createLegalHolds,
  EXPORT_FORMATS,
  filterProblems,
  LegalHoldError,
  planRetention,
  recordConsoleAccess,
  RetentionKeyMissingError,
  searchConversations,
  searchFiltersSchema,
  verifyEvidenceExport,
  writeEvidenceExport,
  type ExportFormat,
  type RetentionPlan,
  type SearchFilters,
} from '../../adapters/index.js';
import { cliActor } from './console-actor.js';
import { EXIT_FAILED, outcome, printJson, UsageError } from './exit.js';
import { withRecordsStore } from './open-records.js';

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** A bar on a terminal; on a pipe or log, a line every tenth of the way. */
function progress(label: string, total: number): { update(done: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let shown = 0;
  const step = Math.max(1, Math.ceil(total / 10));
  return {
    update(done) {
      if (total >= 100 && (done - shown >= step || done === total)) {
        shown = done;
        process.stderr.write(`${label}: ${done}/${total}\n`);
      }
    },
    stop: () => undefined,
  };
}

export function verifyExportAction(location: string, json: boolean | undefined): void {
  const result = verifyEvidenceExport(path.resolve(location));
  if (!result.ok) outcome.code = EXIT_FAILED;
  if (json) {
    printJson({ export: location, ...result });
    return;
  }
  if (result.ok) {
    process.stdout.write(
      `Export intact: ${plural(result.files, 'file')} match the manifest; ${plural(result.events, 'event')} in ${plural(result.chains, 'chain')}, ` +
        `${result.recomputed.toLocaleString('en-US')} recomputed to their chain hash${result.masked ? `, ${result.masked.toLocaleString('en-US')} masked (hash as recorded)` : ''}. ` +
        `Manifest sha256 ${result.manifestSha256}.\n`,
    );
    return;
  }
  process.stdout.write(`Export BROKEN: ${result.file} ${result.reason}\n`);
}

const FILTER_OPTIONS: Array<[string, string]> = [
  ['--account <id>', 'an account id'],
  ['--phone <e164>', "the consumer's phone number"],
  ['--name <name>', "the consumer's name (or part of it)"],
  ['--from <date>', 'activity from this date (YYYY-MM-DD, UTC) or instant'],
  ['--to <date>', 'activity up to the end of this date, or before this instant'],
  ['--channel <id>', 'webchat, sms, msteams...'],
  ['--jurisdiction <id>', 'US, US-MA, GB...'],
  ['--rule <id-or-citation>', 'a rule id (dispute) or part of a citation (1006.38)'],
  ['--verdict <verdict>', 'send, defer, block or suppress'],
  ['--flag <flag>', 'dispute, cease, opt-out, attorney, crisis...'],
  ['--replaced', 'only conversations where the gate replaced a model draft'],
  ['--text <words>', 'words a message contains'],
];

function filtersFrom(options: Record<string, unknown>): SearchFilters {
  const input: Record<string, unknown> = {};
  for (const key of ['account', 'phone', 'name', 'from', 'to', 'channel', 'jurisdiction', 'rule', 'verdict', 'flag', 'text']) if (typeof options[key] === 'string') input[key] = options[key];
  if (options.replaced === true) input.replaced = true;
  const parsed = searchFiltersSchema.safeParse(input);
  if (!parsed.success) throw new UsageError(filterProblems(parsed.error).map((problem) => `--${problem}`).join('\n'));
  return parsed.data;
}

function formatsFrom(value: string): ExportFormat[] {
  const formats = value.split(',').map((format) => format.trim().toLowerCase()).filter(Boolean);
  const unknown = formats.filter((format) => !(EXPORT_FORMATS as readonly string[]).includes(format));
  if (unknown.length || formats.length === 0) throw new UsageError(`--format takes a comma-separated list of ${EXPORT_FORMATS.join(', ')}; not ${unknown.join(', ') || '(nothing)'}.`);
  return [...new Set(formats)] as ExportFormat[];
}

function registerExport(audit: Command): void {
  const command = audit
    .command('export')
    .description('write an evidence export (events.jsonl, transcript.csv, transcript.pdf, manifest.json with sha256 hashes) of the conversations matching the filters')
    .requiredOption('--out <dir>', 'an empty or new directory to write into')
    .option('--conversation <key...>', 'export these conversations (keys such as conv:webchat:abc) instead of filtering')
    .option('--format <list>', 'comma-separated: jsonl,csv,pdf', 'jsonl,csv,pdf')
    .option('--unmask', 'keep personal data unmasked (recorded in the access log); default: masked');
  for (const [flags, description] of FILTER_OPTIONS) command.option(flags, description);
  command.option('--json', 'print the manifest summary as JSON').action(async (options: Record<string, unknown> & { out: string; format: string; unmask?: boolean; json?: boolean; conversation?: string[] }) => {
    const formats = formatsFrom(options.format);
    const filters = options.conversation?.length ? undefined : filtersFrom(options);
    const dir = path.resolve(options.out);
    const summary = await withRecordsStore(async (store) => {
      let keys = options.conversation ?? [];
      if (filters) {
        keys = [];
        let cursor: string | undefined;
        do {
          const page = await searchConversations(store.sql, filters, { limit: 200, ...(cursor ? { cursor } : {}) });
          keys.push(...page.items.map((item) => item.key));
          cursor = page.next;
        } while (cursor);
      }
      const bar = progress('Exporting', keys.length);
      const at = new Date();
      let manifest;
      try {
        manifest = await writeEvidenceExport(store.sql, {
          dir,
          keys,
          formats,
          masked: !options.unmask,
          actor: cliActor(),
          at,
          source: store.description,
          filters: filters ? Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value])) : null,
          checkpointKey: process.env.PARLEY_AUDIT_CHECKPOINT_KEY?.trim() || undefined,
          onProgress: (done) => bar.update(done),
        });
      } catch (error) {
        if (error instanceof Error && /not empty/.test(error.message)) throw new UsageError(error.message);
        throw error;
      } finally {
        bar.stop();
      }
      const check = verifyEvidenceExport(dir);
      if (!check.ok) throw new Error(`the export failed its own check: ${check.file} ${check.reason}`);
      await recordConsoleAccess(store.audit, {
        actor: cliActor(),
        action: 'export',
        target: { exportId: manifest.exportId, manifestSha256: check.manifestSha256, conversations: manifest.conversations.length, events: manifest.events.length, formats, masked: manifest.masked, out: dir },
        at,
      });
      return { dir, exportId: manifest.exportId, conversations: manifest.conversations.length, events: manifest.events.length, files: manifest.files, manifestSha256: check.manifestSha256, masked: manifest.masked };
    });
    if (options.json) {
      printJson(summary);
      return;
    }
    process.stdout.write(
      `Exported ${plural(summary.conversations, 'conversation')} (${plural(summary.events, 'event')}${summary.masked ? ', personal data masked' : ', UNMASKED'}) to ${summary.dir}:\n` +
        `${summary.files.map((file) => `  ${file.name}  ${file.bytes.toLocaleString('en-US')} bytes  sha256 ${file.sha256}`).join('\n')}\n` +
        `  manifest.json  sha256 ${summary.manifestSha256}\nCheck it any time with: parley audit verify --export ${summary.dir}\n`,
    );
  });
}

function describePlan(plan: RetentionPlan): string {
  const lines = [
    `Retention at ${plan.at.toISOString()}: ${plural(plan.expired.length, 'account')} past the retention period, ${plural(plan.held.length, 'held account')} kept, ${plural(plan.noRule.length, 'account')} with no retention rule kept.`,
  ];
  for (const held of plan.held) lines.push(`  kept (legal hold): ${held.accountId}, last activity ${held.lastActivity.toISOString()}`);
  for (const chain of plan.chains) lines.push(`  ${chain.chainId}: seq ${chain.firstSeq}-${chain.lastSeq} (${plural(chain.events, 'event')}) of account ${chain.accountId}`);
  return lines.join('\n');
}

function registerRetain(audit: Command): void {
  audit
    .command('retain')
    .description('remove audit events of accounts whose last collection activity is older than their rule packs\' retention period (3 years under 12 CFR 1006.100), except accounts under a legal hold; writes a signed checkpoint per chain so verify still passes')
    .option('--dry-run', 'only say what would be removed')
    .option('--at <instant>', 'judge expiry as of this ISO-8601 instant instead of now')
    .option('--json', 'print the plan and result as JSON')
    .action(async (options: { dryRun?: boolean; at?: string; json?: boolean }) => {
      const at = options.at ? new Date(options.at) : new Date();
      if (Number.isNaN(at.getTime()) || (options.at && !/^\d{4}-\d{2}-\d{2}/.test(options.at))) throw new UsageError('--at must be an ISO-8601 instant such as 2029-01-01T00:00:00Z.');
      const key = process.env.PARLEY_AUDIT_CHECKPOINT_KEY?.trim() || undefined;
      if (!options.dryRun && (!key || key.length < 32)) throw new UsageError(new RetentionKeyMissingError().message);
      const result = await withRecordsStore(async (store) => {
        const plan = await planRetention(store.sql, at);
        if (options.dryRun) return { ...plan, applied: false, removedEvents: 0, checkpoints: [], refused: [] };
        const bar = progress('Removing', plan.chains.length);
        try {
          return await applyRetention(store.sql, plan, key, { onProgress: (done) => bar.update(done) });
        } finally {
          bar.stop();
        }
      });
      if (result.refused.length > 0) outcome.code = EXIT_FAILED;
      if (options.json) {
        printJson({
          at: result.at,
          dryRun: Boolean(options.dryRun),
          expired: result.expired.map((candidate) => candidate.accountId),
          held: result.held.map((candidate) => candidate.accountId),
          noRule: result.noRule,
          chains: result.chains,
          removedEvents: result.removedEvents,
          checkpoints: result.checkpoints.map((checkpoint) => ({ id: checkpoint.id, chainId: checkpoint.chainId, firstSeq: checkpoint.firstSeq, lastSeq: checkpoint.lastSeq, lastHash: checkpoint.lastHash })),
          refused: result.refused,
        });
        return;
      }
      process.stdout.write(`${describePlan(result)}\n`);
      if (options.dryRun) process.stdout.write('Dry run: nothing removed.\n');
      else process.stdout.write(`Removed ${plural(result.removedEvents, 'event')} from ${plural(result.checkpoints.length, 'chain')}, each with a signed checkpoint.\n`);
      for (const refused of result.refused) process.stdout.write(`NOT removed ${refused.chainId}: the chain does not verify (${refused.reason}). Investigate with parley audit verify.\n`);
    });
}

function registerHolds(audit: Command): void {
  audit
    .command('hold')
    .description('place a legal hold on an account (retention then removes nothing of it), or release one')
    .argument('[accountId]', 'the account to hold')
    .option('--reason <text>', 'the matter, request or order the hold serves')
    .option('--release <holdId>', 'release this hold instead')
    .option('--json', 'print the hold as JSON')
    .action(async (accountId: string | undefined, options: { reason?: string; release?: string; json?: boolean }) => {
      if (!options.release && (!accountId || !options.reason?.trim())) throw new UsageError('Give the account and --reason "<matter>", or --release <holdId>.');
      const hold = await withRecordsStore(async (store) => {
        const holds = createLegalHolds(store.sql);
        const at = new Date();
        try {
          if (options.release) {
            const released = await holds.release(options.release, cliActor().id, at);
            await recordConsoleAccess(store.audit, { actor: cliActor(), action: 'legal-hold-released', target: { hold: released.id }, accountId: released.accountId, at });
            return released;
          }
          const placed = await holds.place({ accountId: accountId ?? '', reason: options.reason ?? '', by: cliActor().id, at });
          await recordConsoleAccess(store.audit, { actor: cliActor(), action: 'legal-hold-placed', target: { hold: placed.id, reason: placed.reason }, accountId: placed.accountId, at });
          return placed;
        } catch (error) {
          if (error instanceof LegalHoldError) throw new UsageError(error.message);
          throw error;
        }
      });
      if (options.json) printJson({ hold });
      else if (hold.releasedAt) process.stdout.write(`Released legal hold ${hold.id} on account ${hold.accountId}.\n`);
      else process.stdout.write(`Legal hold ${hold.id} placed on account ${hold.accountId}: ${hold.reason}\n`);
    });

  audit
    .command('holds')
    .description('list the legal holds in place')
    .option('--json', 'print the holds as JSON')
    .action(async (options: { json?: boolean }) => {
      const holds = await withRecordsStore((store) => createLegalHolds(store.sql).active());
      if (options.json) printJson({ holds });
      else process.stdout.write(holds.length ? `${holds.map((hold) => `${hold.id}  ${hold.accountId}  since ${hold.placedAt.toISOString()}  ${hold.reason}`).join('\n')}\n` : 'No legal hold is in place.\n');
    });
}

export function registerConsoleAuditCommands(audit: Command): void {
  registerExport(audit);
  registerRetain(audit);
  registerHolds(audit);
}
