// Stops calling a failing model endpoint for a while, so consumers get the template at once instead
// of waiting out the budget on every turn while the endpoint is down.

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long it stays open before one probe call is let through. */
  openMs: number;
  /** The clock in milliseconds (tests pin it). */
  now?: () => number;
}

export const DEFAULT_BREAKER: CircuitBreakerOptions = { failureThreshold: 5, openMs: 30_000 };

/**
 * closed → (threshold consecutive failures) → open → (openMs later, first call) → half-open: that one
 * probe decides: success closes, failure opens again for another openMs. While the probe is out,
 * other calls are refused.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private current: CircuitState = 'closed';
  private probeOut = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions = DEFAULT_BREAKER) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    return this.current;
  }

  /** Whether a call may go out now. Every `true` must be followed by one `success()` or `failure()`. */
  tryAcquire(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.options.openMs) return false;
      this.current = 'half-open';
      this.probeOut = false;
    }
    if (this.probeOut) return false;
    this.probeOut = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.current = 'closed';
    this.probeOut = false;
  }

  failure(): void {
    this.failures += 1;
    if (this.current === 'half-open' || this.failures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
      this.probeOut = false;
    }
  }
}
