// What an officer does in the console: find a conversation, read it masked, unmask it (recorded
// first), see the decision beside each message, notice tampering, export evidence that verifies,
// work hand-offs, sample for QA and sign off, place a legal hold.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { unzipSync } from 'fflate';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresHandoffQueue, MemoryRateLimiter, verifyEvidenceExport } from '../../adapters/index.js';
import { runParley } from '../../tests/support/cli.js';
import { DISPUTE_TURNS, demoAccounts, seedConversation, type SeededConversation } from '../../tests/support/console-seed.js';
import { startConsoleServer, TEST_CHECKPOINT_KEY, type ConsoleServer } from '../../tests/support/console-server.js';
import { createLogger } from '../logger.js';
import { createConsoleRouter } from './index.js';

let server: ConsoleServer;
let dispute: SeededConversation;
let quiet: SeededConversation;
let officer: string;
let supervisor: string;
let opening: Promise<void> | undefined;
const dirs: string[] = [];

beforeEach(async () => {
  await (opening ??= (async () => {
    server = await startConsoleServer();
    const accounts = demoAccounts();
    await server.store.accounts.upsertMany([...accounts.values()]);
    dispute = await seedConversation(server.store, { channel: 'webchat', conversationId: 'wc-dispute', account: accounts.get('DEMO-MA-001'), start: new Date('2026-11-20T15:00:00Z'), turns: DISPUTE_TURNS });
    quiet = await seedConversation(server.store, {
      channel: 'sms',
      conversationId: 'sms-quiet',
      account: accounts.get('DEMO-CA-002'),
      start: new Date('2026-11-21T18:00:00Z'),
      turns: [{ consumer: 'What is my balance?' }, { reply: 'Your balance is $2,640.40.', purpose: 'reply', allowedAmounts: [264040] }],
    });
    officer = (await server.signIn('officer', 'Olive Officer')).cookie;
    supervisor = (await server.signIn('supervisor', 'Sam Supervisor')).cookie;
  })());
});
afterAll(async () => {
  await server?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function consoleEvents(): Promise<Array<{ seq: number; payload: { action: string; actor: { name: string; role: string }; target: Record<string, unknown> }; at: Date }>> {
  return server.store.sql.query(`SELECT seq, payload, at FROM audit_events WHERE chain_id = 'console' ORDER BY seq`);
}

describe('search', () => {
  it('finds the conversation where a dispute was raised, and not the other one', async () => {
    const response = await server.request('GET', '/api/audit/conversations?flag=dispute', { cookie: officer });
    const body = (await response.json()) as { items: Array<{ key: string; consumer: string; flags: string[] }> };
    expect(body.items.map((item) => item.key)).toEqual([dispute.key]);
    expect(body.items[0]?.consumer).toBe('Alex S.');
    const byCitation = (await (await server.request('GET', '/api/audit/decisions?rule=1006.38&verdict=suppress', { cookie: officer })).json()) as { items: Array<{ key: string; kind: string }> };
    expect(byCitation.items).toMatchObject([{ key: dispute.key, kind: 'decision' }]);
    const bad = await server.request('GET', '/api/audit/conversations?verdict=maybe', { cookie: officer });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid filters: verdict: must be send, defer, block or suppress' });
  });

  it.each([
    ['repeated', '/api/audit/conversations?text=dispute&text=plan', 'text'],
    ['bracketed', '/api/audit/conversations?text[a]=dispute', 'text'],
    ['repeated on decisions', '/api/audit/decisions?verdict=block&verdict=send', 'verdict'],
  ])('refuses a %s parameter with 400 rather than dropping the filter', async (_kind, url, name) => {
    const response = await server.request('GET', url, { cookie: officer });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: `query parameter "${name}" must be given once, as name=value` });
  });
});

describe('the transcript', () => {
  it('shows each message in order with the consumer’s local time and the decision beside it, personal data masked', async () => {
    const response = await server.request('GET', `/api/audit/conversations/${encodeURIComponent(dispute.key)}`, { cookie: officer });
    expect(response.status).toBe(200);
    const view = (await response.json()) as {
      masked: boolean;
      zone: { zone: string };
      integrity: { ok: boolean };
      entries: Array<{ kind: string; text?: string; localTime?: string; decision?: { verdict: string; rules: Array<{ ruleId: string; citation: string }>; violations: Array<{ ruleId: string }> }; flagChange?: { field: string } }>;
    };
    expect(view.masked).toBe(true);
    expect(view.integrity).toEqual({ ok: true });
    expect(view.zone.zone).toBe('America/New_York');
    expect(view.entries.map((entry) => entry.kind)).toEqual(['inbound', 'outbound', 'inbound', 'outbound', 'inbound', 'flag-change', 'outbound', 'decision']);
    // 15:00 UTC on 20 Nov 2026 is 10:00 in Boston.
    expect(view.entries[0]?.localTime).toBe('Fri 20 Nov 2026, 10:00:00 EST');
    const identity = view.entries[2]?.text ?? '';
    expect(identity).not.toContain('617-555-0123');
    expect(identity).not.toContain('1985-04-12');
    expect(identity).toContain('[phone ••23]');
    expect(view.entries[5]?.flagChange?.field).toBe('dispute');
    const confirmation = view.entries[6]?.decision;
    expect(confirmation?.verdict).toBe('send');
    expect(confirmation?.rules).toContainEqual(expect.objectContaining({ ruleId: 'dispute', citation: '12 CFR 1006.38' }));
    expect(view.entries[7]?.decision?.verdict).toBe('suppress');
    expect(view.entries[7]?.decision?.violations.map((violation) => violation.ruleId)).toContain('dispute');
  });

  it('records every read before answering, and an unmask as an unmask with who, what and when', async () => {
    const before = (await consoleEvents()).length;
    const masked = await server.request('GET', `/api/audit/conversations/${encodeURIComponent(dispute.key)}`, { cookie: officer });
    expect(masked.status).toBe(200);
    const unmasked = await server.request('GET', `/api/audit/conversations/${encodeURIComponent(dispute.key)}?unmask=1`, { cookie: officer });
    const view = (await unmasked.json()) as { masked: boolean; consumer: string; entries: Array<{ text?: string }> };
    expect(view.masked).toBe(false);
    expect(view.consumer).toBe('Alex Sample');
    expect(view.entries[2]?.text).toContain('617-555-0123');
    const events = (await consoleEvents()).slice(before);
    expect(events.map((event) => event.payload.action)).toEqual(['read-transcript', 'unmask']);
    expect(events[1]?.payload).toEqual({ action: 'unmask', actor: expect.objectContaining({ name: 'Olive Officer', role: 'officer' }), target: { conversation: dispute.key, events: 8 } });
    expect(events[1]?.at.toISOString()).toBe(server.now.value.toISOString());

    const refused = await server.request('GET', `/api/audit/conversations/${encodeURIComponent(dispute.key)}?unmask=1`, { cookie: supervisor });
    expect(refused.status).toBe(403);
    expect((await consoleEvents()).length).toBe(before + 2);
  });

  it('answers 503 and shows nothing when the read cannot be recorded', async () => {
    const { cookie } = await server.signIn('officer', 'fail closed');
    await server.database?.sql(`CREATE FUNCTION refuse_console() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.chain_id = 'console' THEN RAISE EXCEPTION 'audit store down'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_console BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_console()`);
    try {
      const response = await server.request('GET', `/api/audit/conversations/${encodeURIComponent(dispute.key)}`, { cookie });
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: 'this access could not be recorded in the audit trail, so nothing is shown: try again later' });
      expect(text).not.toContain('owe');
      expect(text).not.toContain('DEMO-MA-001');
    } finally {
      await server.database?.sql('DROP TRIGGER refuse_console ON audit_events; DROP FUNCTION refuse_console()');
    }
  });
});

describe('an event edited in SQL', () => {
  it('shows as a break in the transcript, on the integrity badge, and in parley audit verify', async () => {
    const accounts = demoAccounts();
    const victim = await seedConversation(server.store, {
      channel: 'webchat',
      conversationId: 'wc-tampered',
      account: accounts.get('DEMO-NY-003'),
      start: new Date('2026-11-22T12:00:00Z'),
      turns: [{ consumer: 'I will pay 50 dollars on Friday' }, { reply: 'Thank you, noted.', purpose: 'reply' }],
    });
    const intact = (await (await server.request('GET', '/api/audit/integrity', { cookie: officer })).json()) as { ok: boolean };
    expect(intact.ok).toBe(true);
    await server.database?.sql(
      `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
       UPDATE audit_events SET payload = jsonb_set(payload, '{text}', '"I will pay 500 dollars on Friday"') WHERE chain_id = '${victim.key}' AND seq = 1;
       ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`,
    );
    const transcript = (await (await server.request('GET', `/api/audit/conversations/${encodeURIComponent(victim.key)}`, { cookie: officer })).json()) as {
      integrity: { ok: boolean; firstBroken: { seq: number; code: string } };
    };
    expect(transcript.integrity).toMatchObject({ ok: false, firstBroken: { seq: 1, code: 'hash-mismatch' } });
    // The trail-wide badge is cached for 30 s; a console started now checks afresh.
    const fresh = await startConsoleServerOn(server);
    const badge = (await (await fresh.request('/api/audit/integrity')).json()) as { ok: boolean; firstBroken: { chainId: string; seq: number } };
    expect(badge).toMatchObject({ ok: false, firstBroken: { chainId: victim.key, seq: 1 } });
    await fresh.close();

    process.env.DATABASE_URL = server.database?.url;
    process.env.PARLEY_AUDIT_CHECKPOINT_KEY = TEST_CHECKPOINT_KEY;
    const cli = await runParley('audit', 'verify', '--json');
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, firstBroken: { chainId: victim.key, seq: 1, code: 'hash-mismatch' } });

    // Put it back so the other tests see an intact trail.
    await server.database?.sql(
      `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
       UPDATE audit_events SET payload = jsonb_set(payload, '{text}', '"I will pay 50 dollars on Friday"') WHERE chain_id = '${victim.key}' AND seq = 1;
       ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`,
    );
    expect((await runParley('audit', 'verify')).code).toBe(0);
  });
});

/** A second console over the same database (its integrity cache is empty). */
async function startConsoleServerOn(existing: ConsoleServer): Promise<{ request(pathname: string): Promise<Response>; close(): Promise<void> }> {
  const router = createConsoleRouter({
    records: existing.store,
    rateLimiter: new MemoryRateLimiter(),
    clock: () => existing.now.value,
    logger: createLogger('silent'),
    sessionTtlMinutes: 60,
    secureCookies: false,
    checkpointKey: TEST_CHECKPOINT_KEY,
  });
  const app = express();
  app.use(express.json());
  app.use(router.router);
  const httpServer = http.createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    request: (pathname) => fetch(`http://127.0.0.1:${port}${pathname}`, { headers: { cookie: officer } }),
    close: () => new Promise<void>((resolve) => httpServer.close(() => resolve())),
  };
}

describe('an evidence export', () => {
  it('downloads as a zip whose manifest verifies, is recorded with its manifest hash, and breaks when a file is changed', async () => {
    const response = await server.request('POST', '/api/audit/exports', { cookie: officer, body: { conversations: [dispute.key] } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="parley-evidence-[0-9T-]+Z\.zip"$/);
    const zip = Buffer.from(await response.arrayBuffer());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-export-test-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'evidence.zip'), zip);
    const verified = verifyEvidenceExport(path.join(dir, 'evidence.zip'));
    expect(verified).toMatchObject({ ok: true, files: 3, events: 8, masked: 8 });
    expect(verified.ok && verified.manifestSha256).toBe(response.headers.get('x-parley-manifest-sha256'));

    const recorded = (await consoleEvents()).at(-1);
    expect(recorded?.payload).toMatchObject({ action: 'export', target: { conversations: [dispute.key], events: 8, masked: true, manifestSha256: response.headers.get('x-parley-manifest-sha256') } });

    const files = unzipSync(new Uint8Array(zip));
    const names = Object.keys(files).map((name) => name.split('/').at(-1)).sort();
    expect(names).toEqual(['events.jsonl', 'manifest.json', 'transcript.csv', 'transcript.pdf']);
    const unzipped = path.join(dir, 'unzipped');
    fs.mkdirSync(unzipped);
    for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(unzipped, name.split('/').at(-1) ?? name), data);
    const pdf = fs.readFileSync(path.join(unzipped, 'transcript.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = fs.readFileSync(path.join(unzipped, 'transcript.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^conversation,event_id,chain_id,seq,at_utc,consumer_local_time,channel,kind,from,text,verdict,rules/);
    expect(csv).toContain('dispute (12 CFR 1006.38)');
    expect(csv).not.toContain('617-555-0123');

    expect((await runParleyVerify(unzipped)).code).toBe(0);
    // A verdict rewritten in place (same length) and a row added: both are named.
    fs.writeFileSync(path.join(unzipped, 'transcript.csv'), csv.replace(',suppress,', ',sendxxxx,'));
    const edited = await runParleyVerify(unzipped);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toBe('Export BROKEN: transcript.csv does not match its sha256 in the manifest: it was changed\n');
    fs.writeFileSync(path.join(unzipped, 'transcript.csv'), `${csv}forged,row\r\n`);
    const appended = await runParleyVerify(unzipped);
    expect(appended.code).toBe(1);
    expect(appended.stdout).toMatch(/^Export BROKEN: transcript\.csv has \d+ bytes, the manifest says \d+: it was changed\n$/);
  });

  it('refuses an unmasked export to a supervisor and lets an officer make one whose events recompute to their chain hashes', async () => {
    expect((await server.request('POST', '/api/audit/exports', { cookie: supervisor, body: { conversations: [dispute.key], unmask: true } })).status).toBe(403);
    const response = await server.request('POST', '/api/audit/exports', { cookie: officer, body: { filters: { flag: 'dispute' }, formats: ['jsonl'], unmask: true } });
    expect(response.status).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-export-test-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'e.zip'), Buffer.from(await response.arrayBuffer()));
    expect(verifyEvidenceExport(path.join(dir, 'e.zip'))).toMatchObject({ ok: true, files: 1, events: 8, recomputed: 8, masked: 0 });
  });
});

async function runParleyVerify(dir: string) {
  return runParley('audit', 'verify', '--export', dir);
}

describe('oversight', () => {
  it('counts messages by channel, the rules that intervened, and the rights recognized', async () => {
    const response = await server.request('GET', '/api/audit/dashboard?from=2026-11-01T00:00:00Z&to=2026-11-24T00:00:00Z', { cookie: supervisor });
    const body = (await response.json()) as { messagesByChannel: unknown[]; decisionsByRule: Array<{ ruleId: string; count: number }>; flagChanges: unknown[]; interventions: unknown[] };
    expect(body.messagesByChannel).toEqual(expect.arrayContaining([{ day: '2026-11-20', channel: 'webchat', count: 6 }, { day: '2026-11-21', channel: 'sms', count: 2 }]));
    expect(body.decisionsByRule).toContainEqual(expect.objectContaining({ ruleId: 'dispute', count: 1 }));
    expect(body.flagChanges).toEqual([{ day: '2026-11-20', field: 'dispute', count: 1 }]);
    expect(body.interventions).toContainEqual({ day: '2026-11-20', deferred: 0, blocked: 0, suppressed: 1, replaced: 0 });
  });

  it('lets a supervisor claim and resolve a hand-off, and measures the wait', async () => {
    const queue = createPostgresHandoffQueue(server.store.sql);
    await queue.enqueue({ id: 'h-wait', accountId: 'DEMO-MA-001', conversationId: 'wc-dispute', channel: 'webchat', reason: 'human_agent', context: [{ from: 'consumer', text: 'a person please', at: '2026-11-24T14:30:00.000Z' }], requestedAt: new Date('2026-11-24T14:30:00.000Z') });
    const list = (await (await server.request('GET', '/api/audit/handoffs', { cookie: supervisor })).json()) as { items: Array<{ id: string }>; workable: boolean };
    expect(list).toMatchObject({ workable: true, items: [{ id: 'h-wait' }] });
    expect((await server.request('POST', '/api/audit/handoffs/h-wait/claim', { cookie: officer, body: {} })).status).toBe(403);
    expect((await server.request('POST', '/api/audit/handoffs/h-wait/claim', { cookie: supervisor, body: {} })).status).toBe(200);
    expect((await server.request('POST', '/api/audit/handoffs/h-wait/claim', { cookie: supervisor, body: {} })).status).toBe(409);
    expect((await server.request('POST', '/api/audit/handoffs/h-wait/resolve', { cookie: supervisor, body: { resolution: 'called back' } })).status).toBe(200);
    const dashboard = (await (await server.request('GET', '/api/audit/dashboard?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z', { cookie: supervisor })).json()) as { handoffs: { waitMinutes: { p50: number } } };
    expect(dashboard.handoffs.waitMinutes.p50).toBe(30);
  });

  it('draws a QA sample weighted by risk and records the reviewer’s sign-off', async () => {
    const sample = await server.request('POST', '/api/audit/reviews/sample', { cookie: officer, body: { size: 1, from: '2026-11-01T00:00:00Z', to: '2026-11-22T00:00:00Z', seed: 7 } });
    const drawn = (await sample.json()) as { reviews: Array<{ id: string; key: string; weight: number; reasons: string[] }>; candidates: number };
    expect(drawn.candidates).toBe(2);
    expect(drawn.reviews).toHaveLength(1);
    const signed = await server.request('POST', `/api/audit/reviews/${drawn.reviews[0]?.id}/sign-off`, { cookie: officer, body: { outcome: 'finding', notes: 'reply after the dispute was correctly suppressed' } });
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as { signedBy: string }).signedBy).toBeTruthy();
    expect((await server.request('POST', `/api/audit/reviews/${drawn.reviews[0]?.id}/sign-off`, { cookie: officer, body: { outcome: 'compliant' } })).status).toBe(400);
    const recorded = (await consoleEvents()).at(-1);
    expect(recorded?.payload).toMatchObject({ action: 'review-signed', actor: { name: 'Olive Officer' }, target: { review: drawn.reviews[0]?.id, outcome: 'finding' } });
  });
});

describe('quiet conversation', () => {
  it('is listed for an SMS search by the consumer’s phone', async () => {
    const body = (await (await server.request('GET', '/api/audit/conversations?phone=%2B16175550188', { cookie: officer })).json()) as { items: Array<{ key: string }> };
    expect(body.items.map((item) => item.key)).toEqual([quiet.key]);
  });
});
