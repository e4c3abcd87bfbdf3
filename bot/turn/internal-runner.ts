import { randomUUID } from 'node:crypto';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { ChannelActivity, RunTurnOptions, TurnRunner } from '../../adapters/index.js';
import type { ParleyAdapter } from '../server/adapter.js';
import type { TurnPipeline } from './pipeline.js';

const INTERNAL_SERVICE_URL = 'urn:parley:internal';

/**
 * Runs turns for the channels Parley authenticates itself (Direct Line, Twilio). The adapter has Bot
 * Framework authentication off and the activity asks for its replies back (expectReplies), so no
 * connector service is called: the channel delivers the replies.
 */
export function createInternalTurnRunner(options: {
  adapter: ParleyAdapter;
  bot: ActivityHandler;
  pipeline: TurnPipeline;
  clock: () => Date;
}): TurnRunner {
  const complete = (activity: ChannelActivity): Activity =>
    ({
      id: activity.id ?? randomUUID(),
      timestamp: activity.timestamp ?? options.clock(),
      recipient: activity.recipient ?? { id: 'parley', name: 'Parley' },
      ...activity,
      serviceUrl: INTERNAL_SERVICE_URL,
      deliveryMode: 'expectReplies',
    }) as Activity;

  return {
    async recordInbound(activity) {
      await options.pipeline.recordInbound(complete(activity));
    },
    async runTurn(activity, runOptions?: RunTurnOptions) {
      const full = complete(activity);
      const response = await options.adapter.handle('', full, (context) =>
        options.pipeline.run(context, options.bot, { inboundRecorded: runOptions?.inboundRecorded === true }),
      );
      const body = response?.body as { activities?: Activity[] } | undefined;
      return body?.activities ?? [];
    },
  };
}
