import { turnData } from '../services.js';
import { flow, markProgress, money, reachPerson, say, sayCollecting, verifiedAccount } from './common.js';

export const PAY_IN_FULL = 'pay-in-full';

/** Paying never happens in chat: a payment link from the payments port, for the balance on record. */
export const payInFullDialog = flow(PAY_IN_FULL, [
  async (step) => {
    const account = verifiedAccount(step.context);
    const { services } = turnData(step.context);
    const amount = (step.options as { amount?: number } | undefined)?.amount ?? account.debt.currentBalance;
    let link: Awaited<ReturnType<typeof services.payments.create>>;
    try {
      link = await services.payments.create({ accountId: account.accountId, amount, currency: account.debt.currency, purpose: 'pay-in-full', at: services.clock() });
    } catch {
      await say(step.context, 'payment.link-unavailable', reachPerson(step.context));
      markProgress(step.context);
      return step.endDialog();
    }
    if (await sayCollecting(step.context, 'payment.link', { amount: money(account, amount), url: link.url })) markProgress(step.context);
    return step.endDialog();
  },
]);
