// The endpoint failing over and over: the circuit opens, calls stop reaching it, one probe later
// decides whether to close again. Also the factory's configurations, Azure included.
import { describe, expect, it } from 'vitest';
import { useFakeOpenAI } from '../../tests/support/fake-openai-suite.js';
import { createLlmLayer } from './factory.js';
import type { PhraseInput } from './types.js';

const suite = useFakeOpenAI();
const settings = suite.settings;

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
    suite.fake.setDefault({ kind: 'status', status: 503 });
    for (let i = 0; i < 3; i += 1) expect(await layer.phraser.phrase(greeting)).toMatchObject({ kind: 'fallback', reason: 'error' });
    expect(layer.breaker.state).toBe('open');

    // Open: neither phrasing nor understanding reaches the endpoint.
    const calls = suite.fake.requests.length;
    expect(await layer.phraser.phrase(greeting)).toMatchObject({ kind: 'fallback', reason: 'circuit-open' });
    expect(await layer.understander.understand({ text: 'hi', language: 'en', recentTurns: [] })).toMatchObject({ kind: 'fallback', reason: 'circuit-open' });
    expect(suite.fake.requests.length).toBe(calls);

    // After the open period one probe goes out; the endpoint has recovered.
    clock.now += 30_000;
    suite.fake.setDefault({ kind: 'text', content: goodGreeting });
    expect(await layer.phraser.phrase(greeting)).toMatchObject({ kind: 'rewrite', text: goodGreeting });
    expect(layer.breaker.state).toBe('closed');
    expect(suite.fake.requests.length).toBe(calls + 1);
  });

  it('counts timeouts as failures but not unparseable answers (the endpoint did answer)', async () => {
    const layer = createLlmLayer(settings({ timeoutMs: 200 }), { breaker: { failureThreshold: 2, openMs: 30_000 } });
    suite.fake.enqueue({ kind: 'structured-raw', text: 'not json' }, { kind: 'structured-raw', text: 'not json' });
    for (let i = 0; i < 2; i += 1) {
      expect(await layer.understander.understand({ text: 'hi', language: 'en', recentTurns: [] })).toMatchObject({ kind: 'fallback', reason: 'unparseable' });
    }
    expect(layer.breaker.state).toBe('closed');
    suite.fake.setDefault({ kind: 'delay', ms: 5_000, then: { kind: 'text', content: 'late' } });
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
    expect(suite.fake.requests).toHaveLength(0);
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
    suite.fake.enqueue({ kind: 'text', content: goodGreeting });
    const layer = createLlmLayer(
      settings({
        apiKey: undefined,
        azure: { apiKey: 'azure-key', instanceName: 'parley', deploymentName: 'phrasing-dep', apiVersion: '2024-10-21', endpoint: suite.fake.origin },
      }),
    );
    expect(layer.summary).toContain('azure:phrasing-dep');
    expect(await layer.phraser.phrase(greeting)).toMatchObject({ kind: 'rewrite', model: 'azure:phrasing-dep' });
    const request = suite.fake.requests[0]!;
    expect(request.url).toBe('/openai/deployments/phrasing-dep/chat/completions?api-version=2024-10-21');
    expect(request.headers['api-key']).toBe('azure-key');
  });
});
