// The SMS channel (Twilio): webhook router, outbound texts, segmenting.
export {
  createSmsChannel,
  type SmsChannel,
  type SmsChannelOptions,
  type SmsSendMeta,
  type SmsSendResult,
  type SmsReplyFailure,
  type ChannelLogger,
} from './channel.js';
export { smsConversationId, SMS_CHANNEL_ID } from './activity.js';
export { splitSms, segmentCount, encodingOf, smsLength, type SmsPart, type SmsEncoding, type SplitOptions } from './segments.js';
export { createTwilioSender, type TwilioMessageSender, type TwilioSendOutcome, type TwilioRestSettings } from './twilio-rest.js';
