import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { startParley, type RunningParley } from '../../bot/server/serve.js';
import { startEphemeralRedis, type EphemeralRedis } from '../support/redis.js';

interface Readiness {
  status: string;
  failing?: string[];
  dependencies: Array<{ name: string; ok: boolean; error?: string }>;
}

async function readiness(url: string): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness };
}

describe('/readyz with Redis configured', () => {
  let redis: EphemeralRedis;
  let parley: RunningParley;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-readyz-'));

  beforeAll(async () => {
    redis = await startEphemeralRedis();
    const config = loadConfig({ PARLEY_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PARLEY_DEMO: 'false', REDIS_URL: redis.url });
    parley = await startParley(config, { logger: createLogger('silent') });
  });

  afterAll(async () => {
    await parley?.shutdown();
    await redis?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says 503 naming Redis while it is stopped, and recovers when it returns', async () => {
    expect((await readiness(parley.url)).status).toBe(200);

    await redis.stop();
    const down = await readiness(parley.url);
    expect(down.status).toBe(503);
    expect(down.body.failing).toEqual(['redis']);
    expect(down.body.dependencies.find((dependency) => dependency.name === 'redis')?.error).toMatch(/redis/i);
    expect((await fetch(`${parley.url}/healthz`)).status).toBe(200);

    await redis.start();
    let recovered = false;
    for (let attempt = 0; attempt < 40 && !recovered; attempt += 1) {
      recovered = (await readiness(parley.url)).status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toBe(true);
  });
});
