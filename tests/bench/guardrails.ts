// Guardrail throughput on one core: outbound gate decisions for a 300-character SMS draft (with p50 and
// p99 latency) and contact-window evaluations.
//   npx tsx tests/bench/guardrails.ts [seconds per measure, default 2]
import { checkDraft, evaluate, evaluateWindow, type ContactAttempt, type GateRequest } from '../../guardrails/index.js';
import { makeAccount, makeFlags, makeRequest } from '../../guardrails/gate/test-fixtures.js';

const seconds = Number(process.argv[2] ?? 2);
const DAY = 86_400_000;

/** A realistic 300-character reminder body: amounts and a date from the account, no disclosures yet. */
const DRAFT =
  'Hi Jane, a quick reminder about your Acme Bank account. Your balance is $1,234.56. You can pay in full, or set up a plan from $50.00 a month; ' +
  'your next payment of $102.88 is due on 2026-07-01. Use the secure link we sent to pay or to change the date. Questions? Reply here and we will help.';

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function gateBench(): void {
  const start = new Date('2026-06-10T16:00:00Z');
  const attempts: ContactAttempt[] = [1, 2, 4].map((days) => ({
    accountId: 'ACC-1001',
    channel: 'sms',
    at: new Date(start.getTime() - days * DAY).toISOString(),
    initiatedBy: 'parley',
    outcome: 'delivered',
    addressType: 'mobile',
  }));
  const base: GateRequest = makeRequest({
    account: makeAccount({ region: 'CA', postalCode: '94105', phones: ['+14155550123', '+16175550123'], stateLicenceNumber: '10012-99' }),
    flags: makeFlags({ inconvenientTimes: [{ at: '2026-06-01T00:00:00Z', notAfter: '20:00' }] }),
    draft: DRAFT.slice(0, 300),
    facts: { firstCommunication: false, identityVerified: true, initiatedBy: 'parley' },
    purpose: 'reminder',
    attempts,
    allowedAmounts: [10_288],
    allowedDates: ['2026-07-01'],
  });
  // Instants spread over a day: most decisions send, some defer (window), as a scheduler would see them.
  const instants = Array.from({ length: 1024 }, (_, i) => new Date(start.getTime() + ((i * 7 * 60_000) % DAY)));
  const requests = instants.map((at) => ({ ...base, at }));
  for (let i = 0; i < 20_000; i++) evaluate(requests[i % requests.length]!);

  const latencies = new Float64Array(2_000_000);
  let n = 0;
  const verdicts = { send: 0, defer: 0, block: 0, suppress: 0 };
  const began = performance.now();
  const until = began + seconds * 1000;
  while (n < latencies.length) {
    const t0 = performance.now();
    const decision = evaluate(requests[n % requests.length]!);
    const t1 = performance.now();
    latencies[n++] = t1 - t0;
    verdicts[decision.verdict] += 1;
    if ((n & 1023) === 0 && t1 > until) break;
  }
  const elapsed = performance.now() - began;
  const sorted = latencies.slice(0, n).sort();
  console.log(`gate: ${Math.round((n / elapsed) * 1000).toLocaleString('en-US')} decisions/s over ${n.toLocaleString('en-US')} (300-char SMS draft, CA account, 2 phones, 3 prior attempts)`);
  console.log(`gate latency: p50 ${(percentile(sorted, 0.5) * 1000).toFixed(1)} µs, p99 ${(percentile(sorted, 0.99) * 1000).toFixed(1)} µs`);
  console.log(`gate verdicts: ${Object.entries(verdicts).map(([v, c]) => `${v} ${c}`).join(', ')}`);

  // The draft checks alone (guardrails/content), which every decision runs once: the gate's own share is the rest.
  const ctx = { language: base.language, account: base.account, facts: base.facts, allowedAmounts: base.allowedAmounts, allowedDates: base.allowedDates, at: start };
  let checks = 0;
  const checkBegan = performance.now();
  while (performance.now() - checkBegan < seconds * 1000) {
    for (let i = 0; i < 256; i++) checkDraft(base.draft, ctx);
    checks += 256;
  }
  const perCheck = (performance.now() - checkBegan) / checks;
  const perDecision = elapsed / n;
  console.log(`of which draft checks: ${Math.round(1000 / perCheck).toLocaleString('en-US')} checkDraft/s (${(perCheck * 1000).toFixed(1)} µs each); the rest of the gate ${((perDecision - perCheck) * 1000).toFixed(1)} µs per decision`);
}

function windowBench(label: string, request: Omit<Parameters<typeof evaluateWindow>[0], 'at'>): void {
  const start = Date.parse('2026-03-01T00:00:00Z');
  // Instants stepping 7 minutes at a time across March (US and UK DST changes included).
  const instants = Array.from({ length: 4096 }, (_, i) => new Date(start + i * 7 * 60_000 * 1.5));
  for (let i = 0; i < 50_000; i++) evaluateWindow({ ...request, at: instants[i % instants.length]! });
  let n = 0;
  let permitted = 0;
  const began = performance.now();
  const until = began + seconds * 1000;
  for (;;) {
    if (evaluateWindow({ ...request, at: instants[n % instants.length]! }).permitted) permitted++;
    n++;
    if ((n & 1023) === 0 && performance.now() > until) break;
  }
  const elapsed = performance.now() - began;
  console.log(`window (${label}): ${Math.round((n / elapsed) * 1000).toLocaleString('en-US')} evaluations/s (${Math.round((permitted / n) * 100)}% permitted)`);
}

gateBench();
windowBench('Eastern phone + Pacific ZIP', { phones: ['+16175550123'], postalCode: '90012', country: 'US' });
windowBench('one phone, US-MA', { phones: ['+16175550123'], jurisdictions: ['US', 'US-MA'] });
windowBench('London, GB', { phones: ['+442079460000'], postalCode: 'SW1A 1AA', jurisdictions: ['GB'] });
