import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordsStore } from '../../adapters/index.js';
import { sendMessage } from '../support/bot-client.js';
import { startParleyChild } from '../support/parley-child.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

describe.each([
  { backend: 'embedded PGlite and in-memory state', external: false },
  { backend: 'PostgreSQL and Redis', external: true },
])('a server on $backend killed with SIGKILL during a burst of turns', ({ external }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-crash-'));
  let database: TestDatabase | undefined;
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('loses no acknowledged inbound message and no recorded outbound one', async () => {
    database = external ? await createTestDatabase('crash') : undefined;
    const env: NodeJS.ProcessEnv = { PARLEY_DATA_DIR: dataDir };
    if (database) {
      env.DATABASE_URL = database.url;
      env.REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    }
    const { child, url, exited } = await startParleyChild(env);
    const acknowledged: string[] = [];
    const replied: string[] = [];
    let killed = false;
    const burst = Array.from({ length: 60 }, (_, index) => {
      const conversationId = `crash-${index % 12}`;
      const text = `burst message ${index}`;
      return sendMessage(url, { conversationId, text })
        .then((result) => {
          if (result.status === 200) {
            acknowledged.push(text);
            for (const reply of result.replies) replied.push(reply.text ?? '');
          }
          if (acknowledged.length >= 20 && !killed) {
            killed = true;
            child.kill('SIGKILL');
          }
        })
        .catch(() => undefined); // requests cut off by the kill were never acknowledged
    });
    await Promise.all(burst);
    if (!killed) child.kill('SIGKILL');
    await exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);

    const records = await openRecordsStore({ dataDir, databaseUrl: database?.url });
    try {
      const inbound: string[] = [];
      const outbound: string[] = [];
      for (let index = 0; index < 12; index += 1) {
        for (const event of await records.audit.listChain(`conv:test:crash-${index}`)) {
          const text = String(event.payload.text ?? '');
          (event.kind === 'inbound' ? inbound : outbound).push(text);
        }
      }
      for (const text of acknowledged) expect(inbound).toContain(text);
      for (const text of replied) expect(outbound).toContain(text);
      expect((await records.audit.verify()).ok).toBe(true);
    } finally {
      await records.close();
    }
  });
});
