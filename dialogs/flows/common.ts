import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStep, type WaterfallStepContext } from 'botbuilder-dialogs';
import { postalZones, type Account, type MinorUnits } from '../../guardrails/index.js';
import type { SlotsOf, SpeechActId } from '../../knowledge/index.js';
import type { HandoffRequest } from '../ports.js';
import { reachPersonSlots, turnData, type SayOutcome, type TurnData } from '../services.js';

export type Step = WaterfallStep;
export type StepContext = WaterfallStepContext;

/** A flow: a component dialog holding one waterfall of the given steps. */
class Flow extends ComponentDialog {
  constructor(id: string, steps: Step[]) {
    super(id);
    this.addDialog(new WaterfallDialog(`${id}.steps`, steps));
    this.initialDialogId = `${id}.steps`;
  }
}

export function flow(id: string, steps: Step[]): ComponentDialog {
  return new Flow(id, steps);
}

export function say<A extends SpeechActId>(context: TurnContext, act: A, slots: SlotsOf<A>): Promise<SayOutcome> {
  return turnData(context).services.speaker.say(context, act, slots);
}

/**
 * Says an act that asks for or arranges payment. The gate stops it while collection is paused (a
 * dispute within the validation period, a bankruptcy, a death, a crisis, a legal hold); the consumer
 * asked, so they are told why instead of meeting silence. Returns whether it went out.
 */
export async function sayCollecting<A extends SpeechActId>(context: TurnContext, act: A, slots: SlotsOf<A>): Promise<boolean> {
  const outcome = await say(context, act, slots);
  if (outcome.text !== null) return true;
  if (outcome.verdict !== 'suppress') return false;
  const flags = turnData(context).flags;
  const dispute = flags?.dispute;
  if (dispute?.withinValidationPeriod && !dispute.verificationSentAt) await say(context, 'collection.paused-dispute', reachPerson(context));
  else if (flags?.bankruptcy || flags?.deceased || flags?.crisis || flags?.legalHold) await say(context, 'collection.paused', reachPerson(context));
  return false;
}

export function money(account: Account, amount: MinorUnits): { amount: MinorUnits; currency: Account['debt']['currency'] } {
  return { amount, currency: account.debt.currency };
}

/** The verified account of this turn; flows that reveal the debt are only started once it exists. */
export function verifiedAccount(context: TurnContext): Account {
  const account = turnData(context).account;
  if (!account) throw new Error('a flow that reveals the debt started without a verified account');
  return account;
}

export function markProgress(context: TurnContext): void {
  turnData(context).progressed = true;
}

/** Puts the conversation in a person's queue with the last turns, and tells the consumer how to reach one now. */
export async function handOff(context: TurnContext, reason: HandoffRequest['reason']): Promise<void> {
  const data: TurnData = turnData(context);
  const { session, services } = data;
  await services.handoff.enqueue({
    id: randomUUID(),
    accountId: session.verified ? session.accountId : undefined,
    conversationId: context.activity.conversation.id,
    channel: context.activity.channelId,
    reason,
    context: session.recentTurns.slice(),
    requestedAt: services.clock(),
  });
  await services.audit.append({
    chainId: `conv:${context.activity.channelId}:${context.activity.conversation.id}`,
    kind: 'handoff',
    accountId: session.verified ? session.accountId : undefined,
    conversationId: context.activity.conversation.id,
    channel: context.activity.channelId,
    payload: { reason },
    at: services.clock(),
  });
  markProgress(context);
}

export function reachPerson(context: TurnContext): { contactPhone: string; hours: string } {
  return reachPersonSlots(turnData(context).services.company);
}

export async function endWith(step: StepContext, result?: unknown): Promise<DialogTurnResult> {
  return step.endDialog(result);
}

/** The consumer's home time zone, from the address: used to turn "friday" into a date. */
export function homeZone(account: Account): string {
  return postalZones(account.consumer.address.postalCode, account.consumer.address.country)[0] ?? 'America/New_York';
}
