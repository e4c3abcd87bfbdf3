import type { InconvenientPlaceDetail, InconvenientTimeDetail } from '../../../guardrails/index.js';
import { turnData } from '../../services.js';
import { flow, markProgress, say } from '../common.js';

export const INCONVENIENT_TIME = 'inconvenient-time';
export const INCONVENIENT_PLACE = 'inconvenient-place';

/** Consumer-designated times bind from now on (1006.6(b)(1)); the confirmation repeats what was understood. */
export const inconvenientTimeDialog = flow(INCONVENIENT_TIME, [
  async (step) => {
    const detail = (turnData(step.context).details as { inconvenient_time?: InconvenientTimeDetail }).inconvenient_time;
    await say(step.context, 'inconvenient-time.recorded', {
      ...(detail?.notBefore ? { notBefore: detail.notBefore } : {}),
      ...(detail?.notAfter ? { notAfter: detail.notAfter } : {}),
    });
    markProgress(step.context);
    return step.endDialog();
  },
]);

export const inconvenientPlaceDialog = flow(INCONVENIENT_PLACE, [
  async (step) => {
    const detail = (turnData(step.context).details as { inconvenient_place?: InconvenientPlaceDetail }).inconvenient_place;
    await say(step.context, 'inconvenient-place.recorded', { place: detail?.place ?? 'work' });
    markProgress(step.context);
    return step.endDialog();
  },
]);
