import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import {
  capabilitiesOf,
  can,
  ConsoleUserError,
  CONSOLE_ROLES,
  CursorError,
  dashboard,
  EXPORT_FORMATS,
  filterProblems,
  HandoffStateError,
  LegalHoldError,
  loadConversation,
  maskPayload,
  recordConsoleAccess,
  ReviewError,
  searchConversations,
  searchDecisions,
  searchFiltersSchema,
  tokenUserId,
  transcriptView,
  verifyAuditChains,
  verifyEvidenceExport,
  writeEvidenceExport,
  type ConsoleActor,
  type ConsoleSession,
  type SearchFilters,
} from '../../adapters/index.js';
import { requireAccess, unauthorized, type Access } from './auth.js';
import { clearSessionCookie, cookieName, readCookie, setSessionCookie } from './cookies.js';
import type { ConsoleContext } from './context.js';
import { zipDirectory } from './zip.js';

type Handler = (req: Request, res: Response) => Promise<void> | void;

export interface RouteSpec {
  method: 'get' | 'post' | 'delete';
  path: string;
  access: Access;
  /** An example path with its parameters filled in, for the table-driven access tests. */
  example?: string;
  handler: Handler;
}

/** The console-access record could not be written: nothing is handed over (fail closed). */
class NotRecorded extends Error {}

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function actorOf(session: ConsoleSession): ConsoleActor {
  return { id: session.user.id, name: session.user.name, role: session.user.role };
}

function sessionOf(req: Request): ConsoleSession {
  if (!req.consoleSession) throw new Error('route reached without a session');
  return req.consoleSession;
}

/** The query as single values: a repeated or bracketed parameter would drop a filter silently, so it is refused. */
function query(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (typeof value !== 'string' || /[[\]]/.test(key)) throw new BadRequest(`query parameter "${key.replace(/\[.*$/, '')}" must be given once, as name=value`);
    if (value !== '') out[key] = value;
  }
  return out;
}

const FILTER_KEYS = ['account', 'phone', 'name', 'from', 'to', 'channel', 'jurisdiction', 'rule', 'verdict', 'flag', 'replaced', 'text', 'conversation'] as const;

function parseFilters(input: Record<string, unknown>): SearchFilters {
  const picked: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) if (input[key] !== undefined && input[key] !== '') picked[key] = input[key];
  const parsed = searchFiltersSchema.safeParse(picked);
  if (!parsed.success) throw new BadRequest(`invalid filters: ${filterProblems(parsed.error).join('; ')}`);
  return parsed.data;
}

function filtersForRecord(filters: SearchFilters): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) out[key] = value instanceof Date ? value.toISOString() : value;
  return out;
}

function pageOf(q: Record<string, string>): { limit?: number; cursor?: string } {
  const limit = q.limit === undefined ? undefined : Number(q.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 200)) throw new BadRequest('limit must be an integer from 1 to 200');
  return { ...(limit ? { limit } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) };
}

function body<T extends z.ZodType>(schema: T, req: Request): z.output<T> {
  const parsed = schema.safeParse(req.body ?? {});
  if (!parsed.success) throw new BadRequest(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
  return parsed.data;
}

const EXPORT_LIMIT = 200;
const INTEGRITY_CACHE_MS = 30_000;

const exportSchema = z
  .object({
    conversations: z.array(z.string().min(1).max(300)).max(EXPORT_LIMIT).optional(),
    filters: z.record(z.string(), z.unknown()).optional(),
    formats: z.array(z.enum(EXPORT_FORMATS)).min(1).default(['jsonl', 'csv', 'pdf']),
    unmask: z.boolean().default(false),
  })
  .refine((value) => value.conversations?.length || value.filters, { error: 'name conversations or give filters' });

export function consoleRoutes(ctx: ConsoleContext): RouteSpec[] {
  const { client, audit, clock } = ctx;
  let integrity: { at: number; result: Awaited<ReturnType<typeof verifyAuditChains>>; checkedAt: string } | undefined;

  const record = async (session: ConsoleSession, action: Parameters<typeof recordConsoleAccess>[1]['action'], target: Record<string, unknown>, accountId?: string) => {
    try {
      await recordConsoleAccess(audit, { actor: actorOf(session), action, target, at: clock(), ...(accountId ? { accountId } : {}) });
    } catch (error) {
      ctx.logger.error({ err: error, action }, 'console access not recorded: refused');
      throw new NotRecorded();
    }
  };

  const signIn: Handler = async (req, res) => {
    const token = typeof req.body?.token === 'string' ? (req.body.token as string) : '';
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const limits = ctx.signInLimits;
    const byIp = await ctx.rateLimiter.hit(`console-sign-in:ip:${ip}`, limits.perIp, limits.windowMs);
    const claimed = tokenUserId(token);
    const byUser = claimed && byIp.allowed ? await ctx.rateLimiter.hit(`console-sign-in:user:${claimed}`, limits.perUser, limits.windowMs) : undefined;
    const refused = !byIp.allowed ? byIp : byUser && !byUser.allowed ? byUser : undefined;
    if (refused) {
      res.setHeader('Retry-After', String(Math.ceil(refused.retryAfterMs / 1000)));
      res.status(429).json({ error: 'too many sign-in attempts: wait and try again' });
      return;
    }
    const result = await ctx.users.authenticate(token);
    if (!result.ok) {
      ctx.logger.warn({ reason: result.reason, userId: result.userId }, 'console sign-in refused');
      res.status(401).json({ error: 'that token is not valid: ask an admin for a new one' });
      return;
    }
    const at = clock();
    const session = await ctx.sessions.open(result.user.id, at, ctx.sessionTtlMs);
    await recordConsoleAccess(audit, { actor: { id: result.user.id, name: result.user.name, role: result.user.role }, action: 'sign-in', target: {}, at });
    setSessionCookie(res, ctx.cookies, session.secret, session.expiresAt);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ user: { id: result.user.id, name: result.user.name, role: result.user.role }, capabilities: capabilitiesOf(result.user.role), expiresAt: session.expiresAt });
  };

  const signOut: Handler = async (req, res) => {
    const session = sessionOf(req);
    const secret = readCookie(req, cookieName(ctx.cookies));
    if (secret) await ctx.sessions.end(secret, clock());
    await record(session, 'sign-out', {});
    clearSessionCookie(res, ctx.cookies);
    res.json({ signedOut: true });
  };

  const me: Handler = (req, res) => {
    const session = sessionOf(req);
    res.json({ user: { id: session.user.id, name: session.user.name, role: session.user.role }, capabilities: capabilitiesOf(session.user.role), expiresAt: session.expiresAt });
  };

  const conversations: Handler = async (req, res) => {
    const q = query(req);
    const page = await searchConversations(client, parseFilters(q), pageOf(q), { phoneConversationKeys: ctx.phoneConversationKeys });
    res.json({
      items: page.items.map(({ consumer, ...summary }) => ({ ...summary, ...(consumer ? { consumer: `${consumer.firstName} ${consumer.lastName.slice(0, 1)}.` } : {}) })),
      ...(page.next ? { next: page.next } : {}),
    });
  };

  const decisions: Handler = async (req, res) => {
    const q = query(req);
    const page = await searchDecisions(client, parseFilters(q), pageOf(q));
    res.json({ items: page.items.map((hit) => ({ ...hit, payload: maskPayload(hit.payload) })), ...(page.next ? { next: page.next } : {}) });
  };

  const transcript: Handler = async (req, res) => {
    const session = sessionOf(req);
    const key = String(req.params.key ?? '');
    const unmask = /^(1|true|yes)$/i.test(String(req.query.unmask ?? ''));
    if (unmask && !can(session.user.role, 'unmask')) {
      res.status(403).json({ error: `your role (${session.user.role}) may not unmask personal data` });
      return;
    }
    const records = await loadConversation(client, key);
    if (!records) {
      res.status(404).json({ error: 'no conversation has that key' });
      return;
    }
    const view = transcriptView(records, !unmask);
    const check = await verifyAuditChains(client, { chainId: key, checkpointKey: ctx.checkpointKey });
    // Recorded before the transcript leaves: a read that cannot be recorded does not happen.
    await record(session, unmask ? 'unmask' : 'read-transcript', { conversation: key, events: records.events.length }, records.summary.accountId);
    res.json({ ...view, integrity: check.ok ? { ok: true } : { ok: false, firstBroken: check.firstBroken } });
  };

  const integrityCheck: Handler = async (_req, res) => {
    const now = Date.now();
    if (!integrity || now - integrity.at > INTEGRITY_CACHE_MS) {
      const result = await verifyAuditChains(client, { checkpointKey: ctx.checkpointKey });
      integrity = { at: now, result, checkedAt: clock().toISOString() };
    }
    res.json({ ...integrity.result, checkedAt: integrity.checkedAt });
  };

  const exportEvidence: Handler = async (req, res) => {
    const session = sessionOf(req);
    const request = body(exportSchema, req);
    if (request.unmask && !can(session.user.role, 'unmask')) {
      res.status(403).json({ error: `your role (${session.user.role}) may not export unmasked personal data` });
      return;
    }
    let keys = request.conversations ?? [];
    let filters: SearchFilters | undefined;
    if (!keys.length && request.filters) {
      filters = parseFilters(request.filters);
      const found: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await searchConversations(client, filters, { limit: 200, ...(cursor ? { cursor } : {}) }, { phoneConversationKeys: ctx.phoneConversationKeys });
        found.push(...page.items.map((item) => item.key));
        cursor = page.next;
      } while (cursor && found.length <= EXPORT_LIMIT);
      if (found.length > EXPORT_LIMIT) throw new BadRequest(`more than ${EXPORT_LIMIT} conversations match: narrow the filters, or use parley audit export`, 413);
      keys = found;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-export-'));
    try {
      const at = clock();
      const manifest = await writeEvidenceExport(client, {
        dir,
        keys,
        formats: request.formats,
        masked: !request.unmask,
        actor: actorOf(session),
        at,
        source: ctx.sourceDescription,
        filters: filters ? filtersForRecord(filters) : null,
        checkpointKey: ctx.checkpointKey,
      });
      const check = verifyEvidenceExport(dir);
      if (!check.ok) throw new Error(`the export failed its own check: ${check.file} ${check.reason}`);
      const folder = `parley-evidence-${at.toISOString().replace(/[:.]/g, '-')}`;
      const zip = zipDirectory(dir, folder);
      await record(session, 'export', {
        exportId: manifest.exportId,
        manifestSha256: check.manifestSha256,
        conversations: manifest.conversations.map((conversation) => conversation.key),
        events: manifest.events.length,
        formats: request.formats,
        masked: manifest.masked,
        ...(filters ? { filters: filtersForRecord(filters) } : {}),
      });
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="${folder}.zip"`);
      res.setHeader('X-Parley-Export-Id', manifest.exportId);
      res.setHeader('X-Parley-Manifest-Sha256', check.manifestSha256);
      res.send(zip);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  const dashboardRoute: Handler = async (req, res) => {
    const q = query(req);
    const to = q.to ? new Date(q.to) : clock();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) throw new BadRequest('from and to must be instants with from before to');
    if (to.getTime() - from.getTime() > 400 * 86_400_000) throw new BadRequest('the dashboard shows at most 400 days at a time');
    res.json(await dashboard(client, { from, to }));
  };

  const handoffList: Handler = async (_req, res) => {
    const queue = ctx.handoffs;
    if (!queue) {
      res.json({ items: [], workable: false });
      return;
    }
    const items = 'listOpen' in queue ? await queue.listOpen() : await queue.list();
    res.json({ items, workable: 'claim' in queue });
  };

  const handoffAction =
    (action: 'claim' | 'resolve'): Handler =>
    async (req, res) => {
      const session = sessionOf(req);
      const queue = ctx.handoffs;
      if (!queue || !('claim' in queue)) throw new BadRequest('this hand-off queue is not worked from the console', 409);
      const id = String(req.params.id ?? '');
      const at = clock();
      const resolution = action === 'resolve' ? body(z.object({ resolution: z.string().trim().min(1).max(500) }), req).resolution : '';
      const item = action === 'claim' ? await queue.claim(id, session.user.id, at) : await queue.resolve(id, session.user.id, at, resolution);
      await record(session, action === 'claim' ? 'handoff-claimed' : 'handoff-resolved', { handoff: id, conversation: item.conversationId }, item.accountId);
      res.json(item);
    };

  const reviewList: Handler = async (req, res) => {
    const q = query(req);
    res.json({ items: await ctx.reviews.list({ ...(q.open ? { open: q.open === 'true' } : {}) }) });
  };

  const reviewSample: Handler = async (req, res) => {
    const session = sessionOf(req);
    const input = body(
      z.object({ size: z.number().int().min(1).max(500).default(10), from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional(), seed: z.number().int().optional() }),
      req,
    );
    const at = clock();
    const to = input.to ? new Date(input.to) : at;
    const from = input.from ? new Date(input.from) : new Date(to.getTime() - 30 * 86_400_000);
    const drawn = await ctx.reviews.sample({ size: input.size, from, to, by: session.user.id, at, ...(input.seed === undefined ? {} : { seed: input.seed }) });
    await record(session, 'review-sampled', { seed: drawn.seed, candidates: drawn.candidates, reviews: drawn.reviews.map((review) => review.id), from: from.toISOString(), to: to.toISOString() });
    res.json(drawn);
  };

  const reviewSignOff: Handler = async (req, res) => {
    const session = sessionOf(req);
    const input = body(z.object({ outcome: z.enum(['compliant', 'finding', 'escalated']), notes: z.string().max(2000).optional() }), req);
    const review = await ctx.reviews.signOff(String(req.params.id ?? ''), { by: session.user.id, at: clock(), outcome: input.outcome, ...(input.notes ? { notes: input.notes } : {}) });
    await record(session, 'review-signed', { review: review.id, conversation: review.key, outcome: review.outcome, notes: review.notes ?? null });
    res.json(review);
  };

  const holdList: Handler = async (req, res) => {
    const q = query(req);
    res.json({ items: await ctx.holds.active(q.account) });
  };

  const holdPlace: Handler = async (req, res) => {
    const session = sessionOf(req);
    const input = body(z.object({ accountId: z.string().trim().min(1).max(64), reason: z.string().trim().min(3).max(500) }), req);
    const hold = await ctx.holds.place({ accountId: input.accountId, reason: input.reason, by: session.user.id, at: clock() });
    await record(session, 'legal-hold-placed', { hold: hold.id, reason: hold.reason }, hold.accountId);
    res.status(201).json(hold);
  };

  const holdRelease: Handler = async (req, res) => {
    const session = sessionOf(req);
    const hold = await ctx.holds.release(String(req.params.id ?? ''), session.user.id, clock());
    await record(session, 'legal-hold-released', { hold: hold.id }, hold.accountId);
    res.json(hold);
  };

  const userList: Handler = async (_req, res) => {
    res.json({ items: await ctx.users.list() });
  };

  const userAdd: Handler = async (req, res) => {
    const session = sessionOf(req);
    const input = body(z.object({ name: z.string().trim().min(1).max(80), role: z.enum(CONSOLE_ROLES) }), req);
    const created = await ctx.users.add({ name: input.name, role: input.role, at: clock(), createdBy: session.user.id });
    await record(session, 'user-added', { user: created.user.id, name: created.user.name, role: created.user.role });
    res.status(201).json({ user: created.user, token: created.token, note: 'shown once: hand it to the user over a safe channel' });
  };

  const userToken: Handler = async (req, res) => {
    const session = sessionOf(req);
    const created = await ctx.users.reissueToken(String(req.params.id ?? ''), clock());
    await record(session, 'user-token-reissued', { user: created.user.id });
    res.json({ user: created.user, token: created.token, note: 'shown once: the previous token no longer works' });
  };

  const userDisable: Handler = async (req, res) => {
    const session = sessionOf(req);
    if (req.params.id === session.user.id) throw new BadRequest('you cannot disable yourself', 409);
    const user = await ctx.users.disable(String(req.params.id ?? ''), clock());
    await record(session, 'user-disabled', { user: user.id });
    res.json(user);
  };

  const accessLog: Handler = async (req, res) => {
    const q = query(req);
    const before = q.before ? Number(q.before) : undefined;
    if (before !== undefined && !Number.isInteger(before)) throw new BadRequest('before must be a seq number');
    const rows = await client.query<{ seq: number; at: Date; account_id: string | null; payload: Record<string, unknown> }>(
      `SELECT seq, at, account_id, payload FROM audit_events WHERE chain_id = 'console' ${before ? 'AND seq < $2' : ''} ORDER BY seq DESC LIMIT $1`,
      before ? [100, before] : [100],
    );
    res.json({ items: rows.map((row) => ({ seq: row.seq, at: row.at, accountId: row.account_id, ...row.payload })) });
  };

  const page =
    (name: string): Handler =>
    async (req, res) => {
      const asset = (await ctx.assets).get(name);
      if (!asset) {
        res.status(404).json({ error: 'not found' });
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('ETag', asset.etag);
      res.setHeader('Vary', 'Accept-Encoding');
      if (req.headers['if-none-match'] === asset.etag) {
        res.status(304).end();
        return;
      }
      res.type(asset.type);
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        res.setHeader('Content-Encoding', 'gzip');
        res.send(asset.gzip);
      } else res.send(asset.body);
    };

  const redirectToConsole: Handler = (_req, res) => {
    res.redirect(302, '/console/');
  };

  return [
    { method: 'get', path: '/console/sign-in', access: 'public', handler: page('sign-in.html') },
    { method: 'get', path: '/console/assets/sign-in.js', access: 'public', handler: page('sign-in.js') },
    { method: 'get', path: '/console/assets/console.css', access: 'public', handler: page('console.css') },
    { method: 'post', path: '/api/audit/session', access: 'public', handler: signIn },
    { method: 'get', path: '/console', access: 'session', handler: redirectToConsole },
    { method: 'get', path: '/console/', access: 'session', handler: page('index.html') },
    { method: 'get', path: '/console/assets/app.js', access: 'session', handler: page('app.js') },
    { method: 'get', path: '/api/audit/session', access: 'session', handler: me },
    { method: 'delete', path: '/api/audit/session', access: 'session', handler: signOut },
    { method: 'get', path: '/api/audit/conversations', access: 'read', handler: conversations },
    { method: 'get', path: '/api/audit/conversations/:key', access: 'read', example: '/api/audit/conversations/conv%3Awebchat%3Aexample', handler: transcript },
    { method: 'get', path: '/api/audit/decisions', access: 'read', handler: decisions },
    { method: 'get', path: '/api/audit/integrity', access: 'read', handler: integrityCheck },
    { method: 'get', path: '/api/audit/dashboard', access: 'read', handler: dashboardRoute },
    { method: 'get', path: '/api/audit/access-log', access: 'read', handler: accessLog },
    { method: 'post', path: '/api/audit/exports', access: 'export', handler: exportEvidence },
    { method: 'get', path: '/api/audit/handoffs', access: 'handoff', handler: handoffList },
    { method: 'post', path: '/api/audit/handoffs/:id/claim', access: 'handoff', example: '/api/audit/handoffs/h-1/claim', handler: handoffAction('claim') },
    { method: 'post', path: '/api/audit/handoffs/:id/resolve', access: 'handoff', example: '/api/audit/handoffs/h-1/resolve', handler: handoffAction('resolve') },
    { method: 'get', path: '/api/audit/reviews', access: 'review', handler: reviewList },
    { method: 'post', path: '/api/audit/reviews/sample', access: 'review', handler: reviewSample },
    { method: 'post', path: '/api/audit/reviews/:id/sign-off', access: 'review', example: '/api/audit/reviews/00000000-0000-0000-0000-000000000000/sign-off', handler: reviewSignOff },
    { method: 'get', path: '/api/audit/holds', access: 'hold', handler: holdList },
    { method: 'post', path: '/api/audit/holds', access: 'hold', handler: holdPlace },
    { method: 'post', path: '/api/audit/holds/:id/release', access: 'hold', example: '/api/audit/holds/00000000-0000-0000-0000-000000000000/release', handler: holdRelease },
    { method: 'get', path: '/api/audit/users', access: 'users', handler: userList },
    { method: 'post', path: '/api/audit/users', access: 'users', handler: userAdd },
    { method: 'post', path: '/api/audit/users/:id/token', access: 'users', example: '/api/audit/users/u_0000000000/token', handler: userToken },
    { method: 'post', path: '/api/audit/users/:id/disable', access: 'users', example: '/api/audit/users/u_0000000000/disable', handler: userDisable },
  ];
}

function wrap(handler: Handler): RequestHandler {
  return async (req, res, next) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof NotRecorded) {
        res.status(503).json({ error: 'this access could not be recorded in the audit trail, so nothing is shown: try again later' });
        return;
      }
      if (error instanceof BadRequest) {
        res.status(error.status).json({ error: error.message });
        return;
      }
      if (error instanceof CursorError || error instanceof ConsoleUserError || error instanceof LegalHoldError || error instanceof ReviewError) {
        res.status(400).json({ error: error.message });
        return;
      }
      if (error instanceof HandoffStateError) {
        res.status(409).json({ error: error.message });
        return;
      }
      next(error);
    }
  };
}

/** Registers every route behind its access check, then refuses whatever else under /api/audit and /console. */
export function mountRoutes(router: Router, specs: readonly RouteSpec[]): void {
  for (const spec of specs) router[spec.method](spec.path, requireAccess(spec.access), wrap(spec.handler));
  const fallthrough: RequestHandler = (req, res) => {
    if (!req.consoleSession) {
      unauthorized(req, res);
      return;
    }
    res.status(404).json({ error: 'not found' });
  };
  router.use('/api/audit', fallthrough);
  router.use('/console', fallthrough);
}

