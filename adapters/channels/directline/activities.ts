// What a Direct Line client may post, and how the server stamps activities in both directions. The server,
// not the client, decides ids, timestamps, the channel, the conversation and who the sender is.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { maskSensitiveNumbers } from '../../../guardrails/index.js';
import type { ChannelActivity } from '../types.js';

export const MAX_TEXT_LENGTH = 5_000;
const MAX_VALUE_JSON_LENGTH = 5_000;

const inboundSchema = z
  .object({
    type: z.enum(['message', 'event', 'typing'], { error: 'type must be "message", "event" or "typing"' }),
    text: z
      .string({ error: 'text must be a string' })
      .max(MAX_TEXT_LENGTH, { error: `text is longer than ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters` })
      .optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml'], { error: 'textFormat must be "plain", "markdown" or "xml"' }).optional(),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, { error: 'locale must be a language tag such as "en-US"' })
      .optional(),
    name: z.string({ error: 'name must be a string' }).min(1, { error: 'name must not be empty' }).max(100, { error: 'name is longer than 100 characters' }).optional(),
    value: z.unknown().optional(),
    from: z
      .object({
        id: z.string({ error: 'from.id must be a string' }).max(128, { error: 'from.id is longer than 128 characters' }).optional(),
        name: z.string({ error: 'from.name must be a string' }).max(100, { error: 'from.name is longer than 100 characters' }).optional(),
      })
      .optional(),
    channelData: z
      .object({
        clientActivityID: z.string().max(100, { error: 'channelData.clientActivityID is longer than 100 characters' }).optional(),
        clientTimestamp: z.string().max(40).optional(),
      })
      .optional(),
    // No uploads: a photo of a card or an ID must not land in a chat log (DESIGN.md principle 7).
    attachments: z.array(z.unknown()).max(0, { error: 'attachments are not accepted on this channel: send text only' }).optional(),
    localTimestamp: z.string().max(40, { error: 'localTimestamp is longer than 40 characters' }).optional(),
    localTimezone: z.string().max(64, { error: 'localTimezone is longer than 64 characters' }).optional(),
    replyToId: z.string().max(200, { error: 'replyToId is longer than 200 characters' }).optional(),
  })
  .superRefine((activity, context) => {
    if (activity.type === 'message' && !activity.text?.trim() && activity.value === undefined) {
      context.addIssue({ code: 'custom', path: ['text'], message: 'a message needs non-empty text (or a value from a card)' });
    }
    if (activity.type === 'event' && !activity.name) {
      context.addIssue({ code: 'custom', path: ['name'], message: 'an event needs a name' });
    }
    if (activity.value !== undefined && (JSON.stringify(activity.value)?.length ?? 0) > MAX_VALUE_JSON_LENGTH) {
      context.addIssue({ code: 'custom', path: ['value'], message: `value is larger than ${MAX_VALUE_JSON_LENGTH.toLocaleString('en-US')} characters of JSON` });
    }
  });

export type InboundActivity = z.infer<typeof inboundSchema>;

export type ParseResult = { ok: true; activity: InboundActivity } | { ok: false; message: string };

/** Validates a posted activity; the message names the field and what is wrong with it. */
export function parseInbound(body: unknown): ParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'the body must be a JSON object (an activity) sent with Content-Type: application/json' };
  }
  const result = inboundSchema.safeParse(body);
  if (result.success) return { ok: true, activity: result.data };
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  const message = issue?.message ?? 'invalid activity';
  return { ok: false, message: path && !message.startsWith(path) ? `${path}: ${message}` : message };
}

export interface Party {
  id: string;
  name?: string;
}

export interface StampContext {
  conversationId: string;
  user: Party;
  bot: Party;
  serviceUrl: string;
  now: number;
}

export function newActivityId(conversationId: string): string {
  return `${conversationId}|${randomBytes(9).toString('base64url')}`;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/**
 * The inbound activity as the bot gets it (`forBot`, the consumer's own words) and as the conversation log
 * keeps it (`forLog`, card and Social Security numbers masked, since the log is a store and is echoed back).
 */
export function stampInbound(activity: InboundActivity, context: StampContext): { forBot: ChannelActivity; forLog: ChannelActivity } {
  const channelData = activity.channelData ? compact({ clientActivityID: activity.channelData.clientActivityID, clientTimestamp: activity.channelData.clientTimestamp }) : undefined;
  const forBot = compact({
    type: activity.type,
    id: newActivityId(context.conversationId),
    timestamp: new Date(context.now),
    channelId: 'webchat',
    serviceUrl: context.serviceUrl,
    conversation: { id: context.conversationId },
    from: compact({ id: context.user.id, name: activity.from?.name ?? context.user.name, role: 'user' }),
    recipient: { ...context.bot, role: 'bot' },
    text: activity.text,
    textFormat: activity.textFormat,
    locale: activity.locale,
    name: activity.name,
    value: activity.value,
    channelData: channelData && Object.keys(channelData).length > 0 ? channelData : undefined,
    localTimestamp: activity.localTimestamp,
    localTimezone: activity.localTimezone,
    replyToId: activity.replyToId,
  }) as ChannelActivity;
  const forLog = { ...forBot, ...(typeof forBot.text === 'string' ? { text: maskSensitiveNumbers(forBot.text) } : {}) };
  return { forBot, forLog };
}

// Activities a consumer's client has no use for.
const NOT_FOR_CLIENTS = new Set(['trace', 'invokeResponse', 'delay']);

export function isForClient(activity: ChannelActivity): boolean {
  return typeof activity.type === 'string' && !NOT_FOR_CLIENTS.has(activity.type);
}

/** A bot activity (a reply or a bot-initiated message) as clients see it. */
export function stampOutgoing(activity: ChannelActivity, context: StampContext & { replyToId?: string }): ChannelActivity {
  const { deliveryMode: _deliveryMode, callerId: _callerId, relatesTo: _relatesTo, ...rest } = activity;
  return compact({
    ...rest,
    id: newActivityId(context.conversationId),
    timestamp: new Date(context.now),
    channelId: 'webchat',
    serviceUrl: context.serviceUrl,
    conversation: { id: context.conversationId },
    from: { id: context.bot.id, name: activity.from?.name ?? context.bot.name, role: 'bot' },
    recipient: compact({ id: context.user.id, name: context.user.name, role: 'user' }),
    replyToId: activity.replyToId ?? context.replyToId,
  }) as ChannelActivity;
}
