// Turns per second and latency of the real service through its Direct Line endpoint: the whole turn
// (safety net, dialogs, gate, audit, state) on PostgreSQL and Redis, templates only, 100 concurrent
// conversations. The server runs in a child process, as in production; traffic stays on loopback.
//
//   npx tsx tests/bench/turns.ts [--conversations 100] [--turns 10] [--think-ms 250]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '../support/postgres.js';
import { benchDirectLine } from './directline.js';

const { values } = parseArgs({
  options: { conversations: { type: 'string', default: '100' }, turns: { type: 'string', default: '10' }, 'think-ms': { type: 'string', default: '250' } },
});
const repoRoot = path.resolve(import.meta.dirname, '../..');
const secret = randomBytes(32).toString('base64url');
const database = await createTestDatabase('bench_turns');
const child = spawn(process.execPath, ['bin/parley.mjs', 'serve', '--json'], {
  cwd: repoRoot,
  env: {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    PARLEY_LLM: 'off',
    PARLEY_DIRECTLINE_SECRET: secret,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = (() => {
        try {
          return JSON.parse(line) as { url?: string };
        } catch {
          return {};
        }
      })();
      if (parsed.url) {
        clearTimeout(timer);
        resolve(parsed.url);
      }
    });
  });
  const result = await benchDirectLine({
    baseUrl: url,
    secret,
    conversations: Number(values.conversations),
    turnsPerConversation: Number(values.turns),
    transport: 'websocket',
    text: 'hello, what is this about?',
    replyTimeoutMs: 30_000,
    pollIntervalMs: 100,
    thinkMs: Number(values['think-ms']),
  });
  console.log(
    `turns through Direct Line (PostgreSQL + Redis, templates only, ${result.conversations} conversations, think ${result.thinkMs} ms): ` +
      `${result.turnsPerSecond.toFixed(0)} turns/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, failures ${result.failures}`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await database.drop();
}
