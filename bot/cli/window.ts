import type { Command } from 'commander';

// Placeholder: the command is built by its issue.
export function registerWindow(program: Command): void {
  program.command('window').description('(not yet available)');
}
