import { turnData } from '../../services.js';
import { flow, markProgress, say } from '../common.js';

export const WRONG_PERSON = 'wrong-person';

/**
 * A wrong person learns nothing (1006.6(d)): the number is marked (by the safety net), and from then
 * on whatever they ask is answered with wrong-person.no-details (the router keeps to it).
 */
export const wrongPersonDialog = flow(WRONG_PERSON, [
  async (step) => {
    const { session } = turnData(step.context);
    if (session.wrongPerson) {
      await say(step.context, 'wrong-person.no-details', {});
      return step.endDialog();
    }
    if (!session.verified) session.wrongPerson = true;
    await say(step.context, 'wrong-person.recorded', {});
    markProgress(step.context);
    return step.endDialog();
  },
]);
