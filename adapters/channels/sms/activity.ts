// Twilio's inbound form as a Bot Framework activity.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChannelActivity } from '../types.js';

export const SMS_CHANNEL_ID = 'sms';

/**
 * One conversation per pair of numbers (ours, the consumer's). Hashed so chain ids, state keys and
 * logs do not carry the phone number; the activity's from.id still does, for the bot.
 */
export function smsConversationId(ourNumber: string, consumerNumber: string): string {
  return `sms-${createHash('sha256').update(`${ourNumber}|${consumerNumber}`).digest('hex').slice(0, 32)}`;
}

const phoneOrShortCode = z.string().trim().regex(/^\+?[0-9A-Za-z]{3,20}$/, { error: 'must be an E.164 number or a short code' });

export const inboundSmsSchema = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, { error: 'must be a Twilio message SID (SM or MM and 32 hex digits)' }),
  AccountSid: z.string().optional(),
  From: phoneOrShortCode,
  To: phoneOrShortCode,
  Body: z.string().max(1600, { error: 'is longer than 1,600 characters' }).default(''),
  NumMedia: z.string().optional(),
  NumSegments: z.string().optional(),
  OptOutType: z.string().optional(),
});
export type InboundSms = z.output<typeof inboundSmsSchema>;

export const statusCallbackSchema = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, { error: 'must be a Twilio message SID' }),
  AccountSid: z.string().optional(),
  MessageStatus: z.string().regex(/^[a-z_]{3,30}$/, { error: 'must be a Twilio message status' }),
  ErrorCode: z.string().regex(/^\d{1,6}$/).optional(),
  From: phoneOrShortCode.optional(),
  To: phoneOrShortCode.optional(),
});
export type StatusCallback = z.output<typeof statusCallbackSchema>;

export function toActivity(sms: InboundSms, at: Date, serviceUrl: string): ChannelActivity {
  return {
    type: 'message',
    id: sms.MessageSid,
    channelId: SMS_CHANNEL_ID,
    serviceUrl,
    timestamp: at,
    from: { id: sms.From, name: '', role: 'user' },
    recipient: { id: sms.To, name: '', role: 'bot' },
    conversation: { id: smsConversationId(sms.To, sms.From), name: '', isGroup: false, conversationType: 'personal' },
    text: sms.Body,
    textFormat: 'plain',
    channelData: {
      twilio: {
        messageSid: sms.MessageSid,
        numMedia: Number(sms.NumMedia ?? '0') || 0,
        numSegments: Number(sms.NumSegments ?? '1') || 1,
        // Set when Twilio's Advanced Opt-Out already handled a keyword (STOP, START, HELP).
        ...(sms.OptOutType ? { optOutType: sms.OptOutType } : {}),
      },
    },
  };
}
