// One model call under a latency budget: the caller gets an answer by the deadline whatever the
// endpoint does, a dropped connection is retried once while time remains, and the circuit breaker
// hears how the endpoint behaved.
import { OutputParserException } from '@langchain/core/output_parsers';
import { APIConnectionError, APIConnectionTimeoutError } from 'openai';
import { z } from 'zod';
import type { CircuitBreaker } from './circuit-breaker.js';

export type BudgetOutcome<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; reason: 'timeout' | 'error' | 'circuit-open' | 'unparseable'; detail?: string; attempts: number };

export interface BudgetOptions {
  budgetMs: number;
  breaker: CircuitBreaker;
  /** A retry is only started when at least this much of the budget is left (a fresh request needs time). */
  minRetryMs?: number;
}

/** The endpoint answered, but not with what the schema wants: the endpoint is healthy, the answer is not. */
export function isParseFailure(error: unknown): boolean {
  return error instanceof OutputParserException || error instanceof SyntaxError || error instanceof z.core.$ZodError;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

/** The connection dropped before an answer: the request did nothing, so sending it again is safe. */
export function isConnectionReset(error: unknown): boolean {
  if (!(error instanceof APIConnectionError) || error instanceof APIConnectionTimeoutError) return false;
  for (let cause: unknown = error.cause, depth = 0; cause && depth < 5; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && RESET_CODES.has(code)) return true;
    if (/socket hang up|other side closed|terminated/i.test(String((cause as { message?: unknown }).message ?? ''))) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** A short, key-free description of an error for the audit record. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const status = (error as { status?: unknown }).status;
    const name = (error as { name?: unknown }).name;
    const label = error instanceof APIConnectionError ? 'connection error' : typeof status === 'number' ? `HTTP ${status}` : typeof name === 'string' ? name : 'error';
    return label;
  }
  return 'error';
}

class BudgetExceeded extends Error {
  constructor() {
    super('latency budget exceeded');
    this.name = 'BudgetExceeded';
  }
}

/**
 * Runs `call` with an AbortSignal that fires when the budget runs out. Resolves by the deadline even
 * if the call ignores the signal; never rejects.
 */
export async function callWithinBudget<T>(call: (signal: AbortSignal) => Promise<T>, options: BudgetOptions): Promise<BudgetOutcome<T>> {
  const { budgetMs, breaker } = options;
  const minRetryMs = options.minRetryMs ?? Math.min(250, budgetMs / 4);
  if (!breaker.tryAcquire()) return { ok: false, reason: 'circuit-open', attempts: 0 };

  const started = performance.now();
  const controller = new AbortController();
  let attempts = 0;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new BudgetExceeded());
      resolve('deadline');
    }, budgetMs);
  });

  const run = async (): Promise<BudgetOutcome<T>> => {
    for (;;) {
      attempts += 1;
      try {
        return { ok: true, value: await call(controller.signal), attempts };
      } catch (error) {
        if (controller.signal.aborted) return { ok: false, reason: 'timeout', attempts };
        if (isParseFailure(error)) return { ok: false, reason: 'unparseable', detail: describeError(error), attempts };
        const left = budgetMs - (performance.now() - started);
        if (attempts === 1 && isConnectionReset(error) && left >= minRetryMs) continue;
        return { ok: false, reason: 'error', detail: describeError(error), attempts };
      }
    }
  };

  const running = run();
  try {
    const first = await Promise.race([running, deadline]);
    const outcome: BudgetOutcome<T> = first === 'deadline' ? { ok: false, reason: 'timeout', attempts } : first;
    // Unparseable means the endpoint answered: it is healthy for the breaker's purposes.
    if (outcome.ok || outcome.reason === 'unparseable') breaker.success();
    else breaker.failure();
    return outcome;
  } finally {
    clearTimeout(timer);
    controller.abort(new BudgetExceeded());
  }
}
