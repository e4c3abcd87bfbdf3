import type { Command } from 'commander';
import { printJson } from './exit.js';
import { migrateConfiguredRecords } from './open-records.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (PostgreSQL when DATABASE_URL is set, else the embedded PGlite in PARLEY_DATA_DIR)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const report = await migrateConfiguredRecords();
      if (options.json) {
        printJson({ database: report.database, applied: report.applied, alreadyApplied: report.alreadyApplied });
        return;
      }
      if (report.applied.length === 0) {
        process.stdout.write(`${report.database} is up to date (${report.alreadyApplied.length} migrations already applied).\n`);
      } else {
        process.stdout.write(`Applied to ${report.database}:\n${report.applied.map((name) => `  ${name}\n`).join('')}`);
      }
    });
}
