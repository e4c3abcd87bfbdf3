// A Direct Line 3.0 compatible endpoint served by Parley itself, so the stock Web Chat (and any Direct Line
// client) reaches the bot without Azure: conversations with their own tokens, posting and reading
// activities by watermark, WebSocket streaming, token refresh, CORS for the configured origins.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { MemoryRateLimiter, RedisUnavailableError, type RateLimiter } from '../../state/index.js';
import type { ChannelActivity, TurnRunner } from '../types.js';
import { isForClient, parseInbound, stampInbound, stampOutgoing, type Party, type StampContext } from './activities.js';
import { ConversationFullError, MemoryConversationLog, UnknownConversationError, type ConversationLog, type ConversationMeta } from './conversation-log.js';
import { sendError } from './errors.js';
import type { DirectLineLogger } from './logger.js';
import { OriginPolicy } from './origins.js';
import { CONVERSATION_ID, DIRECT_LINE_BASE, parseWatermark } from './paths.js';
import { StreamHub } from './streaming.js';
import { TokenSigner, type TokenClaims } from './tokens.js';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface DirectLineOptions {
  runner: TurnRunner;
  /** Signs the tokens and opens every conversation to server-side callers; at least 32 characters. Never sent to a browser. */
  secret: string;
  /** Browser origins other than the service's own that may use the endpoint (the sites embedding the widget). */
  allowedOrigins?: readonly string[];
  /** Default: in memory (one instance). RedisConversationLog shares conversations across instances. */
  log?: ConversationLog;
  /** Default: in memory. Pass StateStores.rateLimiter so limits hold across instances. */
  rateLimiter?: RateLimiter;
  logger?: DirectLineLogger;
  /** Epoch milliseconds; tests move it to expire tokens. */
  clock?: () => number;
  /** The URL browsers use to reach this service (behind a proxy or TLS terminator); default: from each request. */
  publicUrl?: string;
  /** The bot as clients see it; default { id: 'parley', name: 'Parley' }. */
  bot?: Party;
  /** Lifetime of a conversation token; default 30 minutes (DirectLineJS refreshes at half of it). */
  tokenTtlMs?: number;
  /** Lifetime of the token inside a streamUrl, i.e. how long a client has to open the WebSocket; default 2 minutes. */
  streamTokenTtlMs?: number;
  /** Most activities in one GET or WebSocket message; default 100. */
  pageSize?: number;
  /** Run a conversationUpdate turn (the user joined) when a conversation starts, so the bot greets; default true. */
  greetOnStart?: boolean;
  /** Public tokens for the page, per client IP; default 20 a minute. */
  tokensPerIp?: RateLimit;
  /** Posted activities per conversation; default 60 a minute. */
  activitiesPerConversation?: RateLimit;
  /** Open WebSockets per conversation on one instance; the oldest gives way; default 4. */
  socketsPerConversation?: number;
  /** Empty keep-alive messages on idle sockets; default every 15 s. */
  keepAliveMs?: number;
}

export interface DirectLineChannel {
  /** Mount at the root of the app: it serves /v3/directline/* and POST /webchat/token. */
  router: Router;
  /** Sends a bot-initiated activity (already gated and recorded) to a conversation; resolves to its id. */
  deliver(conversationId: string, activity: ChannelActivity): Promise<string>;
  /** Serves WebSocket streams on the server the app listens with. */
  attachWebSocket(server: Server): void;
  /** WebSockets open on this instance, for one conversation or all (metrics, tests). */
  socketCount(conversationId?: string): number;
  /** Closes sockets and waits for the turns in flight. The log and rate limiter belong to the caller. */
  close(): Promise<void>;
}

type Auth = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

const DEFAULT_BOT: Party = { id: 'parley', name: 'Parley' };

export function createDirectLineRouter(options: DirectLineOptions): DirectLineChannel {
  const signer = new TokenSigner(options.secret);
  const log = options.log ?? new MemoryConversationLog();
  const rateLimiter = options.rateLimiter ?? new MemoryRateLimiter();
  const clock = options.clock ?? Date.now;
  const bot = options.bot ?? DEFAULT_BOT;
  const tokenTtlMs = options.tokenTtlMs ?? 30 * 60_000;
  const streamTokenTtlMs = options.streamTokenTtlMs ?? 2 * 60_000;
  const pageSize = options.pageSize ?? 100;
  const tokensPerIp = options.tokensPerIp ?? { limit: 20, windowMs: 60_000 };
  const activitiesPerConversation = options.activitiesPerConversation ?? { limit: 60, windowMs: 60_000 };
  const origins = new OriginPolicy(options.allowedOrigins ?? [], options.publicUrl);
  const publicUrl = options.publicUrl ? new URL(options.publicUrl) : undefined;
  const hub = new StreamHub({
    log,
    signer,
    origins,
    clock,
    pageSize,
    keepAliveMs: options.keepAliveMs ?? 15_000,
    maxSocketsPerConversation: options.socketsPerConversation ?? 4,
    ...(options.logger ? { logger: options.logger } : {}),
  });

  // Turns of one conversation run one after another on this instance, so replies keep the order of the
  // messages (the runner's turn lock does the same across instances).
  const queues = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const enqueue = (conversationId: string, task: () => Promise<void>): void => {
    const run = (queues.get(conversationId) ?? Promise.resolve()).then(task).catch((error: unknown) => {
      options.logger?.error({ err: error, conversationId }, 'Direct Line: a turn failed; its replies were not delivered');
    });
    queues.set(conversationId, run);
    inFlight.add(run);
    void run.finally(() => {
      inFlight.delete(run);
      if (queues.get(conversationId) === run) queues.delete(conversationId);
    });
  };

  const origin = (req: Request): string => publicUrl?.origin ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const streamUrl = (req: Request, meta: ConversationMeta, watermark: number): string => {
    const base = new URL(origin(req));
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    const token = signer.sign({ conv: meta.conversationId, user: meta.userId, scope: 'stream' }, clock(), streamTokenTtlMs);
    return `${base.origin}${DIRECT_LINE_BASE}/conversations/${meta.conversationId}/stream?watermark=${watermark}&t=${encodeURIComponent(token)}`;
  };
  const conversationToken = (meta: ConversationMeta) => ({
    conversationId: meta.conversationId,
    token: signer.sign({ conv: meta.conversationId, user: meta.userId, scope: 'conversation' }, clock(), tokenTtlMs),
    expires_in: Math.floor(tokenTtlMs / 1000),
  });
  const context = (req: Request, meta: ConversationMeta): StampContext => ({
    conversationId: meta.conversationId,
    user: { id: meta.userId },
    bot,
    serviceUrl: origin(req),
    now: clock(),
  });

  const newConversation = async (userId?: string): Promise<ConversationMeta> => {
    const meta: ConversationMeta = {
      conversationId: randomBytes(16).toString('base64url'),
      userId: userId ?? `dl_${randomBytes(12).toString('base64url')}`,
      createdAt: clock(),
    };
    await log.create(meta);
    return meta;
  };

  const deliverReplies = async (stamp: StampContext, replies: ChannelActivity[], replyToId?: string): Promise<void> => {
    for (const reply of replies) {
      if (!isForClient(reply)) continue;
      await log.append(stamp.conversationId, stampOutgoing(reply, { ...stamp, now: clock(), ...(replyToId ? { replyToId } : {}) }));
    }
  };

  const greet = (req: Request, meta: ConversationMeta): void => {
    if (options.greetOnStart === false) return;
    const stamp = context(req, meta);
    enqueue(meta.conversationId, async () => {
      if (!(await log.markStarted(meta.conversationId))) return;
      const joined: ChannelActivity = {
        type: 'conversationUpdate',
        id: `${meta.conversationId}|joined`,
        timestamp: new Date(stamp.now),
        channelId: 'webchat',
        serviceUrl: stamp.serviceUrl,
        conversation: { id: meta.conversationId } as ChannelActivity['conversation'],
        from: { id: meta.userId, role: 'user' } as ChannelActivity['from'],
        recipient: { ...bot, role: 'bot' } as ChannelActivity['recipient'],
        membersAdded: [{ id: meta.userId, role: 'user' }] as ChannelActivity['membersAdded'],
      };
      await deliverReplies(stamp, await options.runner.runTurn(joined));
    });
  };

  /** Resolves the bearer value; answers the request itself (and returns undefined) when it is missing or bad. */
  const authenticate = (req: Request, res: Response): Auth | undefined => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      sendError(res, 401, 'MissingToken', 'Send "Authorization: Bearer <token>" with a Direct Line token (or the secret, from a server).');
      return undefined;
    }
    if (TokenSigner.isSecret(match[1], options.secret)) return { kind: 'secret' };
    const check = signer.verify(match[1], 'conversation', clock());
    if (check.ok) return { kind: 'token', claims: check.claims };
    if (check.reason === 'expired') sendError(res, 403, 'TokenExpired', 'The token has expired: get a new one (tokens last 30 minutes unless refreshed).');
    else sendError(res, 401, 'BadToken', 'The token is not valid for this service.');
    return undefined;
  };

  /** The conversation named in the path, if the caller may use it; otherwise the request is answered. */
  const conversationFor = async (req: Request, res: Response): Promise<{ auth: Auth; meta: ConversationMeta } | undefined> => {
    const auth = authenticate(req, res);
    if (!auth) return undefined;
    const id = String(req.params.conversationId ?? '');
    if (auth.kind === 'token' && auth.claims.conv !== id) {
      sendError(res, 403, 'Forbidden', 'This token belongs to another conversation.');
      return undefined;
    }
    const meta = CONVERSATION_ID.test(id) ? await log.get(id) : undefined;
    if (!meta) {
      sendError(res, 404, 'NotFound', 'Unknown or expired conversation: start a new one.');
      return undefined;
    }
    return { auth, meta };
  };

  const router = express.Router();
  router.use([DIRECT_LINE_BASE, '/webchat/token'], origins.middleware(), express.json({ limit: '64kb' }));

  router.post(`${DIRECT_LINE_BASE}/tokens/generate`, async (req, res) => {
    const auth = authenticate(req, res);
    if (!auth) return;
    if (auth.kind !== 'secret') return sendError(res, 403, 'Forbidden', 'Generating a token needs the Direct Line secret; to extend a token use /tokens/refresh.');
    const userId = requestedUserId(req.body);
    if (userId === null) return sendError(res, 400, 'BadArgument', 'user.id must be 1 to 64 letters, digits, "_", "-", "." or ":"');
    const meta = await newConversation(userId);
    res.json({ ...conversationToken(meta), streamUrl: streamUrl(req, meta, 0) });
  });

  router.post(`${DIRECT_LINE_BASE}/tokens/refresh`, async (req, res) => {
    const auth = authenticate(req, res);
    if (!auth) return;
    if (auth.kind !== 'token') return sendError(res, 400, 'BadArgument', 'Refresh a conversation token, not the secret.');
    const meta = await log.get(auth.claims.conv);
    if (!meta) return sendError(res, 404, 'NotFound', 'Unknown or expired conversation: start a new one.');
    res.json(conversationToken(meta));
  });

  router.post(`${DIRECT_LINE_BASE}/conversations`, async (req, res) => {
    const auth = authenticate(req, res);
    if (!auth) return;
    let meta: ConversationMeta | undefined;
    if (auth.kind === 'secret') {
      const userId = requestedUserId(req.body);
      if (userId === null) return sendError(res, 400, 'BadArgument', 'user.id must be 1 to 64 letters, digits, "_", "-", "." or ":"');
      meta = await newConversation(userId);
    } else {
      meta = await log.get(auth.claims.conv);
      if (!meta) return sendError(res, 404, 'NotFound', 'Unknown or expired conversation: start a new one.');
    }
    greet(req, meta);
    res.status(auth.kind === 'secret' ? 201 : 200).json({ ...conversationToken(meta), streamUrl: streamUrl(req, meta, 0) });
  });

  router.get(`${DIRECT_LINE_BASE}/conversations/:conversationId`, async (req, res) => {
    const watermark = parseWatermark(queryString(req.query.watermark));
    if (watermark === undefined) return sendError(res, 400, 'BadArgument', 'watermark must be a number this service returned');
    const found = await conversationFor(req, res);
    if (!found) return;
    res.json({ ...conversationToken(found.meta), streamUrl: streamUrl(req, found.meta, watermark) });
  });

  router.get(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, async (req, res) => {
    const watermark = parseWatermark(queryString(req.query.watermark));
    if (watermark === undefined) return sendError(res, 400, 'BadArgument', 'watermark must be a number this service returned');
    const found = await conversationFor(req, res);
    if (!found) return;
    const page = await log.read(found.meta.conversationId, watermark, pageSize);
    if (!page) return sendError(res, 404, 'NotFound', 'Unknown or expired conversation: start a new one.');
    res.json({ activities: page.activities, watermark: String(page.watermark) });
  });

  router.post(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, async (req, res) => {
    const found = await conversationFor(req, res);
    if (!found) return;
    const parsed = parseInbound(req.body);
    if (!parsed.ok) return sendError(res, 400, 'BadArgument', parsed.message);
    const { meta, auth } = found;
    const limited = await rateLimiter.hit(`dl:activities:${meta.conversationId}`, activitiesPerConversation.limit, activitiesPerConversation.windowMs);
    if (!limited.allowed) {
      res.setHeader('Retry-After', String(Math.ceil(limited.retryAfterMs / 1000)));
      return sendError(res, 429, 'TooManyRequests', 'Too many messages in this conversation; wait a moment and send again.');
    }
    const stamp = context(req, meta);
    // From a server holding the secret, the caller names the user; from a browser, the token does.
    if (auth.kind === 'secret' && parsed.activity.from?.id) stamp.user = { id: parsed.activity.from.id };
    const { forBot, forLog } = stampInbound(parsed.activity, stamp);
    // A typing indicator is not a message: nothing to record, nothing for the bot to answer.
    if (parsed.activity.type === 'typing') return res.json({ id: forBot.id });
    // Write before acknowledging: once the client hears "sent", the message is in the audit trail and the log.
    await options.runner.recordInbound(forBot);
    await log.append(meta.conversationId, forLog);
    res.json({ id: forBot.id });
    enqueue(meta.conversationId, async () => {
      await deliverReplies(stamp, await options.runner.runTurn(forBot, { inboundRecorded: true }), forBot.id);
    });
  });

  router.post(`${DIRECT_LINE_BASE}/conversations/:conversationId/upload`, async (req, res) => {
    const found = await conversationFor(req, res);
    if (!found) return;
    sendError(res, 400, 'BadArgument', 'attachments are not accepted on this channel: send text only');
  });

  // The page's way to a conversation: it must never see the secret, so it gets a token for a new one.
  router.post('/webchat/token', async (req, res) => {
    const limited = await rateLimiter.hit(`dl:token-ip:${req.ip ?? 'unknown'}`, tokensPerIp.limit, tokensPerIp.windowMs);
    if (!limited.allowed) {
      res.setHeader('Retry-After', String(Math.ceil(limited.retryAfterMs / 1000)));
      return sendError(res, 429, 'TooManyRequests', 'Too many new conversations from this address; try again in a minute.');
    }
    const meta = await newConversation();
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ...conversationToken(meta), userId: meta.userId });
  });

  router.all(`${DIRECT_LINE_BASE}/*rest`, (_req, res) => sendError(res, 404, 'NotFound', 'No such Direct Line operation.'));

  const errors: ErrorRequestHandler = (error: { type?: string; status?: number; message?: string }, req, res, _next) => {
    if (error.type === 'entity.parse.failed') return sendError(res, 400, 'BadArgument', 'The body is not valid JSON.');
    if (error.type === 'entity.too.large') return sendError(res, 413, 'BadArgument', 'The body is larger than 64 KB.');
    if (error instanceof UnknownConversationError) return sendError(res, 404, 'NotFound', 'Unknown or expired conversation: start a new one.');
    if (error instanceof ConversationFullError) return sendError(res, 429, 'ConversationFull', error.message);
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) return sendError(res, error.status, 'BadArgument', error.message ?? 'bad request');
    const unavailable = error instanceof RedisUnavailableError || (error as { unavailable?: unknown }).unavailable === true;
    options.logger?.error({ err: error, method: req.method, path: req.path }, 'Direct Line request failed');
    // Not acknowledged, so the client may send again: nothing was promised that is not recorded.
    if (unavailable) return sendError(res, 503, 'ServiceUnavailable', 'The chat service is briefly unavailable; please try again.');
    return sendError(res, 500, 'ServiceError', 'The message could not be accepted; please try again.');
  };
  router.use(errors);

  return {
    router,
    async deliver(conversationId, activity) {
      const meta = CONVERSATION_ID.test(conversationId) ? await log.get(conversationId) : undefined;
      if (!meta) throw new UnknownConversationError(conversationId);
      const stamped = stampOutgoing(activity, {
        conversationId,
        user: { id: meta.userId },
        bot,
        serviceUrl: publicUrl?.origin ?? activity.serviceUrl ?? '',
        now: clock(),
      });
      await log.append(conversationId, stamped);
      return stamped.id ?? '';
    },
    attachWebSocket(server) {
      hub.attach(server);
    },
    socketCount: (conversationId) => hub.socketCount(conversationId),
    async close() {
      await hub.close();
      await Promise.allSettled([...inFlight]);
    },
  };
}

function queryString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The user id a server asks to bind into a new conversation; undefined for none, null for an invalid one. */
function requestedUserId(body: unknown): string | undefined | null {
  if (typeof body !== 'object' || body === null) return undefined;
  const user = (body as { user?: unknown }).user;
  if (user === undefined) return undefined;
  const id = typeof user === 'object' && user !== null ? (user as { id?: unknown }).id : undefined;
  if (id === undefined) return undefined;
  return typeof id === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(id) ? id : null;
}
