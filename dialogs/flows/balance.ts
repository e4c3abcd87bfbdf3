import { foldAccents, validationPeriod } from '../../guardrails/index.js';
import { turnData } from '../services.js';
import { flow, markProgress, money, say, verifiedAccount } from './common.js';

export const BALANCE = 'balance';

/** Balance and validation information (1006.34): the itemization, the creditors, and how to dispute until when. */
export const balanceDialog = flow(BALANCE, [
  async (step) => {
    const account = verifiedAccount(step.context);
    const { debt } = account;
    const period = validationPeriod(account, turnData(step.context).services.clock());
    await say(step.context, 'balance.itemization', {
      itemizationDate: debt.itemizationDate,
      amountAtItemization: money(account, debt.amountAtItemization),
      interest: money(account, debt.interestSinceItemization),
      fees: money(account, debt.feesSinceItemization),
      payments: money(account, debt.paymentsSinceItemization),
      credits: money(account, debt.creditsSinceItemization),
      currentBalance: money(account, debt.currentBalance),
      currentCreditor: account.currentCreditor,
      originalCreditor: account.originalCreditor,
      ...(period?.running ? { validationEndDate: period.endsOn } : {}),
    });
    markProgress(step.context);
    return step.endDialog();
  },
]);

export const WHY_CONTACTING = 'why-contacting';

export const whyContactingDialog = flow(WHY_CONTACTING, [
  async (step) => {
    const account = verifiedAccount(step.context);
    await say(step.context, 'why-contacting', {
      collectorName: turnData(step.context).services.company.collectorName,
      currentCreditor: account.currentCreditor,
      ...(account.originalCreditor !== account.currentCreditor ? { originalCreditor: account.originalCreditor } : {}),
    });
    markProgress(step.context);
    return step.endDialog();
  },
]);

/** "Why are you contacting me?", "why do you keep texting me", "¿por qué me escriben?" */
export function asksWhyContacting(text: string): boolean {
  const plain = foldAccents(text).toLowerCase().replace(/[’‘]/g, "'");
  return /\b(why|por que|porque)\b.{0,30}\b(contact\w*|text\w*|call\w*|messag\w*|writ\w*|reach\w*|contactan|escriben|llaman|mandan|buscan)\b|\bwhat(?:'s| is) (?:this|it|that) (?:about|regarding)\b|\bde que se trata\b/.test(plain);
}
