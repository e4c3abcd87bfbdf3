// The SMS channel: Twilio's webhooks in, Twilio's REST API out, the bot's turn in between.
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import twilio from 'twilio';
import type { AuditEventInput, AuditTrail } from '../../../dialogs/ports.js';
import { maskForLog } from '../../../guardrails/index.js';
import type { IdempotencyStore } from '../../state/index.js';
import type { ChannelActivity, TurnRunner } from '../types.js';
import { SMS_CHANNEL_ID, inboundSmsSchema, smsConversationId, statusCallbackSchema, toActivity } from './activity.js';
import { splitSms } from './segments.js';
import { createTwilioSender, type TwilioMessageSender } from './twilio-rest.js';

/** The subset of pino the channel uses. */
export interface ChannelLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface SmsChannelOptions {
  runner: TurnRunner;
  twilio: { accountSid: string; authToken: string; fromNumber: string; apiBaseUrl?: string };
  /**
   * The public base URL Twilio is configured with (PARLEY_PUBLIC_URL). Signatures are checked against
   * it plus the request path; without it, against the Host header the request arrived with.
   */
  publicUrl?: string;
  idempotency: IdempotencyStore;
  audit: Pick<AuditTrail, 'append'>;
  logger: ChannelLogger;
  clock?: () => Date;
  /** How long a MessageSid is remembered; Twilio retries within minutes. Default 24 hours. */
  dedupeTtlMs?: number;
  /** Segments one outgoing part may take; see splitSms. Default 1. */
  maxSegmentsPerPart?: number;
  /** Largest webhook body accepted when the router parses it itself. Default 16 KB. */
  bodyLimitBytes?: number;
  /** The audit chain of a conversation; defaults to the pipeline's `conv:sms:<conversation id>`. */
  chainFor?: (conversationId: string) => string;
  /** Told when a reply to an inbound turn could not be delivered (e.g. 21610: record an SMS opt-out). */
  onReplyFailed?: (failure: SmsReplyFailure) => Promise<void> | void;
  /** Replaces the Twilio REST client (tests of failure paths without HTTP). */
  sender?: TwilioMessageSender;
}

export interface SmsSendMeta {
  conversationId?: string;
  accountId?: string;
  /** The opt-out notice the gate appended, kept whole in the final part. */
  optOutNotice?: string;
}

export type SmsSendResult =
  | { status: 'sent'; messageSids: string[]; parts: number }
  /** Twilio 21610: the number replied STOP to this sender; the bot records an SMS opt-out. */
  | { status: 'opted-out'; code: 21610; messageSids: string[]; parts: number }
  | { status: 'failed'; code?: number; httpStatus?: number; reason: string; messageSids: string[]; parts: number };

export interface SmsReplyFailure {
  to: string;
  conversationId: string;
  result: Exclude<SmsSendResult, { status: 'sent' }>;
}

export interface SmsChannel {
  /** POST /api/sms and POST /api/sms/status; mount at the root of the app. */
  router: Router;
  /** Sends a bot-initiated text (already gated and recorded by the caller). */
  sendText(to: string, text: string, meta?: SmsSendMeta): Promise<SmsSendResult>;
  /** Resolves once every turn started by a webhook has run and its replies were sent. */
  idle(): Promise<void>;
  conversationIdFor(consumerNumber: string): string;
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const DAY_MS = 24 * 60 * 60 * 1000;
const UNSUBSCRIBED = 21610;

function formEncoded(req: Request): boolean {
  return req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';
}

function problems(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string[] {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || 'body'} ${issue.message}`);
}

export function createSmsChannel(options: SmsChannelOptions): SmsChannel {
  const { runner, idempotency, audit, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const ourNumber = options.twilio.fromNumber;
  const publicBase = options.publicUrl?.replace(/\/+$/, '');
  const chainFor = options.chainFor ?? ((conversationId: string) => `conv:${SMS_CHANNEL_ID}:${conversationId}`);
  const sender =
    options.sender ??
    createTwilioSender({ accountSid: options.twilio.accountSid, authToken: options.twilio.authToken, apiBaseUrl: options.twilio.apiBaseUrl });
  const statusCallback = publicBase ? `${publicBase}/api/sms/status` : undefined;

  const pending = new Set<Promise<void>>();
  const queues = new Map<string, Promise<void>>();

  /** Turns of one conversation run, and their replies leave, in arrival order on this instance. */
  function enqueue(conversationId: string, work: () => Promise<void>): void {
    const previous = queues.get(conversationId) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => {
      logger.error({ err: error, conversationId }, 'sms turn failed');
    });
    queues.set(conversationId, next);
    pending.add(next);
    void next.finally(() => {
      pending.delete(next);
      if (queues.get(conversationId) === next) queues.delete(conversationId);
    });
  }

  async function appendAudit(event: AuditEventInput): Promise<boolean> {
    try {
      await audit.append(event);
      return true;
    } catch (error) {
      logger.error({ err: error, chainId: event.chainId, kind: event.kind }, 'audit trail unavailable for an SMS event');
      return false;
    }
  }

  async function sendText(to: string, text: string, meta: SmsSendMeta = {}): Promise<SmsSendResult> {
    const conversationId = meta.conversationId ?? smsConversationId(ourNumber, to);
    const parts = splitSms(text, { maxSegmentsPerPart: options.maxSegmentsPerPart, trailer: meta.optOutNotice });
    const messageSids: string[] = [];
    for (const [index, part] of parts.entries()) {
      const outcome = await sender.send({ to, from: ourNumber, body: part.text, ...(statusCallback ? { statusCallback } : {}) });
      if (outcome.ok) {
        messageSids.push(outcome.sid);
        continue;
      }
      // A later part without the earlier ones would read out of context: stop here.
      const result: SmsSendResult =
        outcome.code === UNSUBSCRIBED
          ? { status: 'opted-out', code: UNSUBSCRIBED, messageSids, parts: parts.length }
          : { status: 'failed', code: outcome.code, httpStatus: outcome.httpStatus, reason: outcome.reason, messageSids, parts: parts.length };
      logger.warn(
        { conversationId, to: maskForLog(to), code: outcome.code ?? null, httpStatus: outcome.httpStatus ?? null, reason: maskForLog(outcome.reason), part: index + 1, parts: parts.length },
        result.status === 'opted-out' ? 'sms recipient has unsubscribed (21610)' : 'sms send failed',
      );
      await appendAudit({
        chainId: chainFor(conversationId),
        kind: 'delivery-status',
        conversationId,
        channel: SMS_CHANNEL_ID,
        ...(meta.accountId ? { accountId: meta.accountId } : {}),
        payload: {
          status: result.status === 'opted-out' ? 'refused-unsubscribed' : 'send-failed',
          errorCode: outcome.code ?? null,
          httpStatus: outcome.httpStatus ?? null,
          reason: maskForLog(outcome.reason),
          partsSent: messageSids.length,
          parts: parts.length,
          messageSids,
        },
        at: clock(),
      });
      return result;
    }
    return { status: 'sent', messageSids, parts: parts.length };
  }

  async function runTurnAndReply(activity: ChannelActivity): Promise<void> {
    const to = activity.from?.id ?? '';
    const conversationId = activity.conversation?.id ?? smsConversationId(ourNumber, to);
    const replies = await runner.runTurn(activity, { inboundRecorded: true });
    for (const reply of replies) {
      if (reply.type !== 'message' || !reply.text?.trim()) continue;
      const notice = (reply.channelData as { parleyOptOutNotice?: unknown } | undefined)?.parleyOptOutNotice;
      const result = await sendText(to, reply.text, { conversationId, ...(typeof notice === 'string' ? { optOutNotice: notice } : {}) });
      if (result.status === 'sent') continue;
      try {
        await options.onReplyFailed?.({ to, conversationId, result });
      } catch (error) {
        logger.error({ err: error, conversationId }, 'sms reply-failure handler failed');
      }
      return;
    }
  }

  /** Twilio signs the URL it was configured with; behind a proxy that is the public URL, not ours. */
  function signedUrl(req: Request): string {
    const base = publicBase ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    return `${base}${req.originalUrl}`;
  }

  const verifyTwilio: RequestHandler = (req, res, next) => {
    if (!formEncoded(req)) {
      res.status(400).json({ error: 'Twilio webhooks are form-encoded: expected content-type application/x-www-form-urlencoded' });
      return;
    }
    const body: Record<string, unknown> = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    const signature = req.get('x-twilio-signature');
    const url = signedUrl(req);
    if (!signature) {
      logger.warn({ path: req.path }, 'twilio webhook without a signature refused');
      res.status(403).json({ error: 'missing X-Twilio-Signature: only Twilio may call this webhook' });
      return;
    }
    if (!twilio.validateRequest(options.twilio.authToken, signature, url, body)) {
      logger.warn({ path: req.path, signedUrl: url }, 'twilio webhook with a bad signature refused');
      res.status(403).json({
        error: `X-Twilio-Signature does not match this request for ${url}: the URL configured in Twilio must equal PARLEY_PUBLIC_URL plus the path, and TWILIO_AUTH_TOKEN must be this account's token`,
      });
      return;
    }
    if (typeof body.AccountSid === 'string' && body.AccountSid !== options.twilio.accountSid) {
      res.status(403).json({ error: 'the webhook is for another Twilio account' });
      return;
    }
    next();
  };

  const inbound: RequestHandler = async (req, res) => {
    const parsed = inboundSmsSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'not a Twilio inbound message', problems: problems(parsed.error) });
      return;
    }
    const sms = parsed.data;
    const dedupeKey = `sms:in:${sms.MessageSid}`;
    let claimed = true;
    try {
      claimed = await idempotency.claim(dedupeKey, options.dedupeTtlMs ?? DAY_MS);
    } catch (error) {
      // Losing a consumer's message (a STOP) is worse than answering a retry twice.
      logger.error({ err: error }, 'sms de-duplication unavailable: processing the message anyway');
    }
    if (!claimed) {
      logger.info({ messageSid: sms.MessageSid }, 'replayed sms webhook acknowledged, not processed again');
      res.status(200).type('text/xml').send(EMPTY_TWIML);
      return;
    }
    const activity = toActivity(sms, clock(), publicBase ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`);
    try {
      await runner.recordInbound(activity);
    } catch (error) {
      // Write before acknowledge: an unrecorded message is not acknowledged, and a retry may process it.
      logger.error({ err: error, messageSid: sms.MessageSid }, 'inbound sms could not be recorded: not acknowledged');
      await idempotency.release(dedupeKey).catch(() => undefined);
      res.status(503).json({ error: 'the message could not be recorded; try again later' });
      return;
    }
    res.status(200).type('text/xml').send(EMPTY_TWIML);
    enqueue(activity.conversation?.id ?? sms.MessageSid, () => runTurnAndReply(activity));
  };

  const status: RequestHandler = async (req, res) => {
    const parsed = statusCallbackSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'not a Twilio status callback', problems: problems(parsed.error) });
      return;
    }
    const callback = parsed.data;
    const dedupeKey = `sms:status:${callback.MessageSid}:${callback.MessageStatus}`;
    let claimed = true;
    try {
      claimed = await idempotency.claim(dedupeKey, options.dedupeTtlMs ?? DAY_MS);
    } catch (error) {
      logger.warn({ err: error }, 'sms de-duplication unavailable: recording the status anyway');
    }
    if (!claimed) {
      res.status(204).end();
      return;
    }
    // Outbound: From is our number, To the consumer's.
    const consumer = callback.To ?? '';
    const conversationId = smsConversationId(callback.From ?? ourNumber, consumer);
    const recorded = await appendAudit({
      chainId: chainFor(conversationId),
      kind: 'delivery-status',
      conversationId,
      channel: SMS_CHANNEL_ID,
      payload: { messageSid: callback.MessageSid, status: callback.MessageStatus, errorCode: callback.ErrorCode ? Number(callback.ErrorCode) : null },
      at: clock(),
    });
    if (!recorded) {
      await idempotency.release(dedupeKey).catch(() => undefined);
      res.status(503).json({ error: 'the status could not be recorded; try again later' });
      return;
    }
    res.status(204).end();
  };

  const bodyErrors: ErrorRequestHandler = (error: { type?: string; limit?: number; message?: string }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      res.status(413).json({ error: `body too large: the limit is ${error.limit ?? 'exceeded'} bytes` });
      return;
    }
    if (error.type === 'parameters.too.many') {
      res.status(413).json({ error: 'too many form fields for a Twilio webhook' });
      return;
    }
    if (typeof error.type === 'string' && /parse|encoding|charset/.test(error.type)) {
      res.status(400).json({ error: `malformed form body: ${error.message ?? error.type}` });
      return;
    }
    next(error);
  };

  const router = express.Router();
  const parseForm = express.urlencoded({ extended: false, limit: options.bodyLimitBytes ?? 16 * 1024, parameterLimit: 100 });
  router.post('/api/sms', parseForm, verifyTwilio, inbound);
  router.post('/api/sms/status', parseForm, verifyTwilio, status);
  router.use(bodyErrors);

  return {
    router,
    sendText,
    conversationIdFor: (consumerNumber) => smsConversationId(ourNumber, consumerNumber),
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
