// The compliance console on a fresh records database, served the way createApp serves it (helmet,
// JSON bodies, the router, a 404, the error boundary), with helpers to create users and sign in.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { createConsoleUsers, createPostgresHandoffQueue, MemoryRateLimiter, openRecordsStore, type ConsoleRole, type SqlRecordsStore } from '../../adapters/index.js';
import { createConsoleRouter, type ConsoleRouter } from '../../bot/console/index.js';
import { createLogger } from '../../bot/logger.js';
import { errorBoundary } from '../../bot/server/errors.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';

export const TEST_CHECKPOINT_KEY = 'test-checkpoint-key-0123456789abcdef0123456789';

export interface ConsoleServer {
  baseUrl: string;
  store: SqlRecordsStore;
  console: ConsoleRouter;
  database?: TestDatabase;
  dataDir?: string;
  /** The instant the console's clock reads; tests move it. */
  now: { value: Date };
  /** Creates a user and signs in; returns the Cookie header value and the token. */
  signIn(role: ConsoleRole, name?: string): Promise<{ cookie: string; token: string; userId: string }>;
  request(method: string, pathname: string, options?: { cookie?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

let serial = 0;

export interface ConsoleServerOptions {
  backend?: 'postgres' | 'pglite';
  secureCookies?: boolean;
  now?: Date;
  sessionTtlMinutes?: number;
  signInLimits?: { perIp: number; perUser: number; windowMs: number };
}

export async function startConsoleServer(options: ConsoleServerOptions = {}): Promise<ConsoleServer> {
  const backend = options.backend ?? 'postgres';
  const database = backend === 'postgres' ? await createTestDatabase('console') : undefined;
  const dataDir = backend === 'pglite' ? fs.mkdtempSync(path.join(os.tmpdir(), 'parley-console-')) : undefined;
  const store = await openRecordsStore({ databaseUrl: database?.url, dataDir: dataDir ?? os.tmpdir(), auditCheckpointKey: TEST_CHECKPOINT_KEY });
  const now = { value: options.now ?? new Date('2026-11-24T15:00:00.000Z') };
  const clock = () => new Date(now.value.getTime());
  const logger = createLogger('silent');
  const router = createConsoleRouter({
    records: store,
    rateLimiter: new MemoryRateLimiter(() => now.value.getTime()),
    clock,
    logger,
    sessionTtlMinutes: options.sessionTtlMinutes ?? 60,
    secureCookies: options.secureCookies ?? false,
    checkpointKey: TEST_CHECKPOINT_KEY,
    handoffs: createPostgresHandoffQueue(store.sql),
    ...(options.signInLimits ? { signInLimits: options.signInLimits } : {}),
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(express.json({ limit: 64 * 1024 }));
  app.use(router.router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(errorBoundary(logger));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const users = createConsoleUsers(store.sql);

  const request: ConsoleServer['request'] = (method, pathname, { cookie, body, headers } = {}) =>
    fetch(`${baseUrl}${pathname}`, {
      method,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  return {
    baseUrl,
    store,
    console: router,
    ...(database ? { database } : {}),
    ...(dataDir ? { dataDir } : {}),
    now,
    request,
    async signIn(role, name) {
      serial += 1;
      const created = await users.add({ name: name ?? `${role} ${serial}`, role, at: clock() });
      const response = await request('POST', '/api/audit/session', { body: { token: created.token }, headers: { 'x-forwarded-for': `10.0.0.${serial}` } });
      if (response.status !== 200) throw new Error(`sign-in as ${role} answered ${response.status}: ${await response.text()}`);
      const setCookie = response.headers.get('set-cookie') ?? '';
      return { cookie: setCookie.split(';')[0] ?? '', token: created.token, userId: created.user.id };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await store.close();
      await database?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
