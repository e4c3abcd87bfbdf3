/** The account a flag change, contact attempt or scheduled message names is not in the records. */
export class UnknownAccountError extends Error {
  constructor(readonly accountId: string) {
    super(`No account with id ${accountId}`);
    this.name = 'UnknownAccountError';
  }
}

/** PostgreSQL's foreign_key_violation, as both pg and PGlite report it. */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}
