import { Command, CommanderError } from 'commander';
import { EXIT_OK, EXIT_USAGE, UsageError, outcome } from './exit.js';
import { registerServe } from './serve.js';
import { registerMigrate } from './migrate.js';
import { registerImport } from './import.js';
import { registerAudit } from './audit.js';
import { registerWindow } from './window.js';
import { registerCheck } from './check.js';
import { registerClassify } from './classify.js';
import { registerOutbound } from './outbound.js';
import { registerUsers } from './users.js';

export function buildProgram(): Command {
  const program = new Command('parley')
    .description('Parley: compliance-first conversations for consumer debt collection')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  for (const register of [registerServe, registerMigrate, registerImport, registerAudit, registerWindow, registerCheck, registerClassify, registerOutbound, registerUsers]) {
    register(program);
  }
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and resolves to the exit code instead of exiting, so tests can drive it. */
export async function runCli(argv: readonly string[]): Promise<number> {
  outcome.code = EXIT_OK;
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return outcome.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; bad arguments have been described by commander.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`parley: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
