import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openRecordsStore, type SqlRecordsStore } from '../../adapters/index.js';
import { createTestDatabase, type TestDatabase } from '../../tests/support/postgres.js';
import { runParley } from '../../tests/support/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-import-'));
let database: TestDatabase;
let store: SqlRecordsStore;

function account(id: string, balance = 100, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountId: id,
    consumer: {
      firstName: 'Testy',
      lastName: 'McTestface',
      dateOfBirth: '1980-01-01',
      phones: [{ number: '+16175550123' }],
      address: { line1: '1 Example St', city: 'Boston', region: 'MA', postalCode: '02108', country: 'US' },
    },
    currentCreditor: 'Example Bank',
    originalCreditor: 'Example Bank',
    debt: { itemizationDate: '2026-01-01', amountAtItemization: balance, currentBalance: balance },
    authority: { minInstalment: 10, maxPlanMonths: 6, lowestSettlement: 10 },
    ...extra,
  };
}

function writeFile(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

const run = runParley;

// Set up by the first test, not in beforeAll: without PostgreSQL every test fails with the reason rather than being skipped.
let ready: Promise<void> | undefined;
beforeEach(async () => {
  await (ready ??= (async () => {
    database = await createTestDatabase('cli_import');
    process.env.DATABASE_URL = database.url;
    process.env.PARLEY_DATA_DIR = dir;
    store = await openRecordsStore({ databaseUrl: database.url, dataDir: dir });
  })());
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('parley import', () => {
  it('imports every account of a valid file, skipping blank lines, and records an import event without personal data', async () => {
    const file = writeFile('good.jsonl', [JSON.stringify(account('IMP-1')), '', '   ', JSON.stringify(account('IMP-2', 250.5)), '']);
    const result = await run('import', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Imported 2 accounts from good\.jsonl: 2 new, 0 updated/);
    expect((await store.accounts.get('IMP-2'))?.debt.currentBalance).toBe(25050);

    const [event] = (await store.audit.listChain('system')).filter((e) => e.kind === 'import');
    expect(event?.payload).toEqual({ file: 'good.jsonl', lines: 2, accounts: 2, inserted: 2, updated: 0 });
  });

  it('updates an account that is imported again', async () => {
    const file = writeFile('again.jsonl', [JSON.stringify(account('IMP-1', 80)), JSON.stringify(account('IMP-3'))]);
    const result = await run('import', file, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, accounts: 2, inserted: 1, updated: 1, file: 'again.jsonl' });
    expect((await store.accounts.get('IMP-1'))?.debt.currentBalance).toBe(8000);
  });

  it('imports nothing from a file with bad lines and names every one with its line number', async () => {
    const before = await store.accounts.count();
    const file = writeFile('bad.jsonl', [
      JSON.stringify(account('BAD-OK-1')),
      '{"accountId": "BAD-2", ',
      JSON.stringify(account('BAD-3', 100, { debt: { itemizationDate: '2026-01-01', amountAtItemization: 100, feesSinceItemization: 5, currentBalance: 100 } })),
      '',
      JSON.stringify(account('BAD-OK-1')),
      JSON.stringify({ ...account('BAD-5'), consumer: undefined }),
      JSON.stringify(account('BAD-OK-7')),
      'Jane Secret,+16175550123',
    ]);
    const human = await run('import', file);
    expect(human.code).toBe(1);
    expect(human.stdout).toBe('');
    const lines = human.stderr.trim().split('\n');
    expect(lines).toEqual([
      `${file}:2: not valid JSON (at column 24)`,
      expect.stringMatching(new RegExp(`^${file}:3: debt\\.currentBalance: does not equal the itemization: 100\\.00 \\+ interest 0\\.00 \\+ fees 5\\.00 .* = 105\\.00, not 100\\.00$`)),
      `${file}:5: accountId BAD-OK-1 is already on line 1`,
      `${file}:6: consumer: is missing`,
      // The parser's own message would quote the line: the reason must not repeat personal data.
      `${file}:8: not valid JSON`,
      'Import refused: 5 of 7 lines are bad; nothing was imported.',
    ]);
    expect(await store.accounts.count()).toBe(before);
    expect(await store.accounts.get('BAD-OK-1')).toBeUndefined();

    const json = await run('import', file, '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; errors: { line: number; accountId?: string; reasons: string[] }[] };
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => [e.line, e.accountId])).toEqual([
      [2, undefined],
      [3, 'BAD-3'],
      [5, 'BAD-OK-1'],
      [6, 'BAD-5'],
      [8, undefined],
    ]);
  });

  it('validates without writing on --dry-run', async () => {
    const file = writeFile('dry.jsonl', [JSON.stringify(account('DRY-1'))]);
    const result = await run('import', file, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dry run: all 1 accounts in dry\.jsonl are valid; nothing was written/);
    expect(await store.accounts.get('DRY-1')).toBeUndefined();
  });

  it('exits 2 for a missing file or a CSV file, writing nothing', async () => {
    const missing = await run('import', path.join(dir, 'nope.jsonl'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.jsonl: no such file/);
    const csv = await run('import', writeFile('accounts.csv', ['accountId,name']));
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/CSV is not supported/);
  });

  it('exits 2 naming the server, not the password, when PostgreSQL cannot be reached', async () => {
    const file = writeFile('unreachable.jsonl', [JSON.stringify(account('UNR-1'))]);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgres://parley:hunter2@127.0.0.1:1/parley';
    try {
      const result = await run('import', file);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Cannot reach PostgreSQL at postgres:\/\/parley@127\.0\.0\.1:1\/parley/);
      expect(result.stderr).not.toContain('hunter2');
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});
