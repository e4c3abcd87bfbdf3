import { randomUUID } from 'node:crypto';
import { Dialog } from 'botbuilder-dialogs';
import { classifyIntents, type PromiseToPayDetail } from '../../guardrails/index.js';
import { amountAnswer, resolvePaymentDate } from '../answers.js';
import { turnData } from '../services.js';
import { flow, homeZone, markProgress, money, say, sayCollecting, verifiedAccount } from './common.js';

export const PROMISE = 'promise-to-pay';

/** A promise to pay: the amount and the date are recorded (asked for when missing), nothing more is pressed. */
export const promiseDialog = flow(PROMISE, [
  async (step) => {
    const detail = (step.options ?? {}) as PromiseToPayDetail & { asked?: boolean };
    if (detail.amount !== undefined && detail.date) return step.next(detail);
    (step.values as { partial?: PromiseToPayDetail }).partial = detail;
    if (!detail.asked) {
      if (!(await sayCollecting(step.context, 'promise.ask-details', {}))) return step.endDialog();
      markProgress(step.context);
    }
    return Dialog.EndOfTurn;
  },
  async (step) => {
    const account = verifiedAccount(step.context);
    const { services, session } = turnData(step.context);
    const text = step.context.activity.text ?? '';
    const earlier = (step.values as { partial?: PromiseToPayDetail }).partial ?? {};
    // A waterfall continued by a new message gets the message text as its result: only an object came from step one.
    const given = typeof step.result === 'object' && step.result !== null ? (step.result as PromiseToPayDetail) : undefined;
    // An answer to "when and how much?" ("200 on the 15th") is read as the promise it completes.
    const said = given ?? classifyIntents(text, { language: session.language }).details.promise_to_pay ?? classifyIntents(`${session.language === 'es' ? 'voy a pagar' : "I'll pay"} ${text}`, { language: session.language }).details.promise_to_pay ?? {};
    const amount = said.amount ?? earlier.amount ?? (given ? undefined : amountAnswer(text)) ?? account.debt.currentBalance;
    const when = said.date ?? earlier.date;
    const date = when ? resolvePaymentDate(when, services.clock(), homeZone(account)) : undefined;
    if (!date) {
      if (!(await sayCollecting(step.context, 'promise.ask-details', {}))) return step.endDialog();
      return step.replaceDialog(PROMISE, { amount: said.amount ?? earlier.amount ?? (given ? undefined : amountAnswer(text)), asked: true });
    }
    const promised = Math.min(amount, account.debt.currentBalance);
    await services.arrangements.record({
      id: randomUUID(),
      accountId: account.accountId,
      kind: 'promise',
      amount: promised,
      currency: account.debt.currency,
      dates: [date],
      conversationId: step.context.activity.conversation.id,
      createdAt: services.clock(),
    });
    await say(step.context, 'promise.recorded', { amount: money(account, promised), date });
    markProgress(step.context);
    return step.endDialog();
  },
]);
