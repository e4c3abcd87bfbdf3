import { lowestMonthlyInstalment } from '../../offers.js';
import { turnData } from '../../services.js';
import { flow, markProgress, money, say } from '../common.js';

export const HARDSHIP = 'hardship';

/** Empathy first, then options within authority only (lowest instalment, a pause where allowed), and a person. */
export const hardshipDialog = flow(HARDSHIP, [
  async (step) => {
    const { account } = turnData(step.context);
    await say(step.context, 'hardship.acknowledged', {});
    if (account) {
      const { authority } = account;
      await say(step.context, 'hardship.options', {
        minInstalment: money(account, lowestMonthlyInstalment(account)),
        maxMonths: authority.maxPlanMonths,
        ...(authority.allowsHardshipPause && authority.maxPauseMonths > 0 ? { pauseMonths: authority.maxPauseMonths } : {}),
      });
      if (account.consumer.address.country === 'GB') await say(step.context, 'hardship.uk-debt-advice', {});
    }
    markProgress(step.context);
    return step.endDialog();
  },
]);
