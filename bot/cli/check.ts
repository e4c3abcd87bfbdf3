import type { Command } from 'commander';

// Placeholder: the command is built by its issue.
export function registerCheck(program: Command): void {
  program.command('check').description('(not yet available)');
}
