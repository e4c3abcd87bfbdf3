import { randomUUID } from 'node:crypto';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { ChannelActivity, RunTurnOptions, TurnRunner } from '../../adapters/index.js';
import type { Logger } from '../logger.js';
import { outageOf } from '../outage.js';
import type { ParleyAdapter } from '../server/adapter.js';
import type { TurnPipeline } from './pipeline.js';

const INTERNAL_SERVICE_URL = 'urn:parley:internal';

export interface TurnRetryPolicy {
  /** How long a recorded, acknowledged message keeps being retried while a store is down. */
  forMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_TURN_RETRY: TurnRetryPolicy = { forMs: 5 * 60_000, firstDelayMs: 200, maxDelayMs: 5_000 };

/**
 * Runs turns for the channels Parley authenticates itself (Direct Line, Twilio). The adapter has Bot
 * Framework authentication off and the activity asks for its replies back (expectReplies), so no
 * connector service is called: the channel delivers the replies.
 *
 * These channels acknowledge a message once it is recorded, before its turn runs; a turn that meets a
 * store outage is therefore tried again until the store is back (or the retry window closes), so an
 * acknowledged message is answered late rather than never.
 */
export function createInternalTurnRunner(options: {
  adapter: ParleyAdapter;
  bot: ActivityHandler;
  pipeline: TurnPipeline;
  clock: () => Date;
  logger: Logger;
  retry?: TurnRetryPolicy;
  /** True once the service is shutting down: retries stop. */
  stopping?: () => boolean;
}): TurnRunner {
  const retry = options.retry ?? DEFAULT_TURN_RETRY;
  const complete = (activity: ChannelActivity): Activity =>
    ({
      id: activity.id ?? randomUUID(),
      timestamp: activity.timestamp ?? options.clock(),
      recipient: activity.recipient ?? { id: 'parley', name: 'Parley' },
      ...activity,
      serviceUrl: INTERNAL_SERVICE_URL,
      deliveryMode: 'expectReplies',
    }) as Activity;

  const runOnce = async (activity: ChannelActivity, runOptions?: RunTurnOptions): Promise<ChannelActivity[]> => {
    const response = await options.adapter.handle('', complete(activity), (context) =>
      options.pipeline.run(context, options.bot, { inboundRecorded: runOptions?.inboundRecorded === true }),
    );
    const body = response?.body as { activities?: Activity[] } | undefined;
    return body?.activities ?? [];
  };

  return {
    async recordInbound(activity) {
      // The id is fixed here so the recorded inbound and the turn that answers it name the same message.
      activity.id ??= randomUUID();
      // What recording adds to the activity (the rights taken in) travels with it to the turn.
      const recorded = complete(activity);
      await options.pipeline.recordInbound(recorded);
      activity.channelData = recorded.channelData;
    },
    async runTurn(activity, runOptions?: RunTurnOptions) {
      const giveUpAt = Date.now() + retry.forMs;
      let delay = retry.firstDelayMs;
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await runOnce(activity, runOptions);
        } catch (error) {
          const store = outageOf(error);
          // Only a recorded message is retried: an unrecorded one was refused to its sender, who retries.
          if (!store || runOptions?.inboundRecorded !== true || Date.now() + delay > giveUpAt || options.stopping?.()) throw error;
          options.logger.warn({ store, attempt, retryInMs: delay, conversationId: activity.conversation?.id }, 'turn met a store outage: retrying');
          await new Promise((resolve) => setTimeout(resolve, delay));
          delay = Math.min(delay * 2, retry.maxDelayMs);
        }
      }
    },
  };
}
