import { TurnContext } from 'botbuilder';
import type { ContactLedger, ConversationReferenceStore, FlagsRepository, OutboundScheduler, TurnData } from '../../dialogs/index.js';
import { scheduleFollowUp } from '../../dialogs/index.js';
import type { Logger } from '../logger.js';

export interface ContactHooksDeps {
  contacts: ContactLedger;
  flags: FlagsRepository;
  references: ConversationReferenceStore;
  scheduler?: OutboundScheduler;
  clock: () => Date;
  logger: Logger;
}

/**
 * What a turn teaches the outbound path: the consumer wrote in (the ledger's consumer-initiated
 * attempts tell when and where they answer), a Teams or web chat user verified as the account holder
 * (linked, so a later reminder there may say more), and a balance shown without a next step (a
 * follow-up in two days unless they write again first).
 */
export function createContactHooks(deps: ContactHooksDeps) {
  return async function afterTurn(context: TurnContext, data: TurnData): Promise<void> {
    const { session } = data;
    const at = deps.clock();
    const accountIds = session.verified && session.accountId ? [session.accountId] : session.candidateAccountIds;
    try {
      for (const accountId of accountIds) {
        await deps.contacts.record({
          accountId,
          channel: session.channel,
          at: at.toISOString(),
          initiatedBy: 'consumer',
          outcome: 'delivered',
          ...(session.address ? { address: session.address } : {}),
        });
      }
      if (!session.verified || !session.accountId || (session.channel !== 'teams' && session.channel !== 'webchat')) return;
      const accountId = session.accountId;
      const userId = context.activity.from.id;
      const flags = data.flags ?? (await deps.flags.get(accountId));
      // Linking and keeping the reference happen once per channel identity, not on every turn.
      if (!flags.linkedIdentities.some((identity) => identity.channel === session.channel && identity.id === userId)) {
        data.flags = await deps.flags.update(accountId, (current) => ({
          ...current,
          linkedIdentities: [...current.linkedIdentities, { channel: session.channel, id: userId, at: at.toISOString() }],
        }));
        await deps.references.save({
          accountId,
          channel: session.channel,
          userId,
          conversationId: context.activity.conversation.id,
          reference: session.channel === 'teams' ? (JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Record<string, unknown>) : {},
          audience: context.activity.conversation.conversationType && context.activity.conversation.conversationType !== 'personal' ? 'shared' : 'private',
          updatedAt: at,
        });
      }
      if (deps.scheduler && data.saidActs.at(-1) === 'balance.itemization') {
        await scheduleFollowUp(deps.scheduler, { accountId, conversationId: context.activity.conversation.id, askedAt: at });
      }
    } catch (error) {
      // The conversation has been answered; what the outbound path learns from it is best effort.
      deps.logger.warn({ err: error }, 'contact hooks failed after a turn');
    }
  };
}
