// A store outage is not a bug: the request is refused with 503 (or its turn retried) and nothing is sent
// that the records do not hold. One test of "is this an outage" for the HTTP boundary, the turn
// pipeline and the channels' retries.
import { RecordsUnavailableError, RedisUnavailableError, TurnLockTimeoutError } from '../adapters/index.js';

/** The audit trail refused a write: what it should have recorded is not acted on or not sent. */
export class AuditUnavailableError extends Error {
  override readonly name = 'AuditUnavailableError';
  /** Read by channels that cannot import this module: answer 503, the sender may try again. */
  readonly unavailable = true;
  constructor(
    readonly what: 'inbound' | 'outbound' | 'intake',
    override readonly cause: unknown,
  ) {
    super(`audit trail unavailable: the ${what} could not be recorded`);
  }
}

export type OutageStore = 'records' | 'state';

/** Which store an error says is unreachable, or undefined when the error is something else. */
export function outageOf(error: unknown): OutageStore | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth += 1) {
    if (current instanceof RedisUnavailableError || current instanceof TurnLockTimeoutError) return 'state';
    if (current instanceof RecordsUnavailableError || current instanceof AuditUnavailableError) return 'records';
    current = current.cause;
  }
  return undefined;
}

export function outageMessage(store: OutageStore): string {
  return store === 'records'
    ? 'Parley cannot reach its records database right now, so nothing was processed; please try again shortly.'
    : 'Parley cannot reach its conversation state store right now, so nothing was processed; please try again shortly.';
}
