import type { ConversationReference } from 'botbuilder';
import type { DirectLineChannel, SmsChannel, TeamsProactive } from '../../adapters/index.js';
import type { OutboundDeliveryReport, OutboundFlagChange, OutboundPlan } from '../../dialogs/index.js';
import type { ConsumerFlags, Medium } from '../../guardrails/index.js';

/**
 * The channel adapters outbound delivers through. Each is optional: a channel with no sender is never
 * chosen, so no attempt is recorded for a message that could not have been sent.
 */
export interface OutboundSenders {
  sms?: Pick<SmsChannel, 'sendText'>;
  teams?: Pick<TeamsProactive, 'send'>;
  webchat?: Pick<DirectLineChannel, 'deliver'>;
}

export type DeliveryOutcome = Pick<OutboundDeliveryReport, 'outcome' | 'ids' | 'detail'> & { optOut?: Medium };

export function deliverableChannels(senders: OutboundSenders): ('sms' | 'teams' | 'webchat')[] {
  return (['sms', 'teams', 'webchat'] as const).filter((channel) => senders[channel] !== undefined);
}

/** Hands a planned message to its channel and says what became of it. Never throws: a thrown error is a failure. */
export async function deliver(senders: OutboundSenders, plan: OutboundPlan, accountId: string): Promise<DeliveryOutcome> {
  const text = plan.text;
  if (!text) return { outcome: 'failed', detail: { reason: 'the plan has no text to send' } };
  try {
    switch (plan.channel) {
      case 'sms': {
        const to = plan.target?.address;
        if (!senders.sms || !to) return { outcome: 'failed', detail: { reason: 'no SMS sender or number' } };
        const result = await senders.sms.sendText(to, text, { accountId, ...(plan.optOutNotice ? { optOutNotice: plan.optOutNotice } : {}) });
        if (result.status === 'sent') return { outcome: 'delivered', ids: result.messageSids, detail: { parts: result.parts } };
        if (result.status === 'opted-out') return { outcome: 'opted-out', optOut: 'sms', ids: result.messageSids, detail: { errorCode: result.code, parts: result.parts, reason: 'Twilio 21610: the number replied STOP to this sender' } };
        return { outcome: 'failed', ids: result.messageSids, detail: { ...(result.code !== undefined ? { errorCode: result.code } : {}), ...(result.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}), reason: result.reason, parts: result.parts } };
      }
      case 'teams': {
        const reference = plan.target?.reference;
        if (!senders.teams || !reference) return { outcome: 'failed', detail: { reason: 'no Teams sender or conversation' } };
        const result = await senders.teams.send(reference.reference as Partial<ConversationReference>, text);
        if (result.status === 'sent') return { outcome: 'delivered', ids: result.activityIds };
        if (result.status === 'blocked') return { outcome: 'blocked', optOut: 'teams', detail: { httpStatus: result.httpStatus, ...(result.code ? { errorCode: result.code } : {}), reason: result.reason } };
        return { outcome: 'failed', detail: { ...(result.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}), ...(result.code ? { errorCode: result.code } : {}), reason: result.reason } };
      }
      case 'webchat': {
        const reference = plan.target?.reference;
        if (!senders.webchat || !reference) return { outcome: 'failed', detail: { reason: 'no web chat sender or conversation' } };
        const id = await senders.webchat.deliver(reference.conversationId, { type: 'message', text });
        return { outcome: 'delivered', ids: [id] };
      }
      default:
        return { outcome: 'failed', detail: { reason: `no delivery for ${plan.channel ?? 'an unnamed channel'}` } };
    }
  } catch (error) {
    return { outcome: 'failed', detail: { reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } };
  }
}

/**
 * The durable changes a delivery result calls for: a channel that reports the consumer refused it
 * (Twilio 21610, a Teams block) is an opt-out of that medium; the first message that carried the
 * initial disclosure to the verified consumer marks it given (1006.18(e)(1)).
 */
export function flagChangesFor(plan: OutboundPlan, outcome: DeliveryOutcome, at: Date): OutboundFlagChange[] {
  const iso = at.toISOString();
  const changes: OutboundFlagChange[] = [];
  if (outcome.optOut) {
    const medium = outcome.optOut;
    const address = medium === 'sms' ? plan.target?.address : undefined;
    changes.push({
      intent: medium === 'sms' ? 'sms-unsubscribed' : 'teams-blocked',
      field: 'optOuts',
      summary: { medium, source: medium === 'sms' ? 'Twilio 21610 on an outbound message' : 'Teams refused an outbound message: the user blocked the bot or removed the app' },
      // No confirmation can reach a medium that refuses messages: mark it as already given.
      apply: (flags: ConsumerFlags) =>
        flags.optOuts.some((o) => o.medium === medium && (o.address === undefined || o.address === address))
          ? flags
          : { ...flags, optOuts: [...flags.optOuts, { medium, at: iso, ...(address ? { address } : {}), confirmationSent: true }] },
    });
  }
  if (outcome.outcome === 'delivered' && plan.verified && plan.decision?.disclosures.includes('initial-disclosure')) {
    changes.push({
      intent: 'initial-disclosure-delivered',
      field: 'initialDisclosureAt',
      summary: { channel: plan.channel ?? null },
      apply: (flags: ConsumerFlags) => (flags.initialDisclosureAt ? flags : { ...flags, initialDisclosureAt: iso }),
    });
  }
  return changes;
}
