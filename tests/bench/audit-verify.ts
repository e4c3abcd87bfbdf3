// Audit verification over a large trail: writes N events (default 300,000) in 1,000-event chains with
// valid hashes, straight into the tables, then times `verify()` and shows that memory stays flat.
//   npx tsx tests/bench/audit-verify.ts [events]
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditEventHash, createRecordsStore, GENESIS_HASH, migrate, openSqlClient, type SqlClient } from '../../adapters/records/index.js';
import { createTestDatabase } from '../support/postgres.js';

const total = Number(process.argv[2] ?? 300_000);
const perChain = 1_000;

async function fill(client: SqlClient): Promise<void> {
  const at = new Date('2026-01-01T00:00:00.000Z');
  await client.transaction(async (tx) => {
    for (let c = 0; c * perChain < total; c += 1) {
      const chainId = `bench-${String(c).padStart(5, '0')}`;
      let prevHash = GENESIS_HASH;
      const rows = [];
      const length = Math.min(perChain, total - c * perChain);
      for (let seq = 1; seq <= length; seq += 1) {
        const fields = { id: randomUUID(), chainId, seq, kind: 'inbound', accountId: null, conversationId: chainId, channel: 'sms', payload: { text: `message ${seq} of a long conversation` }, at, prevHash };
        const hash = auditEventHash(fields);
        rows.push({ id: fields.id, chain_id: chainId, seq, kind: fields.kind, conversation_id: chainId, channel: 'sms', payload: fields.payload, at: at.toISOString(), prev_hash: prevHash, hash });
        prevHash = hash;
      }
      await tx.query('INSERT INTO audit_chain_heads (chain_id, last_seq, last_hash) VALUES ($1, $2, $3)', [chainId, length, prevHash]);
      await tx.query(
        `INSERT INTO audit_events (id, chain_id, seq, kind, conversation_id, channel, payload, at, prev_hash, hash)
         SELECT id, chain_id, seq, kind, conversation_id, channel, payload, at, prev_hash, hash
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, chain_id text, seq int, kind text, conversation_id text, channel text, payload jsonb, at timestamptz, prev_hash text, hash text)`,
        [JSON.stringify(rows)],
      );
    }
  });
}

async function run(label: string, client: SqlClient): Promise<void> {
  await migrate(client);
  const t0 = performance.now();
  await fill(client);
  const t1 = performance.now();
  const store = createRecordsStore(client);
  const before = process.memoryUsage().heapUsed;
  const result = await store.audit.verify();
  const t2 = performance.now();
  const after = process.memoryUsage().heapUsed;
  console.log(label);
  console.log(`  wrote ${total.toLocaleString('en-US')} events in ${((t1 - t0) / 1000).toFixed(1)} s`);
  console.log(`  verify: ${JSON.stringify(result)} in ${((t2 - t1) / 1000).toFixed(1)} s = ${Math.round((total / (t2 - t1)) * 1000).toLocaleString('en-US')} events/s; heap ${(before / 1e6).toFixed(0)} → ${(after / 1e6).toFixed(0)} MB`);
  await store.close();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-audit-'));
try {
  await run('PGlite (embedded)', await openSqlClient({ dataDir: dir }));
  const database = await createTestDatabase('bench_audit');
  try {
    await run('PostgreSQL', await openSqlClient({ databaseUrl: database.url, dataDir: dir }));
  } finally {
    await database.drop();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
