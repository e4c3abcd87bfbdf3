import type { Command } from 'commander';

// Placeholder: the command is built by its issue.
export function registerMigrate(program: Command): void {
  program.command('migrate').description('(not yet available)');
}
