import { mediumOf, type Medium } from '../../../guardrails/index.js';
import { turnData } from '../../services.js';
import { flow, markProgress, say } from '../common.js';

export const OPT_OUT = 'channel-opt-out';

/**
 * An opt-out of the medium this conversation is on gets one confirmation that says nothing else
 * (1006.14(h); 47 CFR 64.1200(a)(12)). An opt-out of another medium ("don't email me", said in chat)
 * sends nothing on that medium: it is confirmed here, as any right is.
 */
export const optOutDialog = flow(OPT_OUT, [
  async (step) => {
    const { details, session } = turnData(step.context);
    const detail = (details as { channel_opt_out?: { medium?: string; media?: string[] } }).channel_opt_out;
    const here = mediumOf(session.channel);
    const named = (detail?.media ?? [detail?.medium ?? 'any']).filter((medium): medium is string => typeof medium === 'string');
    if (named.length === 0 || named.includes('any') || named.includes(here)) {
      await say(step.context, 'optout.confirmed', { medium: here });
    } else {
      for (const medium of named) await say(step.context, 'optout.recorded', { medium: medium as Medium });
    }
    markProgress(step.context);
    return step.endDialog();
  },
]);
