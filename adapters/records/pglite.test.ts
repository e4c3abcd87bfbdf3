import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRecordsStoreContract, makeAccount } from './records.contract.js';
import { migrate } from './migrate.js';
import { openPgliteClient } from './pglite-client.js';
import { createRecordsStore, openRecordsStore } from './store.js';
import { EmbeddedDatabaseInUseError } from './embedded-lock.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-pglite-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeRecordsStoreContract('PGlite', async () => {
  const client = await openPgliteClient(tempDir());
  await migrate(client);
  return { store: createRecordsStore(client), client, ownerSql: (script) => client.exec(script), dispose: () => client.close() };
});

describe('the embedded database directory', () => {
  it('lives in <dataDir>/pglite, refuses a second opening while open, and keeps the records across a restart', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const first = await openRecordsStore({ dataDir });
    await first.accounts.upsertMany([makeAccount('KEEP-1')]);
    await expect(openRecordsStore({ dataDir })).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    await first.close();
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
    const second = await openRecordsStore({ dataDir });
    expect((await second.accounts.get('KEEP-1'))?.accountId).toBe('KEEP-1');
    await second.close();
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'pglite.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, started: '1' }));
    const store = await openRecordsStore({ dataDir });
    await store.ping();
    await store.close();
  });

  it('names the holder when another live process holds the lock', async () => {
    const dataDir = tempDir();
    // The parent of this test process is alive and is not Parley: stands in for a running server.
    fs.writeFileSync(path.join(dataDir, 'pglite.lock'), JSON.stringify({ pid: process.ppid }));
    await expect(openRecordsStore({ dataDir })).rejects.toThrow(new RegExp(`in use by process ${process.ppid}`));
  });
});
