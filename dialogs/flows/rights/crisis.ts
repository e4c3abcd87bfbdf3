import { turnData } from '../../services.js';
import { flow, handOff, say } from '../common.js';

export const CRISIS = 'crisis';

/** Collection stops at once (the flag is set), crisis resources for the consumer's country, and a person. */
export const crisisDialog = flow(CRISIS, [
  async (step) => {
    const { account, session } = turnData(step.context);
    const inUk = account ? account.consumer.address.country === 'GB' : (session.address ?? '').startsWith('+44');
    await say(step.context, inUk ? 'crisis.resources-uk' : 'crisis.resources-us', {});
    await handOff(step.context, 'crisis');
    return step.endDialog();
  },
]);
