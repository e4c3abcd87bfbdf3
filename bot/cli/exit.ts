/** Exit codes every command uses: 0 success, 1 the thing checked failed (e.g. a broken chain), 2 bad usage or input. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Thrown by a command for bad arguments or input: the CLI prints the message and exits 2. */
export class UsageError extends Error {}

/** A command's outcome; set by actions so runCli can return it without process.exit. */
export const outcome = { code: EXIT_OK };

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
