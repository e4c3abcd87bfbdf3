import { randomUUID } from 'node:crypto';
import { Dialog } from 'botbuilder-dialogs';
import { amountAnswer, isYes } from '../answers.js';
import { checkSettlement } from '../offers.js';
import { turnData } from '../services.js';
import { PAY_IN_FULL } from './pay-in-full.js';
import { flow, markProgress, money, say, verifiedAccount } from './common.js';

export const SETTLEMENT = 'settlement';

interface SettlementOptions {
  amount?: number;
}

/**
 * A lump-sum settlement: Parley offers the lowest amount the creditor authorized (never below it),
 * accepts any proposal at or above it, and sends a payment link for the agreed amount.
 */
export const settlementDialog = flow(SETTLEMENT, [
  async (step) => {
    const account = verifiedAccount(step.context);
    const proposed = (step.options as SettlementOptions | undefined)?.amount;
    if (proposed !== undefined) return step.next(proposed);
    await say(step.context, 'settlement.offer', { amount: money(account, account.authority.lowestSettlement), currentBalance: money(account, account.debt.currentBalance) });
    (step.values as { offered?: number }).offered = account.authority.lowestSettlement;
    return Dialog.EndOfTurn;
  },
  async (step) => {
    const account = verifiedAccount(step.context);
    const text = step.context.activity.text ?? '';
    const offered = (step.values as { offered?: number }).offered;
    const amount = typeof step.result === 'number' ? step.result : isYes(text) && offered !== undefined ? offered : amountAnswer(text);
    if (amount === undefined) {
      await say(step.context, 'conversation.anything-else', {});
      return step.endDialog();
    }
    const check = checkSettlement(account, amount);
    if (!check.ok) {
      await say(step.context, 'settlement.counter-out-of-bounds', { lowestSettlement: money(account, check.lowestSettlement) });
      return Dialog.EndOfTurn;
    }
    const { services } = turnData(step.context);
    await services.arrangements.record({
      id: randomUUID(),
      accountId: account.accountId,
      kind: 'settlement',
      amount: check.amount,
      currency: account.debt.currency,
      dates: [],
      conversationId: step.context.activity.conversation.id,
      createdAt: services.clock(),
    });
    await say(step.context, 'settlement.accepted', { amount: money(account, check.amount) });
    markProgress(step.context);
    return step.replaceDialog(PAY_IN_FULL, { amount: check.amount });
  },
  // After a counter-offer below the lowest settlement: read the next proposal the same way.
  async (step) => step.replaceDialog(SETTLEMENT, { amount: amountAnswer(step.context.activity.text ?? '') ?? undefined }),
]);
