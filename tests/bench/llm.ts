// The model layer's own cost: what the phrasing and understanding paths add to a turn beyond the
// model's time (against a local OpenAI-compatible server that answers at once: total minus server
// time), and how long a consumer waits when the model hangs (the fallback at the budget).
//   npx tsx tests/bench/llm.ts [calls]
import { createLlmLayer, checkRewrite, Redactor, type LlmSettings, type PhraseInput } from '../../adapters/llm/index.js';
import { phrasingPrompt } from '../../knowledge/index.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';

const calls = Number(process.argv[2] ?? 300);

const input: PhraseInput = {
  speechAct: 'plan.confirmed',
  templateText:
    'Your plan is set: 3 payments of $100.00, every month, from March 5, 2026 to May 5, 2026. Thank you. If you need to change it, just ask me or call 1-800-555-0100.',
  slots: { count: 3, instalment: '$100.00', frequency: 'every month', firstDate: 'March 5, 2026', lastDate: 'May 5, 2026', contactPhone: '1-800-555-0100' },
  language: 'en',
  recentTurns: [
    { role: 'assistant', text: 'Here is a plan I can offer: 3 payments of $100.00, every month. Does that work for you?' },
    { role: 'consumer', text: 'yes that works, my number is 617-555-0123' },
  ],
  facts: { amounts: [10_000], dates: ['2026-03-05', '2026-05-05'] },
};
const rewrite = "All set! You'll make 3 payments of $100.00 each month, from March 5, 2026 to May 5, 2026. Thanks! To change it, just ask me or call [[PHONE_1]].";

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return `mean ${mean.toFixed(2)} ms, p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms (n=${sorted.length})`;
}

function settings(fake: FakeOpenAI, timeoutMs: number): LlmSettings {
  return { mode: 'both', apiKey: 'bench-key', baseUrl: fake.baseUrl, model: 'gpt-4o-mini', timeoutMs, structuredMethod: 'functionCalling' };
}

async function addedLatency(fake: FakeOpenAI): Promise<void> {
  const layer = createLlmLayer(settings(fake, 2_000));
  fake.setDefault({ kind: 'text', content: rewrite });
  for (let i = 0; i < 20; i += 1) await layer.phraser.phrase(input); // warm-up: module JIT, keep-alive sockets
  fake.reset();
  fake.setDefault({ kind: 'text', content: rewrite });
  const added: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const started = performance.now();
    const result = await layer.phraser.phrase(input);
    const total = performance.now() - started;
    if (result.kind !== 'rewrite') throw new Error(`expected a rewrite, got ${JSON.stringify(result)}`);
    added.push(total - (fake.serverTimes[i] ?? 0));
  }
  console.log(`phrasing path, added latency (total minus server time, HTTP on localhost included): ${stats(added)}`);

  const empty = { amounts: [], dates: [], medium: null, attorney: null, notBefore: null, notAfter: null, language: null };
  fake.reset();
  fake.setDefault({ kind: 'structured', value: { intents: ['payment_plan'], entities: empty } });
  const understanding: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const started = performance.now();
    const result = await layer.understander.understand({ text: 'could I pay $50 a month instead?', language: 'en', recentTurns: input.recentTurns });
    const total = performance.now() - started;
    if (result.kind !== 'understood') throw new Error(`expected a classification, got ${JSON.stringify(result)}`);
    understanding.push(total - (fake.serverTimes[i] ?? 0));
  }
  console.log(`understanding path (function calling), added latency: ${stats(understanding)}`);
}

function inProcessChecks(): void {
  const samples: number[] = [];
  for (let i = 0; i < calls * 10; i += 1) {
    const started = performance.now();
    const redactor = new Redactor(2026);
    const template = redactor.redact(input.templateText);
    for (const turn of input.recentTurns) redactor.redact(turn.text);
    const verdict = checkRewrite({ rewrite, template, language: 'en', systemPrompt: phrasingPrompt.text, facts: input.facts });
    if (!verdict.ok) throw new Error(`bench rewrite refused: ${verdict.reason}`);
    redactor.restore(verdict.text);
    samples.push(performance.now() - started);
  }
  console.log(`of which redaction + rewrite checks in process: ${stats(samples)}`);
}

async function fallbackOnTimeout(fake: FakeOpenAI, budgetMs: number, runs: number): Promise<void> {
  fake.reset();
  fake.setDefault({ kind: 'delay', ms: 10_000, then: { kind: 'text', content: rewrite } });
  // A generous breaker so every run waits out the budget (the worst case a consumer can meet).
  const layer = createLlmLayer(settings(fake, budgetMs), { breaker: { failureThreshold: 1_000 } });
  const waits: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const result = await layer.phraser.phrase(input);
    waits.push(performance.now() - started);
    if (result.kind !== 'fallback' || result.reason !== 'timeout') throw new Error(`expected a timeout fallback, got ${JSON.stringify(result)}`);
  }
  console.log(`fallback when the model hangs, budget ${budgetMs} ms: consumer waits ${stats(waits)}`);
  console.log(`  past the budget: ${stats(waits.map((wait) => wait - budgetMs))}`);
}

async function fallbackWhenOpen(fake: FakeOpenAI): Promise<void> {
  fake.reset();
  fake.setDefault({ kind: 'status', status: 503 });
  const layer = createLlmLayer(settings(fake, 2_000), { breaker: { failureThreshold: 3, openMs: 60_000 } });
  for (let i = 0; i < 3; i += 1) await layer.phraser.phrase(input);
  const waits: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const started = performance.now();
    await layer.phraser.phrase(input);
    waits.push(performance.now() - started);
  }
  console.log(`fallback with the circuit open (endpoint down): ${stats(waits)}`);
}

const fake = await startFakeOpenAI();
try {
  console.log(`Model layer bench (${calls} calls per figure, local fake OpenAI server answering at once)`);
  await addedLatency(fake);
  inProcessChecks();
  await fallbackOnTimeout(fake, 300, 10);
  await fallbackOnTimeout(fake, 2_000, 3);
  await fallbackWhenOpen(fake);
} finally {
  await fake.close();
}
