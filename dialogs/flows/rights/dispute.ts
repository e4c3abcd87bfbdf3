import { turnData } from '../../services.js';
import { flow, markProgress, reachPerson, say } from '../common.js';

export const DISPUTE = 'dispute';

/**
 * The safety net has already recorded the dispute (and, within the validation period, paused
 * collection of the disputed part: every gate honours the flag). This confirms what was recorded and
 * what happens next, in words that neither discourage nor overshadow it (1006.38).
 */
export const disputeDialog = flow(DISPUTE, [
  async (step) => {
    const { flags } = turnData(step.context);
    const scope = flags?.dispute?.scope ?? 'all';
    if (flags?.dispute?.withinValidationPeriod === false) {
      await say(step.context, 'dispute.recorded-after-period', { scope, ...reachPerson(step.context) });
    } else {
      await say(step.context, 'dispute.recorded', { scope });
    }
    markProgress(step.context);
    return step.endDialog();
  },
]);
