import type { Medium } from '../../../guardrails/index.js';
import { turnData } from '../../services.js';
import { flow, markProgress, say } from '../common.js';

export const OPT_OUT = 'channel-opt-out';

/** One confirmation that says nothing else (1006.14(h); 47 CFR 64.1200(a)(12)). */
export const optOutDialog = flow(OPT_OUT, [
  async (step) => {
    const { details, session } = turnData(step.context);
    const named = (details as { channel_opt_out?: { medium?: string } }).channel_opt_out?.medium;
    const medium = (named && named !== 'any' ? named : session.channel) as Medium;
    await say(step.context, 'optout.confirmed', { medium });
    markProgress(step.context);
    return step.endDialog();
  },
]);
