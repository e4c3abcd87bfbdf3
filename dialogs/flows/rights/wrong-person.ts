import { Dialog } from 'botbuilder-dialogs';
import { flow, markProgress, say } from '../common.js';

export const WRONG_PERSON = 'wrong-person';
const STILL_ASKING = 'wrong-person.still-asking';

/**
 * A wrong person learns nothing (1006.6(d)): the number is marked (by the safety net), and however
 * often they ask afterwards, the answer stays that there is nothing to share.
 */
export const wrongPersonDialog = flow(WRONG_PERSON, [
  async (step) => {
    await say(step.context, 'wrong-person.recorded', {});
    markProgress(step.context);
    return Dialog.EndOfTurn;
  },
  async (step) => step.replaceDialog(STILL_ASKING),
]);

export const wrongPersonStillAskingDialog = flow(STILL_ASKING, [
  async (step) => {
    await say(step.context, 'wrong-person.no-details', {});
    return Dialog.EndOfTurn;
  },
  async (step) => step.replaceDialog(STILL_ASKING),
]);
