import type { Command } from 'commander';

// Placeholder: the command is built by its issue.
export function registerServe(program: Command): void {
  program.command('serve').description('(not yet available)');
}
