import { describe, expect, it } from 'vitest';
import { evaluateWindow, type WindowRequest } from './window.js';

// nextPermittedAt checked against the plain definition, minute by minute: the answer is permitted and
// no minute between `at` and it is. Instants are drawn around the 2026 DST changes (US and UK) for
// zone mixes that include Arizona, Hawaii, Puerto Rico and London, with and without designated times.

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PHONES = ['+16175550123', '+13125550123', '+12135550123', '+16025550123', '+18085550123', '+17875550123', '+19075550123'];
const DAYS = ['2026-03-07', '2026-03-08', '2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25', '2026-10-31', '2026-11-01', '2026-06-15'];
const RESTRICTIONS = [[], [{ at: '2026-01-01T00:00:00Z', notBefore: '12:00' }], [{ at: '2026-01-01T00:00:00Z', notAfter: '17:30' }], [{ at: '2026-01-01T00:00:00Z', days: [6, 7] }], [{ at: '2026-01-01T00:00:00Z', notBefore: '02:30', notAfter: '09:00' }]];
const MINUTE = 60_000;

describe('nextPermittedAt is the earliest permitted minute', () => {
  const next = random(20261101);
  const cases: { request: Omit<WindowRequest, 'at'>; at: Date }[] = [];
  for (let i = 0; i < 60; i++) {
    const phones = PHONES.filter(() => next() < 0.35);
    const request: Omit<WindowRequest, 'at'> = {
      phones: phones.length > 0 ? phones : [PHONES[Math.floor(next() * PHONES.length)] ?? '+16175550123'],
      ...(next() < 0.3 ? { postalCode: 'SW1A 1AA', country: 'GB' } : {}),
      inconvenientTimes: RESTRICTIONS[Math.floor(next() * RESTRICTIONS.length)] ?? [],
    };
    const day = DAYS[Math.floor(next() * DAYS.length)] ?? '2026-03-08';
    cases.push({ request, at: new Date(Date.parse(`${day}T00:00:00Z`) + Math.floor(next() * 48 * 60) * MINUTE) });
  }

  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_, { request, at }) => {
    const result = evaluateWindow({ ...request, at });
    if (result.nextPermittedAt === null) {
      // Nothing within 8 days: spot-check every 15 minutes of them.
      for (let t = at.getTime(); t <= at.getTime() + 8 * 86_400_000; t += 15 * MINUTE) expect(evaluateWindow({ ...request, at: new Date(t) }).permitted).toBe(false);
      return;
    }
    const answer = result.nextPermittedAt.getTime();
    expect(evaluateWindow({ ...request, at: new Date(answer) }).permitted).toBe(true);
    if (result.permitted) expect(answer).toBe(at.getTime());
    for (let t = at.getTime(); t < answer; t += MINUTE) {
      expect(evaluateWindow({ ...request, at: new Date(t) }).permitted, new Date(t).toISOString()).toBe(false);
    }
  });
});
