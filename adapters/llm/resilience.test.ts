// The endpoint failing over and over: the circuit opens, calls stop reaching it, one probe later
// decides whether to close again. Also the factory's configurations, Azure included.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../tests/support/fake-openai.js';
import { createLlmLayer } from './factory.js';
import type { LlmSettings, PhraseInput } from './types.js';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const settings = (overrides: Partial<LlmSettings> = {}): LlmSettings => ({
  mode: 'both',
  apiKey: 'test-key',
  baseUrl: fake.baseUrl,
  model: 'gpt-4o-mini',
  timeoutMs: 2_000,
  structuredMethod: 'functionCalling',
  ...overrides,
});

const greeting: PhraseInput = {
  speechAct: 'greeting.automated-assistant',
  templateText: "Hi, I'm the automated assistant for Northwind Recovery Services. You can ask for a person at any time.",
  slots: { collectorName: 'Northwind Recovery Services' },
  language: 'en',
  recentTurns: [],
};
const goodGreeting = "Hello! I'm Northwind Recovery Services' automated assistant. If you'd like a person, just ask at any time.";

describe('circuit breaker over HTTP', () => {
  it('opens after consecutive failures, answers at once without calling, then closes after a good probe', async () => {
    const clock = { now: 1_000_000 };
    const layer = createLlmLayer(settings(), { breaker: { failureThreshold: 3, openMs: 30_000, now: () => clock.now } });
    fake.setDefault({ kind: 'status', status: 503 });
    for (let i = 0; i < 3; i += 1) expect(await layer.phraser.phrase(greeting)).toMatchObject({ kind: 'fallback', reason: 'error' });
    expect(layer.breaker.state).toBe('open');

    // Open: neither phrasing nor understanding reaches the endpoint.
    const calls = fake.requests.length;
    expect(await layer.phraser.phrase(greeting)).toMatchObject({ kind: 'fallback', reason: 'circuit-open' });
    expect(await layer.understander.understand({ text: 'hi', language: 'en', recentTurns: [] })).toMatchObject({ kind: 'fallback', reason: 'circuit-open' });
    expect(fake.requests.length).toBe(calls);

    // After the open period one probe goes out; the endpoint has recovered.
    clock.now += 30_000;
    fake.setDefault({ kind: 'text', content: goodGreeting });
    expect(await layer.phraser.phrase(greeting)).toMatchObject({ kind: 'rewrite', text: goodGreeting });
    expect(layer.breaker.state).toBe('closed');
    expect(fake.requests.length).toBe(calls + 1);
  });

  it('counts timeouts as failures but not unparseable answers (the endpoint did answer)', async () => {
    const layer = createLlmLayer(settings({ timeoutMs: 200 }), { breaker: { failureThreshold: 2, openMs: 30_000 } });
    fake.enqueue({ kind: 'structured-raw', text: 'not json' }, { kind: 'structured-raw', text: 'not json' });
    for (let i = 0; i < 2; i += 1) {
      expect(await layer.understander.understand({ text: 'hi', language: 'en', recentTurns: [] })).toMatchObject({ kind: 'fallback', reason: 'unparseable' });
    }
    expect(layer.breaker.state).toBe('closed');
    fake.setDefault({ kind: 'delay', ms: 5_000, then: { kind: 'text', content: 'late' } });
    for (let i = 0; i < 2; i += 1) expect(await layer.phraser.phrase(greeting)).toMatchObject({ kind: 'fallback', reason: 'timeout' });
    expect(layer.breaker.state).toBe('open');
  });
});

describe('createLlmLayer', () => {
  it('without a key: templates only, said in one line, and no call is made', async () => {
    const layer = createLlmLayer(settings({ apiKey: undefined }));
    expect(layer.phrasing).toBe(false);
    expect(layer.understanding).toBe(false);
    expect(layer.summary).toMatch(/OPENAI_API_KEY is not set/);
    expect(layer.summary).not.toContain('\n');
    expect(await layer.phraser.phrase(greeting)).toMatchObject({ kind: 'fallback', reason: 'disabled', latencyMs: 0 });
    expect(await layer.understander.understand({ text: 'hi', language: 'en', recentTurns: [] })).toMatchObject({ kind: 'fallback', reason: 'disabled' });
    expect(fake.requests).toHaveLength(0);
  });

  it('PARLEY_LLM=off disables both even with a key; phrase or understand enables one', async () => {
    expect(createLlmLayer(settings({ mode: 'off' })).summary).toMatch(/PARLEY_LLM=off/);
    const phraseOnly = createLlmLayer(settings({ mode: 'phrase' }));
    expect([phraseOnly.phrasing, phraseOnly.understanding]).toEqual([true, false]);
    expect(await phraseOnly.understander.understand({ text: 'hi', language: 'en', recentTurns: [] })).toMatchObject({ reason: 'disabled' });
    const understandOnly = createLlmLayer(settings({ mode: 'understand' }));
    expect([understandOnly.phrasing, understandOnly.understanding]).toEqual([false, true]);
    expect(await understandOnly.phraser.phrase(greeting)).toMatchObject({ reason: 'disabled' });
  });

  it('never writes the key or URL credentials in its summary', () => {
    const layer = createLlmLayer(settings({ apiKey: 'sk-secret-123', baseUrl: 'http://user:pass@127.0.0.1:9/v1?key=abc' }));
    expect(layer.summary).toContain('http://127.0.0.1:9/v1');
    expect(layer.summary).not.toMatch(/sk-secret-123|pass|key=abc/);
  });

  it('talks to Azure OpenAI with its deployment path, api-version and api-key header', async () => {
    fake.enqueue({ kind: 'text', content: goodGreeting });
    const layer = createLlmLayer(
      settings({
        apiKey: undefined,
        azure: { apiKey: 'azure-key', instanceName: 'parley', deploymentName: 'phrasing-dep', apiVersion: '2024-10-21', endpoint: fake.origin },
      }),
    );
    expect(layer.summary).toContain('azure:phrasing-dep');
    expect(await layer.phraser.phrase(greeting)).toMatchObject({ kind: 'rewrite', model: 'azure:phrasing-dep' });
    const request = fake.requests[0]!;
    expect(request.url).toBe('/openai/deployments/phrasing-dep/chat/completions?api-version=2024-10-21');
    expect(request.headers['api-key']).toBe('azure-key');
  });
});
