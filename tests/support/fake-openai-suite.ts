// One fake OpenAI-compatible server per test file, reset before each test, and the model settings
// that point the LLM layer at it.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { LlmSettings } from '../../adapters/llm/types.js';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai.js';

export interface FakeOpenAISuite {
  readonly fake: FakeOpenAI;
  settings(overrides?: Partial<LlmSettings>): LlmSettings;
}

export function useFakeOpenAI(): FakeOpenAISuite {
  let fake: FakeOpenAI | undefined;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => fake?.reset());
  const started = (): FakeOpenAI => {
    if (!fake) throw new Error('the fake OpenAI server is used before beforeAll started it');
    return fake;
  };
  return {
    get fake() {
      return started();
    },
    settings: (overrides = {}) => ({
      mode: 'both',
      apiKey: 'test-key',
      baseUrl: started().baseUrl,
      model: 'gpt-4o-mini',
      timeoutMs: 2_000,
      structuredMethod: 'functionCalling',
      ...overrides,
    }),
  };
}
