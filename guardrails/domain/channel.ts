import { z } from 'zod';

/** Where a conversation happens. */
export const channelSchema = z.enum(['webchat', 'sms', 'teams', 'email', 'voice']);
export type Channel = z.infer<typeof channelSchema>;

/** A medium of communication as Regulation F uses the word (1006.14(h)): what a consumer can opt out of. */
export const mediumSchema = z.enum(['sms', 'email', 'voice', 'teams', 'webchat']);
export type Medium = z.infer<typeof mediumSchema>;

export const languageSchema = z.enum(['en', 'es']);
export type Language = z.infer<typeof languageSchema>;

/** Each channel is one medium; kept as a function so a future channel (e.g. WhatsApp) maps explicitly. */
export function mediumOf(channel: Channel): Medium {
  return channel;
}

/** Electronic media carry the 1006.6(e) opt-out notice. */
export function isElectronicMedium(medium: Medium): boolean {
  return medium === 'sms' || medium === 'email';
}
