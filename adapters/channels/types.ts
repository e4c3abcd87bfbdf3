import type { Activity } from 'botbuilder';

/** The activities a channel hands to the bot and gets back. */
export type ChannelActivity = Partial<Activity>;

export interface RunTurnOptions {
  /** The channel already recorded the inbound message (it had to, before acknowledging it). */
  inboundRecorded?: boolean;
}

/**
 * How a channel Parley authenticates itself (Direct Line for the web widget, Twilio SMS) reaches the
 * bot: the composition root implements it with the turn pipeline, so every channel shares the safety
 * net, dialogs, gate and audit.
 */
export interface TurnRunner {
  /** Records the inbound message in the audit trail; a channel calls it before acknowledging the message. */
  recordInbound(activity: ChannelActivity): Promise<void>;
  /** Runs one turn and resolves to the bot's outgoing activities (already gated and recorded). */
  runTurn(activity: ChannelActivity, options?: RunTurnOptions): Promise<ChannelActivity[]>;
}
