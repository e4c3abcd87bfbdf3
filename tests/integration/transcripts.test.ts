import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { startParley, type RunningParley } from '../../bot/server/serve.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { sharedRedisUrl } from '../support/redis.js';
import { loadTranscripts, runTranscript, type TranscriptHarness } from '../support/transcripts.js';

const transcripts = loadTranscripts();

describe.each([
  { backend: 'embedded stores (PGlite, memory)', external: false },
  { backend: 'PostgreSQL and Redis', external: true },
])('conversation transcripts on $backend', ({ external }) => {
  let parley: RunningParley;
  let database: TestDatabase | undefined;
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
    parley = await startParley(loadConfig(env), { logger: createLogger('silent'), clock: () => now });
  });

  afterAll(async () => {
    await parley?.shutdown();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const { file, transcript } of transcripts) {
    it(`${file}: ${transcript.name}`, async () => {
      await runTranscript(harness, transcript);
    });
  }
});
