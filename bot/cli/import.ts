import type { Command } from 'commander';

// Placeholder: the command is built by its issue.
export function registerImport(program: Command): void {
  program.command('import').description('(not yet available)');
}
