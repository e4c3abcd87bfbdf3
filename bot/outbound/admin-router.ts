import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { OUTBOUND_KINDS, OutboundRequestError, scheduleOutbound, type OutboundKind, type OutboundScheduler } from '../../dialogs/index.js';

export interface OutboundAdminOptions {
  /** PARLEY_ADMIN_TOKEN. Unset: the routes answer 503 and do nothing. */
  token: string | undefined;
  scheduler: OutboundScheduler;
  clock?: () => Date;
}

const PREFIX = '/api/admin/outbound';

const scheduleBody = z.strictObject({
  accountId: z.string().min(1).max(64),
  kind: z.enum(OUTBOUND_KINDS as [OutboundKind, ...OutboundKind[]]).default('manual'),
  speechAct: z.string().min(1).default('reminder.check-in'),
  slots: z.record(z.string(), z.unknown()).default({}),
  channel: z.enum(['auto', 'sms', 'teams', 'webchat']).default('auto'),
  dueAt: z.iso.datetime({ offset: true, error: 'must be an ISO instant such as 2026-06-10T16:00:00Z' }).optional(),
  expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO instant such as 2026-06-10T16:00:00Z' }).optional(),
  dedupeKey: z.string().min(1).max(200).optional(),
});

const cancelBody = z.strictObject({ reason: z.string().min(1).max(500).default('withdrawn through the admin API') });

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Bearer-token check in constant time (hashing first makes the lengths equal). */
function requireToken(token: string | undefined): RequestHandler {
  const expected = token ? digest(token) : undefined;
  return (req, res, next) => {
    if (!expected) {
      res.status(503).json({ error: 'the outbound admin API is off: set PARLEY_ADMIN_TOKEN to turn it on' });
      return;
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      res.set('WWW-Authenticate', 'Bearer realm="parley-admin"').status(401).json({ error: 'a valid bearer token is required' });
      return;
    }
    next();
  };
}

function problems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

/**
 * The outbound admin API (bearer token): schedule a message, list an account's messages, read one,
 * cancel one, count by status. Mount at the root of the app.
 */
export function createOutboundAdminRouter(options: OutboundAdminOptions): Router {
  const router = express.Router();
  const clock = options.clock ?? (() => new Date());
  router.use(PREFIX, requireToken(options.token), express.json({ limit: '16kb' }));

  router.post(`${PREFIX}/messages`, async (req, res) => {
    const parsed = scheduleBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid message', problems: problems(parsed.error) });
      return;
    }
    const body = parsed.data;
    try {
      const result = await scheduleOutbound(options.scheduler, {
        accountId: body.accountId,
        kind: body.kind,
        speechAct: body.speechAct,
        slots: body.slots,
        channel: body.channel,
        dueAt: body.dueAt ? new Date(body.dueAt) : clock(),
        source: 'admin',
        ...(body.expiresAt ? { expiresAt: new Date(body.expiresAt) } : {}),
        ...(body.dedupeKey ? { dedupeKey: body.dedupeKey } : {}),
      });
      res.status(result.created ? 201 : 200).json(result);
    } catch (error) {
      if (error instanceof OutboundRequestError) {
        res.status(400).json({ error: 'invalid message', problems: error.problems });
        return;
      }
      if (error instanceof Error && error.name === 'UnknownAccountError') {
        res.status(404).json({ error: error.message });
        return;
      }
      throw error;
    }
  });

  router.get(`${PREFIX}/accounts/:accountId/messages`, async (req, res) => {
    res.json({ accountId: req.params.accountId, messages: await options.scheduler.listForAccount(req.params.accountId) });
  });

  router.get(`${PREFIX}/messages/:id`, async (req, res) => {
    const message = /^[0-9a-f-]{36}$/i.test(req.params.id) ? await options.scheduler.get(req.params.id) : undefined;
    if (!message) res.status(404).json({ error: `no outbound message ${req.params.id}` });
    else res.json(message);
  });

  router.post(`${PREFIX}/messages/:id/cancel`, async (req, res) => {
    const parsed = cancelBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid request', problems: problems(parsed.error) });
      return;
    }
    if (!/^[0-9a-f-]{36}$/i.test(req.params.id)) {
      res.status(404).json({ error: `no outbound message ${req.params.id}` });
      return;
    }
    const cancelled = await options.scheduler.cancel(req.params.id, parsed.data.reason, clock());
    res.status(cancelled ? 200 : 409).json({ id: req.params.id, cancelled, ...(cancelled ? {} : { error: 'only a pending or deferred message can be cancelled' }) });
  });

  router.get(`${PREFIX}/counts`, async (_req, res) => {
    res.json(await options.scheduler.counts());
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: number; type?: string }).type === 'entity.parse.failed' ? 400 : 500;
    res.status(status).json({ error: status === 400 ? 'the body is not valid JSON' : 'the records could not be read or written' });
  };
  router.use(PREFIX, onError);
  return router;
}
