import { randomUUID } from 'node:crypto';
import { Dialog } from 'botbuilder-dialogs';
import { amountAnswer, isYes } from '../answers.js';
import { checkSettlement } from '../offers.js';
import { turnData } from '../services.js';
import { PAY_IN_FULL } from './pay-in-full.js';
import { flow, markProgress, money, say, sayCollecting, verifiedAccount } from './common.js';

export const SETTLEMENT = 'settlement';

interface SettlementOptions {
  amount?: number;
  /** A share of the balance the consumer proposed ("half"). */
  fraction?: number;
}

interface SettlementValues {
  /** The amount Parley last named (its offer, or the lowest after a counter): "yes" takes it. */
  offered?: number;
}

/**
 * A lump-sum settlement: Parley offers the lowest amount the creditor authorized (never below it),
 * accepts any proposal at or above it, and sends a payment link for the agreed amount.
 */
export const settlementDialog = flow(SETTLEMENT, [
  async (step) => {
    const account = verifiedAccount(step.context);
    const options = (step.options ?? {}) as SettlementOptions;
    const proposed = options.amount ?? (options.fraction !== undefined ? Math.round(account.debt.currentBalance * options.fraction) : undefined);
    if (proposed !== undefined) return step.next(proposed);
    const offered = account.authority.lowestSettlement;
    if (!(await sayCollecting(step.context, 'settlement.offer', { amount: money(account, offered), currentBalance: money(account, account.debt.currentBalance) }))) {
      return step.endDialog();
    }
    (step.values as SettlementValues).offered = offered;
    markProgress(step.context);
    return Dialog.EndOfTurn;
  },
  async (step) => {
    const account = verifiedAccount(step.context);
    const values = step.values as SettlementValues;
    const text = step.context.activity.text ?? '';
    const amount = typeof step.result === 'number' ? step.result : (amountAnswer(text) ?? (isYes(text) ? values.offered : undefined));
    if (amount === undefined) {
      await say(step.context, 'conversation.anything-else', {});
      return step.endDialog();
    }
    const check = checkSettlement(account, amount);
    if (!check.ok) {
      if (!(await sayCollecting(step.context, 'settlement.counter-out-of-bounds', { lowestSettlement: money(account, check.lowestSettlement) }))) return step.endDialog();
      values.offered = check.lowestSettlement;
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
  // After a counter-offer below the lowest settlement: the next proposal, or "yes" to the lowest.
  async (step) => {
    const text = step.context.activity.text ?? '';
    const offered = (step.values as SettlementValues).offered;
    const amount = amountAnswer(text) ?? (isYes(text) ? offered : undefined);
    if (amount === undefined) {
      await say(step.context, 'conversation.anything-else', {});
      return step.endDialog();
    }
    return step.replaceDialog(SETTLEMENT, { amount });
  },
]);
