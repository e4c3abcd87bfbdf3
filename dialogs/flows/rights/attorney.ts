import { Dialog } from 'botbuilder-dialogs';
import { classifyIntents, type AttorneyDetail } from '../../../guardrails/index.js';
import { turnData } from '../../services.js';
import { flow, markProgress, say, type StepContext } from '../common.js';

export const ATTORNEY = 'attorney';

async function recordContact(step: StepContext, detail: AttorneyDetail): Promise<void> {
  const data = turnData(step.context);
  const contact = Object.fromEntries(Object.entries({ name: detail.name, phone: detail.phone, email: detail.email, firm: detail.firm }).filter(([, value]) => value));
  const at = data.services.clock().toISOString();
  const targets = data.session.verified && data.session.accountId ? [data.session.accountId] : data.session.candidateAccountIds;
  for (const accountId of targets) {
    const flags = await data.services.flags.update(accountId, (current) => ({ ...current, attorney: { ...current.attorney, ...contact, at: current.attorney?.at ?? at } }));
    if (accountId === data.session.accountId) data.flags = flags;
  }
}

/**
 * Representation by an attorney (1006.6(b)(2)): once known, Parley talks to the attorney, not the
 * consumer. It asks once for the attorney's name and contact when they were not given.
 */
export const attorneyDialog = flow(ATTORNEY, [
  async (step) => {
    const detail = (turnData(step.context).details as { attorney?: AttorneyDetail }).attorney;
    if (detail && (detail.name || detail.phone || detail.email)) return step.next(detail);
    await say(step.context, 'attorney.ask-contact', {});
    markProgress(step.context);
    return Dialog.EndOfTurn;
  },
  async (step) => {
    const data = turnData(step.context);
    // Continued by a new message, a waterfall step gets the message text as its result: only an object came from step one.
    const given = typeof step.result === 'object' && step.result !== null ? (step.result as AttorneyDetail) : undefined;
    const detail =
      given ?? classifyIntents(`my attorney is ${step.context.activity.text ?? ''}`, { language: data.session.language }).details.attorney ?? { represented: true };
    await recordContact(step, detail);
    await say(step.context, 'attorney.recorded', detail.name ? { attorneyName: detail.name } : {});
    markProgress(step.context);
    return step.endDialog();
  },
]);
