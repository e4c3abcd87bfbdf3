import { flow, markProgress, say } from '../common.js';

export const CEASE = 'cease';

/** 1006.6(c): after a request to stop, only the confirmation and the three allowed notices may follow. */
export const ceaseDialog = flow(CEASE, [
  async (step) => {
    await say(step.context, 'cease.confirmed', {});
    markProgress(step.context);
    return step.endDialog();
  },
]);
