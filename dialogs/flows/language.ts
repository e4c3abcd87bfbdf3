import type { Language } from '../../guardrails/index.js';
import { turnData } from '../services.js';
import { flow, markProgress, say } from './common.js';

export const LANGUAGE = 'language';

/** Switches the conversation's language and stays there; the gate adds the disclosures in it too. */
export const languageDialog = flow(LANGUAGE, [
  async (step) => {
    const data = turnData(step.context);
    const to = ((data.details as { language_change?: { to?: Language } }).language_change?.to ?? (data.session.language === 'en' ? 'es' : 'en')) as Language;
    data.session.language = to;
    if (data.session.verified && data.session.accountId) {
      data.flags = await data.services.flags.update(data.session.accountId, (flags) => ({ ...flags, language: to }));
    }
    await say(step.context, 'language.switched', {});
    markProgress(step.context);
    return step.endDialog();
  },
]);
