// Import throughput: generates 100,000 accounts as JSON Lines, then validates and writes them in one
// transaction on the embedded PGlite and on PostgreSQL, printing accounts per second for each step.
//   npx tsx tests/bench/import.ts [count]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRecordsStore, type SqlRecordsStore } from '../../adapters/index.js';
import { readAccounts } from '../../bot/cli/import.js';
import { createTestDatabase } from '../support/postgres.js';

const count = Number(process.argv[2] ?? 100_000);
const states = [
  ['MA', 'Boston', '02108', '+1617555'],
  ['CA', 'Los Angeles', '90012', '+1213555'],
  ['NY', 'Brooklyn', '11201', '+1718555'],
  ['TX', 'Austin', '78701', '+1512555'],
  ['WA', 'Seattle', '98101', '+1206555'],
] as const;

function accountLine(i: number): string {
  const [region, city, postalCode, prefix] = states[i % states.length]!;
  const cents = 10_000 + (i % 500_000);
  const interest = i % 1_000;
  return JSON.stringify({
    accountId: `BENCH-${String(i).padStart(7, '0')}`,
    consumer: {
      firstName: 'Bench',
      lastName: `Person${i}`,
      dateOfBirth: '1980-01-01',
      ssnLast4: String(i % 10_000).padStart(4, '0'),
      phones: [{ number: `${prefix}01${String(i % 100).padStart(2, '0')}`, type: 'mobile' }],
      email: `bench${i}@example.com`,
      address: { line1: `${i} Example Street`, city, region, postalCode, country: 'US' },
    },
    currentCreditor: 'Example Bank',
    originalCreditor: 'Example Bank',
    debt: {
      itemizationDate: '2026-01-15',
      amountAtItemization: cents / 100,
      interestSinceItemization: interest / 100,
      currentBalance: (cents + interest) / 100,
    },
    authority: { minInstalment: 25, maxPlanMonths: 12, lowestSettlement: 50 },
  });
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')} accounts/s (${(ms / 1000).toFixed(2)} s)`;
}

async function timeWrites(label: string, store: SqlRecordsStore, file: string): Promise<void> {
  const t0 = performance.now();
  const read = await readAccounts(fs.createReadStream(file));
  const t1 = performance.now();
  if (read.bad.length > 0) throw new Error(`generated file has bad lines: ${JSON.stringify(read.bad.slice(0, 3))}`);
  const first = await store.accounts.upsertMany(read.accounts);
  const t2 = performance.now();
  const again = await store.accounts.upsertMany(read.accounts);
  const t3 = performance.now();
  console.log(`${label}`);
  console.log(`  read + validate   ${rate(read.accounts.length, t1 - t0)}`);
  console.log(`  insert (1 tx)     ${rate(first.inserted, t2 - t1)}`);
  console.log(`  update (1 tx)     ${rate(again.updated, t3 - t2)}`);
  console.log(`  import end to end ${rate(read.accounts.length, t2 - t0)}`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-import-'));
try {
  const file = path.join(dir, 'accounts.jsonl');
  const out = fs.createWriteStream(file);
  for (let i = 0; i < count; i += 1) out.write(`${accountLine(i)}\n`);
  await new Promise((resolve) => out.end(resolve));
  console.log(`${count.toLocaleString('en-US')} accounts, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB of JSON Lines`);

  const embedded = await openRecordsStore({ dataDir: path.join(dir, 'data') });
  try {
    await timeWrites('PGlite (embedded)', embedded, file);
  } finally {
    await embedded.close();
  }

  const database = await createTestDatabase('bench_import');
  try {
    const postgres = await openRecordsStore({ databaseUrl: database.url, dataDir: dir });
    try {
      await timeWrites(`PostgreSQL (${postgres.description})`, postgres, file);
    } finally {
      await postgres.close();
    }
  } finally {
    await database.drop();
  }
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
