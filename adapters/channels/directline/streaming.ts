// WebSocket streaming at a conversation's streamUrl: on connect the backlog after the client's watermark,
// then every new activity, read from the conversation log so a socket never skips or repeats one, whichever
// instance appended it. Empty messages keep idle connections (and the proxies between) alive.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConversationLog } from './conversation-log.js';
import type { DirectLineLogger } from './logger.js';
import type { OriginPolicy } from './origins.js';
import type { TokenSigner } from './tokens.js';
import { parseWatermark, STREAM_PATH } from './paths.js';

export interface StreamHubOptions {
  log: ConversationLog;
  signer: TokenSigner;
  origins: OriginPolicy;
  clock: () => number;
  logger?: DirectLineLogger;
  pageSize: number;
  keepAliveMs: number;
  maxSocketsPerConversation: number;
}

interface Client {
  ws: WebSocket;
  conversationId: string;
  watermark: number;
  pumping: boolean;
  again: boolean;
  alive: boolean;
  unsubscribe: () => void;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };

export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  private readonly byConversation = new Map<string, Client[]>();
  private readonly servers = new Set<Server>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: StreamHubOptions) {
    this.timer = setInterval(() => this.keepAlive(), options.keepAliveMs);
    this.timer.unref();
  }

  attach(server: Server): void {
    if (this.servers.has(server)) return;
    this.servers.add(server);
    server.on('upgrade', this.onUpgrade);
  }

  /** Sockets open for a conversation on this instance (tests and metrics). */
  socketCount(conversationId?: string): number {
    if (conversationId !== undefined) return this.byConversation.get(conversationId)?.length ?? 0;
    let count = 0;
    for (const clients of this.byConversation.values()) count += clients.length;
    return count;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    for (const server of this.servers) server.off('upgrade', this.onUpgrade);
    this.servers.clear();
    for (const clients of this.byConversation.values()) for (const client of [...clients]) client.ws.close(1001, 'server shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    // Other paths belong to whoever else listens for upgrades.
    if (!match) return;
    this.accept(req, socket, head, match[1] ?? '', url).catch((error: unknown) => {
      this.options.logger?.error({ err: error }, 'Direct Line stream: upgrade failed');
      refuse(socket, 503);
    });
  };

  private async accept(req: IncomingMessage, socket: Duplex, head: Buffer, conversationId: string, url: URL): Promise<void> {
    if (this.closed) return refuse(socket, 503);
    if (!this.options.origins.permits(req.headers)) return refuse(socket, 403);
    const token = url.searchParams.get('t');
    if (!token) return refuse(socket, 401);
    const check = this.options.signer.verify(token, 'stream', this.options.clock());
    if (!check.ok) return refuse(socket, check.reason === 'expired' ? 403 : 401);
    if (check.claims.conv !== conversationId) return refuse(socket, 403);
    const watermark = parseWatermark(url.searchParams.get('watermark') ?? undefined);
    if (watermark === undefined) return refuse(socket, 400);
    if (!(await this.options.log.get(conversationId))) return refuse(socket, 404);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, conversationId, watermark));
  }

  private connected(ws: WebSocket, conversationId: string, watermark: number): void {
    const client: Client = { ws, conversationId, watermark, pumping: false, again: false, alive: true, unsubscribe: () => {} };
    client.unsubscribe = this.options.log.subscribe(conversationId, () => this.pump(client));
    const clients = this.byConversation.get(conversationId) ?? [];
    clients.push(client);
    this.byConversation.set(conversationId, clients);
    // A reconnecting client may leave a half-dead socket behind: the oldest one gives way.
    while (clients.length > this.options.maxSocketsPerConversation) {
      const oldest = clients.shift();
      oldest?.unsubscribe();
      oldest?.ws.close(1000, 'replaced by a newer connection');
    }

    ws.on('pong', () => {
      client.alive = true;
    });
    // Clients send empty messages as pings; nothing a client sends on the stream means anything.
    ws.on('message', () => {
      client.alive = true;
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => this.forget(client));
    this.pump(client);
  }

  private forget(client: Client): void {
    client.unsubscribe();
    const clients = this.byConversation.get(client.conversationId);
    if (!clients) return;
    const index = clients.indexOf(client);
    if (index >= 0) clients.splice(index, 1);
    if (clients.length === 0) this.byConversation.delete(client.conversationId);
  }

  /** Sends everything after the client's watermark; calls during a send make it look again afterwards. */
  private pump(client: Client): void {
    if (client.pumping) {
      client.again = true;
      return;
    }
    client.pumping = true;
    void (async () => {
      try {
        do {
          client.again = false;
          for (;;) {
            if (client.ws.readyState !== client.ws.OPEN) return;
            const page = await this.options.log.read(client.conversationId, client.watermark, this.options.pageSize);
            if (!page) {
              client.ws.close(4404, 'conversation ended');
              return;
            }
            if (page.activities.length === 0) break;
            client.watermark = page.watermark;
            client.ws.send(JSON.stringify({ activities: page.activities, watermark: String(page.watermark) }));
            if (page.activities.length < this.options.pageSize) break;
          }
        } while (client.again);
      } catch (error) {
        // The next append or keep-alive tries again from the same watermark.
        this.options.logger?.warn({ err: error, conversationId: client.conversationId }, 'Direct Line stream: could not read the conversation');
      } finally {
        client.pumping = false;
      }
    })();
  }

  private keepAlive(): void {
    for (const clients of this.byConversation.values()) {
      for (const client of clients) {
        if (!client.alive) {
          client.ws.terminate();
          continue;
        }
        client.alive = false;
        client.ws.ping();
        client.ws.send('');
        // Catches up a socket that missed a notification (e.g. while Redis pub/sub reconnected).
        this.pump(client);
      }
    }
  }
}

function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
