// Errors the state stores throw. Messages never carry keys: keys may embed phone numbers or other personal data.

/** A write carried an eTag that is no longer the stored one: someone else wrote first. Nothing was written. */
export class ETagConflictError extends Error {
  override readonly name = 'ETagConflictError';
  constructor(readonly key: string) {
    super('Storage: write refused due to an eTag conflict (the item changed since it was read).');
  }
}

/** A turn waited longer than allowed for the previous turn of its conversation to finish. */
export class TurnLockTimeoutError extends Error {
  override readonly name = 'TurnLockTimeoutError';
  constructor(
    readonly conversationId: string,
    readonly waitedMs: number,
  ) {
    super(`Timed out after ${waitedMs} ms waiting for the previous turn of this conversation to finish.`);
  }
}

/** Redis could not be reached or failed a command. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  constructor(operation: string, cause: unknown) {
    super(`Redis unavailable (${operation}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export async function viaRedis<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ETagConflictError || error instanceof RedisUnavailableError) throw error;
    throw new RedisUnavailableError(operation, error);
  }
}
