// Redis for tests: the shared server (REDIS_URL or 127.0.0.1:6379) and throwaway servers a test may stop and restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sharedRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test file or run shares, so parallel files never see each other's keys. */
export function uniqueKeyPrefix(label: string): string {
  return `parley-test:${label}:${randomUUID().slice(0, 8)}:`;
}

/** Throws a message that says what to do when the shared Redis is not there: service-backed tests fail, never skip. */
export async function requireSharedRedis(url = sharedRedisUrl): Promise<string> {
  const { hostname, port } = new URL(url);
  const ok = await pingRaw(hostname || '127.0.0.1', Number(port || 6379), 2_000);
  if (!ok) {
    throw new Error(`Redis is not reachable at ${hostname}:${port || 6379}. Start it (see DEVELOPERS.md) or set REDIS_URL; these tests need a real Redis.`);
  }
  return url;
}

export interface EphemeralRedis {
  url: string;
  port: number;
  /** Kills the server; its data is gone (nothing is persisted). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing answers, like a stalled server. */
  freeze(): void;
  thaw(): void;
  /** Stops it for good and removes its directory. */
  dispose(): Promise<void>;
}

/** Starts a private redis-server on a free port, persisting nothing. Call dispose() when done. */
export async function startEphemeralRedis(): Promise<EphemeralRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parley-redis-'));
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const start = async () => {
    if (child) return;
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    // redis-server logs to stdout; keep the tail for the error message if it refuses to start.
    let log = '';
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-2_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    let spawnError: Error | undefined;
    proc.once('error', (err) => {
      spawnError = err;
    });
    const deadline = Date.now() + 5_000;
    while (!(await pingRaw('127.0.0.1', port, 200))) {
      if (spawnError) throw new Error(`Could not run redis-server (is it installed?): ${spawnError.message}`);
      if (proc.exitCode !== null) throw new Error(`redis-server exited with code ${proc.exitCode} on port ${port}:\n${log}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port} within 5 s`);
      await sleep(20);
    }
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return;
    child = undefined;
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGCONT');
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGKILL');
      await exited;
    }
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    dispose: async () => {
      await stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** PING over a bare socket, so the check does not depend on the client under test. */
function pingRaw(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
