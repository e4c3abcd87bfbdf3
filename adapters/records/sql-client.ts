/**
 * The little SQL surface the records repositories need, implemented over pg.Pool and PGlite so each
 * repository is written once. Parameters are plain strings, numbers, booleans or null: callers pass
 * instants as ISO strings and JSON as strings with an explicit cast, which both drivers treat alike.
 */
export type SqlParam = string | number | boolean | null;

export interface SqlQueryable {
  /** One statement; rows come back with jsonb parsed and timestamptz as Date. */
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly SqlParam[]): Promise<R[]>;
  /** A script of several statements without parameters (migrations, test tampering). */
  exec(script: string): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  readonly kind: 'postgres' | 'pglite';
  /** Where the records live, safe to print: never contains a password. */
  readonly description: string;
  /** Runs `work` in one transaction (READ COMMITTED) and commits, or rolls back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The records database cannot be opened or reached; the message names where, never a password. */
export class RecordsUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RecordsUnavailableError';
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(errorMessage).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
