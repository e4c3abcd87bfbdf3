import type { ContactAttempt } from '../../guardrails/index.js';
import type { OutboundAuditRecord, OutboundMessage, OutboundResolution } from '../ports.js';
import type { OutboundPlan } from './plan.js';

const MAX_REASON = 500;

function clip(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/** The audit record of a plan, in the shapes the console reads ('outbound' for a message sent, 'decision' otherwise). */
export function auditRecordOf(plan: OutboundPlan, message: Pick<OutboundMessage, 'id' | 'accountId' | 'kind' | 'speechAct'>): OutboundAuditRecord {
  const common = {
    accountId: message.accountId,
    scheduledMessageId: message.id,
    kind: message.kind,
    requestedSpeechAct: message.speechAct,
    speechAct: plan.speechAct,
    decision: plan.decision,
    choice: plan.choice,
    ...(plan.pacing ? { pacing: plan.pacing } : {}),
  };
  if (plan.verdict === 'send') {
    return { kind: 'outbound', payload: { ...common, replyTo: null, text: plan.text ?? null, channel: plan.channel ?? null, target: plan.maskedTarget ?? null, verified: plan.verified } };
  }
  const outcome = { defer: 'deferred', suppress: 'suppressed', block: 'blocked', cancel: 'cancelled' }[plan.verdict];
  return {
    kind: 'decision',
    payload: { ...common, outcome, reasonId: plan.reasonId, reason: plan.reason, ...(plan.deferUntil ? { deferUntil: plan.deferUntil.toISOString() } : {}) },
  };
}

/** What a plan does to its scheduled message; for a send, the contact attempt is recorded before the channel call. */
export function resolutionOf(plan: OutboundPlan, message: Pick<OutboundMessage, 'id' | 'accountId' | 'kind' | 'speechAct'>, at: Date): OutboundResolution {
  const audit = auditRecordOf(plan, message);
  switch (plan.verdict) {
    case 'send': {
      if (!plan.channel) throw new Error('a plan to send names no channel');
      const attempt: ContactAttempt = {
        accountId: message.accountId,
        channel: plan.channel,
        at: at.toISOString(),
        initiatedBy: 'parley',
        outcome: 'attempted',
        ...(plan.target?.address ? { address: plan.target.address } : {}),
        ...(plan.target?.type ? { addressType: plan.target.type } : {}),
      };
      return { status: 'sending', channel: plan.channel, ...(plan.maskedTarget ? { target: plan.maskedTarget } : {}), attempt, reason: clip(`sent by ${plan.channel} to ${plan.maskedTarget ?? 'the consumer'}`), audit };
    }
    case 'defer':
      return { status: 'deferred', dueAt: plan.deferUntil ?? new Date(at.getTime() + 60_000), reason: clip(`${plan.reasonId}: ${plan.reason}`), audit };
    case 'suppress':
      return { status: 'suppressed', reason: clip(`${plan.reasonId}: ${plan.reason}`), audit };
    case 'block':
      return { status: 'blocked', reason: clip(`${plan.reasonId}: ${plan.reason}`), audit };
    case 'cancel':
      return { status: 'cancelled', reason: clip(`${plan.reasonId}: ${plan.reason}`), audit };
  }
}
