import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { startParley, type RunningParley } from '../../bot/server/serve.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { sharedRedisUrl } from '../support/redis.js';
import { faithfulModel } from '../support/model-scripts.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { loadTranscripts, runTranscript, type TranscriptHarness } from '../support/transcripts.js';

const transcripts = loadTranscripts();

describe.each([
  { backend: 'embedded stores (PGlite, memory)', external: false, model: false },
  { backend: 'PostgreSQL and Redis', external: true, model: false },
  { backend: 'embedded stores with a phrasing and understanding model', external: false, model: true },
])('conversation transcripts on $backend', ({ external, model }) => {
  let parley: RunningParley;
  let database: TestDatabase | undefined;
  let openai: FakeOpenAI | undefined;
  let now = new Date();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-transcripts-'));
  const harness: TranscriptHarness = {
    get parley() {
      return parley;
    },
    setNow: (at) => {
      now = at;
    },
    now: () => now,
  };

  beforeAll(async () => {
    database = external ? await createTestDatabase('transcripts') : undefined;
    const env: NodeJS.ProcessEnv = { PARLEY_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PARLEY_DEMO: 'false', PARLEY_LLM: 'off' };
    if (database) {
      env.DATABASE_URL = database.url;
      env.REDIS_URL = sharedRedisUrl;
    }
    if (model) {
      openai = await startFakeOpenAI();
      openai.script(faithfulModel());
      Object.assign(env, { PARLEY_LLM: 'both', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseUrl, OPENAI_MODEL: 'test-model' });
    }
    parley = await startParley(loadConfig(env), { logger: createLogger('silent'), clock: () => now });
  });

  afterAll(async () => {
    await parley?.shutdown();
    await database?.drop();
    await openai?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const { file, transcript } of transcripts) {
    it(`${file}: ${transcript.name}`, async () => {
      await runTranscript(harness, transcript);
    });
  }

  if (model) {
    it('asked the model to phrase and to understand, and sent it no unmasked personal data', () => {
      const requests = openai?.requests ?? [];
      expect(requests.some((request) => request.raw.includes('APPROVED MESSAGE'))).toBe(true);
      expect(requests.some((request) => request.raw.includes('CONSUMER MESSAGE'))).toBe(true);
    });
  }
});
