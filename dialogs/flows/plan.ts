import { randomUUID } from 'node:crypto';
import { Dialog } from 'botbuilder-dialogs';
import { amountAnswer, isYes } from '../answers.js';
import { checkPlan, lowestInstalment, type Frequency, type PlanTerms } from '../offers.js';
import { turnData } from '../services.js';
import { flow, homeZone, markProgress, money, say, sayCollecting, verifiedAccount, type StepContext } from './common.js';

export const PLAN = 'payment-plan';

interface PlanOptions {
  amount?: number;
  every?: 'week' | 'two-weeks' | 'month';
  /** The question was already put (after a counter-offer out of bounds): just wait for the answer. */
  asked?: boolean;
  /** The lowest instalment offered back after a proposal out of bounds: "yes" takes it. */
  lowest?: number;
}

interface PlanValues {
  every?: PlanOptions['every'];
  lowest?: number;
  terms?: PlanTerms;
}

const FREQUENCY: Record<NonNullable<PlanOptions['every']>, Frequency> = { week: 'weekly', 'two-weeks': 'biweekly', month: 'monthly' };

/** The templates read "{count} payments of {instalment}, then a final payment of {finalInstalment}". */
function regularInstalments(terms: PlanTerms): number {
  return terms.finalInstalment === undefined ? terms.count : terms.count - 1;
}

type Proposal = { kind: 'offered'; terms: PlanTerms } | { kind: 'out-of-bounds'; lowest: number } | { kind: 'stopped' };

async function propose(step: StepContext, amount: number, frequency: Frequency): Promise<Proposal> {
  const account = verifiedAccount(step.context);
  const { services } = turnData(step.context);
  const check = checkPlan(account, amount, frequency, services.clock(), homeZone(account));
  if (!check.ok) {
    // The lowest instalment that really fits both bounds, so taking it is never refused in turn.
    const lowest = lowestInstalment(account, frequency);
    const said = await sayCollecting(step.context, 'plan.counter-out-of-bounds', { minInstalment: money(account, lowest), maxMonths: account.authority.maxPlanMonths });
    return said ? { kind: 'out-of-bounds', lowest } : { kind: 'stopped' };
  }
  const { terms } = check;
  const said = await sayCollecting(step.context, 'plan.offer', {
    instalment: money(account, terms.instalment),
    count: regularInstalments(terms),
    frequency: terms.frequency,
    ...(terms.finalInstalment !== undefined ? { finalInstalment: money(account, terms.finalInstalment) } : {}),
  });
  if (!said) return { kind: 'stopped' };
  markProgress(step.context);
  return { kind: 'offered', terms };
}

/**
 * A payment plan within the creditor's authority: the consumer names an instalment, Parley checks it
 * (minimum instalment, maximum length), offers the schedule, and records the arrangement once agreed.
 */
export const planDialog = flow(PLAN, [
  async (step) => {
    const options = (step.options ?? {}) as PlanOptions;
    const values = step.values as PlanValues;
    values.every = options.every;
    values.lowest = options.lowest;
    if (options.amount !== undefined) return step.next(options.amount);
    if (!options.asked) {
      if (!(await sayCollecting(step.context, 'plan.ask-amount', {}))) return step.endDialog();
      markProgress(step.context);
    }
    return Dialog.EndOfTurn;
  },
  async (step) => {
    const values = step.values as PlanValues;
    const text = step.context.activity.text ?? '';
    const amount = typeof step.result === 'number' ? step.result : (amountAnswer(text) ?? (isYes(text) ? values.lowest : undefined));
    if (amount === undefined) return step.replaceDialog(PLAN, { every: values.every });
    const proposal = await propose(step, amount, FREQUENCY[values.every ?? 'month']);
    if (proposal.kind === 'stopped') return step.endDialog();
    if (proposal.kind === 'out-of-bounds') return step.replaceDialog(PLAN, { every: values.every, asked: true, lowest: proposal.lowest });
    values.terms = proposal.terms;
    return Dialog.EndOfTurn;
  },
  async (step) => {
    const text = step.context.activity.text ?? '';
    const values = step.values as PlanValues;
    const terms = values.terms!;
    const counter = amountAnswer(text);
    // "ok, but could we do $120?" is a counter-offer, not a yes.
    if (counter !== undefined && counter !== terms.instalment) return step.replaceDialog(PLAN, { amount: counter, every: values.every });
    if (!isYes(text)) {
      await say(step.context, 'conversation.anything-else', {});
      return step.endDialog();
    }
    const account = verifiedAccount(step.context);
    const { services } = turnData(step.context);
    await services.arrangements.record({
      id: randomUUID(),
      accountId: account.accountId,
      kind: 'plan',
      amount: terms.instalment,
      currency: account.debt.currency,
      dates: terms.dates,
      frequency: terms.frequency,
      conversationId: step.context.activity.conversation.id,
      createdAt: services.clock(),
    });
    await say(step.context, 'plan.confirmed', {
      instalment: money(account, terms.instalment),
      count: regularInstalments(terms),
      frequency: terms.frequency,
      firstDate: terms.dates[0]!,
      lastDate: terms.dates[terms.dates.length - 1]!,
      ...(terms.finalInstalment !== undefined ? { finalInstalment: money(account, terms.finalInstalment) } : {}),
    });
    markProgress(step.context);
    return step.endDialog();
  },
]);
