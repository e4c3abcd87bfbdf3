import { flow, markProgress, reachPerson, say } from '../common.js';

// Facts that stop collection at once: the flags are already set by the safety net; these confirm.

export const BANKRUPTCY = 'bankruptcy';
export const DECEASED = 'deceased';
export const MILITARY = 'military';

export const bankruptcyDialog = flow(BANKRUPTCY, [
  async (step) => {
    await say(step.context, 'bankruptcy.recorded', reachPerson(step.context));
    markProgress(step.context);
    return step.endDialog();
  },
]);

export const deceasedDialog = flow(DECEASED, [
  async (step) => {
    await say(step.context, 'deceased.recorded', reachPerson(step.context));
    markProgress(step.context);
    return step.endDialog();
  },
]);

export const militaryDialog = flow(MILITARY, [
  async (step) => {
    await say(step.context, 'military.recorded', {});
    markProgress(step.context);
    return step.endDialog();
  },
]);
