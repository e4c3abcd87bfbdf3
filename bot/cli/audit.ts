import type { Command } from 'commander';
import { registerConsoleAuditCommands, verifyExportAction } from './audit-console.js';
import { EXIT_FAILED, outcome, printJson } from './exit.js';
import { withRecordsStore } from './open-records.js';

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function registerVerify(audit: Command): void {
  audit
    .command('verify')
    .description('walk every audit chain and check each hash, link and chain head; exits 1 naming the first broken event')
    .option('--export <dir-or-zip>', 'check an evidence export against its manifest instead; exits 1 naming the first bad file')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean; export?: string }) => {
      if (options.export) {
        verifyExportAction(options.export, options.json);
        return;
      }
      const { result, database } = await withRecordsStore(async (store) => ({ result: await store.audit.verify(), database: store.description }));
      if (!result.ok) outcome.code = EXIT_FAILED;
      if (options.json) {
        printJson({ database, ...result });
        return;
      }
      if (result.ok) {
        process.stdout.write(`Audit trail intact: ${count(result.chains, 'chain')}, ${count(result.events, 'event')} verified (${database}).\n`);
        return;
      }
      const broken = result.firstBroken;
      process.stdout.write(
        `Audit trail BROKEN in chain ${broken.chainId} at seq ${broken.seq}${broken.eventId ? ` (event ${broken.eventId})` : ''}: ${broken.reason}\n` +
          `${count(result.events, 'event')} in ${count(result.chains, 'chain')} verified before it (${database}).\n`,
      );
    });
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit trail');
  registerVerify(audit);
  registerConsoleAuditCommands(audit);
}
