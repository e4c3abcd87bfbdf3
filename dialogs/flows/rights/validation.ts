import { BALANCE } from '../balance.js';
import { turnData } from '../../services.js';
import { flow, markProgress, say } from '../common.js';

export const VALIDATION = 'validation-request';

/**
 * A request for validation information is recorded (the notice follows in writing), and since the
 * itemization is that information, a verified consumer sees it at once (1006.34).
 */
export const validationDialog = flow(VALIDATION, [
  async (step) => {
    await say(step.context, 'validation.requested', {});
    markProgress(step.context);
    if (turnData(step.context).account) return step.replaceDialog(BALANCE);
    return step.endDialog();
  },
]);
