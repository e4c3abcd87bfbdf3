import { flow, markProgress, say } from '../common.js';

export const VALIDATION = 'validation-request';

export const validationDialog = flow(VALIDATION, [
  async (step) => {
    await say(step.context, 'validation.requested', {});
    markProgress(step.context);
    return step.endDialog();
  },
]);
