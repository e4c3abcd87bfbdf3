// The outbound admin API over real HTTP: bearer token, scheduling with the same checks as the CLI, cancel.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutboundAdminRouter } from '../../bot/outbound/admin-router.js';
import { makeAccount } from '../../guardrails/gate/test-fixtures.js';
import { openOutboundHarness, type OutboundHarness } from '../support/outbound.js';

const TOKEN = 'test-admin-token-0123456789';
let h: OutboundHarness;
let server: http.Server | undefined;
let base = '';
let ready: Promise<void> | undefined;

beforeEach(async () => {
  await (ready ??= (async () => {
    h = await openOutboundHarness('PostgreSQL', 'outbound_admin');
    await h.records.accounts.upsertMany([makeAccount({ accountId: 'ADM-1' })]);
    const app = express();
    app.use(createOutboundAdminRouter({ token: TOKEN, scheduler: h.outbound.scheduler, clock: () => new Date('2026-06-10T16:00:00Z') }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/admin/outbound`;
  })());
});
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await h?.close();
});

function call(path: string, init: RequestInit = {}, token: string | null = TOKEN) {
  return fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}

describe('the outbound admin API', () => {
  it('refuses requests without the bearer token', async () => {
    const none = await call('/counts', {}, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await call('/counts', {}, 'wrong-token')).status).toBe(401);
  });

  it('is off when no token is configured', async () => {
    const app = express();
    app.use(createOutboundAdminRouter({ token: undefined, scheduler: h.outbound.scheduler }));
    const off = http.createServer(app);
    await new Promise<void>((resolve) => off.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(off.address() as AddressInfo).port}/api/admin/outbound/counts`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await new Promise<void>((resolve) => off.close(() => resolve()));
    expect(response.status).toBe(503);
  });

  it('schedules a checked message, once per dedupe key, lists, reads and cancels it', async () => {
    const body = JSON.stringify({ accountId: 'ADM-1', kind: 'payment-due', speechAct: 'reminder.payment-due', slots: { amount: { amount: 5000, currency: 'USD' }, dueDate: '2026-07-01' }, dueAt: '2026-06-30T14:00:00Z', dedupeKey: 'k1' });
    const created = await call('/messages', { method: 'POST', body });
    expect(created.status).toBe(201);
    const { message } = (await created.json()) as { message: { id: string; status: string; source: string } };
    expect(message).toMatchObject({ status: 'pending', source: 'admin' });
    expect((await call('/messages', { method: 'POST', body })).status).toBe(200);

    const listed = (await (await call('/accounts/ADM-1/messages')).json()) as { messages: { id: string }[] };
    expect(listed.messages.map((m) => m.id)).toEqual([message.id]);
    expect(((await (await call(`/messages/${message.id}`)).json()) as { id: string }).id).toBe(message.id);

    const cancelled = await call(`/messages/${message.id}/cancel`, { method: 'POST', body: JSON.stringify({ reason: 'paid by phone' }) });
    expect(await cancelled.json()).toEqual({ id: message.id, cancelled: true });
    expect((await call(`/messages/${message.id}/cancel`, { method: 'POST', body: '{}' })).status).toBe(409);
    expect(await (await call('/counts')).json()).toMatchObject({ cancelled: 1, pending: 0 });
    const decision = (await h.records.audit.listChain('outbound:ADM-1')).at(-1);
    expect(decision?.payload).toMatchObject({ outcome: 'cancelled', reason: 'paid by phone' });
  });

  it('says what is wrong with a bad request', async () => {
    const reply = await call('/messages', { method: 'POST', body: JSON.stringify({ accountId: 'ADM-1', speechAct: 'balance.current' }) });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { problems: string[] }).problems.join(' ')).toContain('reply act');
    const unknown = await call('/messages', { method: 'POST', body: JSON.stringify({ accountId: 'NOPE' }) });
    expect(unknown.status).toBe(404);
    expect((await call('/messages', { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await call('/messages', { method: 'POST', body: JSON.stringify({ accountId: 'ADM-1', channel: 'fax' }) })).status).toBe(400);
  });
});
