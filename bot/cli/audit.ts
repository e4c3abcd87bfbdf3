import type { Command } from 'commander';

// Placeholder: the command is built by its issue.
export function registerAudit(program: Command): void {
  program.command('audit').description('(not yet available)');
}
