// One Redis connection that survives Redis going away: errors are reported, not thrown at the process,
// reconnection backs off, and commands fail at once while disconnected instead of queueing forever.
import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import { RedisUnavailableError } from './errors.js';

export type RedisConnection = ReturnType<typeof newClient>;

export interface RedisConnectionOptions {
  url: string;
  /** How long start-up waits for the first connection before giving up. */
  connectTimeoutMs?: number;
  /** Called when the connection is lost or regained (not on every failed reconnect attempt). */
  onStatusChange?: (status: 'up' | 'down', detail?: string) => void;
}

const MAX_BACKOFF_MS = 2_000;

function newClient(url: string, connectTimeoutMs: number) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: Math.min(connectTimeoutMs, 2_000),
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 10), MAX_BACKOFF_MS) + Math.floor(Math.random() * 50),
    },
  });
}

export async function connectRedis(options: RedisConnectionOptions): Promise<RedisConnection> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const client = newClient(options.url, connectTimeoutMs);
  let up = false;
  let lastError = 'no answer';
  client.on('error', (error: unknown) => {
    lastError = error instanceof Error ? error.message : String(error);
    if (up) {
      up = false;
      options.onStatusChange?.('down', lastError);
    }
  });
  client.on('ready', () => {
    if (!up) {
      up = true;
      options.onStatusChange?.('up');
    }
  });

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), connectTimeoutMs);
  });
  const connected = client.connect().then(
    () => 'connected' as const,
    (error: unknown) => error,
  );
  const outcome = await Promise.race([connected, timedOut]);
  clearTimeout(timer);
  if (outcome !== 'connected') {
    client.destroy();
    const reason = outcome === 'timeout' ? `no connection within ${connectTimeoutMs} ms (${lastError})` : outcome;
    throw new RedisUnavailableError(`connecting to ${redactUrl(options.url)}`, reason instanceof Error ? reason : new Error(String(reason)));
  }
  return client;
}

/** PING that rejects within `timeoutMs` when Redis is down or stalled, rather than waiting for a reconnect. */
export async function pingRedis(client: RedisConnection, timeoutMs = 1_000): Promise<void> {
  if (!client.isReady) throw new RedisUnavailableError('ping', new Error('not connected'));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.ping(), timeout]);
  } catch (error) {
    throw new RedisUnavailableError('ping', error);
  } finally {
    clearTimeout(timer);
  }
}

export async function closeRedis(client: RedisConnection): Promise<void> {
  if (!client.isOpen) return;
  // close() waits for replies that a dead server will never send.
  if (client.isReady) await client.close();
  else client.destroy();
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable url)';
  }
}

/** A Lua script sent by its SHA1, and in full only when the server does not know it yet (after a restart). */
export class RedisScript {
  private readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisConnection, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}
