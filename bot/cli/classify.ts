import type { Command } from 'commander';

// Placeholder: the command is built by its issue.
export function registerClassify(program: Command): void {
  program.command('classify').description('(not yet available)');
}
