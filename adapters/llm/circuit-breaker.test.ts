import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

function breakerAt(clock: { now: number }) {
  return new CircuitBreaker({ failureThreshold: 3, openMs: 10_000, now: () => clock.now });
}

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures and refuses calls while open', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    for (let i = 0; i < 3; i += 1) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.failure();
    }
    expect(breaker.state).toBe('open');
    clock.now = 9_999;
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('a success resets the count: failures must be consecutive', () => {
    const breaker = breakerAt({ now: 0 });
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
  });

  it('lets exactly one probe through after the open period; its success closes the circuit', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    for (let i = 0; i < 3; i += 1) breaker.failure();
    clock.now = 10_000;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(false);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('a failed probe opens it again for a full period', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    for (let i = 0; i < 3; i += 1) breaker.failure();
    clock.now = 10_000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    clock.now = 19_999;
    expect(breaker.tryAcquire()).toBe(false);
    clock.now = 20_000;
    expect(breaker.tryAcquire()).toBe(true);
  });
});
