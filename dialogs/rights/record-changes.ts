import { CLASSIFIER_VERSION, type ConsumerFlags } from '../../guardrails/index.js';
import type { AuditTrail, FlagsRepository } from '../ports.js';
import type { FlagChange } from './flag-changes.js';
import type { TurnContext } from 'botbuilder';

/** The audit chain of the conversation a turn belongs to. */
export function chainOf(context: TurnContext): string {
  return `conv:${context.activity.channelId}:${context.activity.conversation.id}`;
}

/** Where a flag change was heard: the conversation's audit chain and how far the writer was known. */
export interface ChangeOrigin {
  chainId: string;
  conversationId: string;
  channel: string;
  verified: boolean;
  /** "intake": applied as the message was recorded, before the conversation's turn ran. */
  stage: 'intake' | 'turn';
}

/** Writes the changes to one account's durable flags, then records each in the audit trail. */
export async function recordFlagChanges(
  stores: { flags: FlagsRepository; audit: AuditTrail; clock: () => Date },
  origin: ChangeOrigin,
  accountId: string,
  changes: readonly FlagChange[],
): Promise<ConsumerFlags> {
  const flags = await stores.flags.update(accountId, (current) => changes.reduce((next, change) => change.apply(next), current));
  for (const change of changes) {
    await stores.audit.append({
      chainId: origin.chainId,
      kind: 'flag-change',
      accountId,
      conversationId: origin.conversationId,
      channel: origin.channel,
      payload: { accountId, intent: change.intent, field: change.field, summary: change.summary, verified: origin.verified, stage: origin.stage, classifier: CLASSIFIER_VERSION },
      at: stores.clock(),
    });
  }
  return flags;
}
