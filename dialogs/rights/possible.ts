import type { TurnContext } from 'botbuilder';
import { maskSensitiveNumbers, type IntentDetails, type IntentId } from '../../guardrails/index.js';
import type { SpeechActId } from '../../knowledge/index.js';
import { isBareNo, isBareYes } from '../answers.js';
import { say } from '../flows/common.js';
import { turnData } from '../services.js';
import { chainOf } from './record-changes.js';

/** The possible rights that are asked about before anything is done, and the question each gets. */
const CONFIRM: ReadonlyMap<IntentId, SpeechActId> = new Map<IntentId, SpeechActId>([
  ['dispute', 'dispute.confirm-question'],
  ['cease_communication', 'cease.confirm-question'],
  ['attorney', 'attorney.confirm-question'],
  ['wrong_person', 'wrong-person.confirm-question'],
  ['deceased', 'deceased.confirm-question'],
]);

export type PossibleRightOutcome =
  /** Nothing was pending or asked: the turn goes on with what was recognized. */
  | { kind: 'none' }
  /** A confirming question went out; the turn ends there. */
  | { kind: 'asked'; intent: IntentId }
  /** The consumer said yes: the right is acted on as if recognized, with the words that carried it. */
  | { kind: 'confirmed'; intent: IntentId; details: IntentDetails; said: string }
  /** The consumer said no: nothing is recorded; they are asked what they need. */
  | { kind: 'declined'; intent: IntentId };

async function audit(context: TurnContext, event: 'possible-right-asked' | 'possible-right-confirmed' | 'possible-right-declined' | 'possible-right-unanswered', intent: IntentId): Promise<void> {
  const { services, session } = turnData(context);
  await services.audit.append({
    chainId: chainOf(context),
    kind: 'system',
    ...(session.accountId ? { accountId: session.accountId } : {}),
    conversationId: context.activity.conversation.id,
    channel: context.activity.channelId,
    payload: { event, intent },
    at: services.clock(),
  });
}

/**
 * Graded rights: a right the safety net found only possible is asked about ("It sounds like you may be
 * disputing this. Is that right?") and the answer decides. A yes acts on it exactly as if it had been
 * recognized; a no records nothing. The question and the answer are both in the audit trail.
 */
export async function resolvePossibleRights(
  context: TurnContext,
  found: { placed: boolean; possible: readonly IntentId[]; details: IntentDetails; text: string },
  /** Says what must come before any reply of the turn (the automated-assistant notice on a first message). */
  beforeReplying: () => Promise<void>,
): Promise<PossibleRightOutcome> {
  const { session } = turnData(context);
  const pending = session.confirming;
  if (pending) {
    session.confirming = undefined;
    const intent = pending.intent as IntentId;
    if (isBareYes(found.text)) {
      await audit(context, 'possible-right-confirmed', intent);
      return { kind: 'confirmed', intent, details: pending.details as IntentDetails, said: pending.said };
    }
    if (isBareNo(found.text)) {
      await audit(context, 'possible-right-declined', intent);
      await beforeReplying();
      await say(context, 'possible-right.declined', {});
      return { kind: 'declined', intent };
    }
    // Answered with something else: that message is taken as it is.
    await audit(context, 'possible-right-unanswered', intent);
  }
  // Asked only about a message the phrase rules could not place: one they routed keeps its route, and a
  // recognized right is acted on while a possible one beside it waits for the consumer to say more.
  if (found.placed) return { kind: 'none' };
  const intent = found.possible.find((candidate) => CONFIRM.has(candidate));
  if (!intent) return { kind: 'none' };
  session.confirming = { intent, details: found.details as Record<string, unknown>, said: maskSensitiveNumbers(found.text) };
  await audit(context, 'possible-right-asked', intent);
  await beforeReplying();
  await say(context, CONFIRM.get(intent)!, {});
  return { kind: 'asked', intent };
}
