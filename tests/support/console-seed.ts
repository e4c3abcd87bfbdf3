// Realistic audit trails for the console's tests: conversations written the way the turn pipeline and
// the speaker write them (docs: /tmp/audit-format.md), with decisions from the real guardrail gate.
import fs from 'node:fs';
import path from 'node:path';
import type { SqlRecordsStore } from '../../adapters/index.js';
import { emptyFlags, evaluate, parseAccount, type Account, type Channel, type ConsumerFlags, type MessagePurpose } from '../../guardrails/index.js';

const portfolio = path.resolve(import.meta.dirname, '../../bot/demo/portfolio.jsonl');

/** The demo portfolio's accounts (fictional people), by id. */
export function demoAccounts(): Map<string, Account> {
  const accounts = new Map<string, Account>();
  for (const line of fs.readFileSync(portfolio, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const parsed = parseAccount(JSON.parse(line) as unknown);
    if (parsed.ok) accounts.set(parsed.value.accountId, parsed.value);
  }
  return accounts;
}

export type SeedTurn =
  | { consumer: string }
  | { reply: string; purpose?: MessagePurpose; speechAct?: string; modelDraft?: string; allowedAmounts?: number[] }
  | { flag: keyof ConsumerFlags; intent: string; summary?: Record<string, unknown> }
  | { handoff: string };

export interface SeededConversation {
  key: string;
  conversationId: string;
  channel: string;
  /** The instant of the last event. */
  end: Date;
}

/**
 * Appends one conversation: consumer messages, Parley's replies decided by the gate (sent ones as
 * 'outbound', stopped ones as 'decision'), flag changes that also change the flags later replies
 * are decided with, and hand-offs. Events are 20 seconds apart from `start`.
 */
export async function seedConversation(
  store: SqlRecordsStore,
  options: { channel: Channel; conversationId: string; account?: Account; start: Date; turns: SeedTurn[]; flags?: ConsumerFlags },
): Promise<SeededConversation> {
  const { channel, conversationId, account } = options;
  const chainId = `conv:${channel}:${conversationId}`;
  let flags: ConsumerFlags = options.flags ?? { ...emptyFlags(), initialDisclosureAt: '2026-01-01T00:00:00.000Z' };
  let at = new Date(options.start.getTime());
  let lastInbound: string | null = null;
  const base = { chainId, conversationId, channel } as const;
  for (const turn of options.turns) {
    if ('consumer' in turn) {
      lastInbound = `act-${at.getTime()}`;
      await store.audit.append({ ...base, kind: 'inbound', payload: { activityId: lastInbound, text: turn.consumer }, at });
    } else if ('reply' in turn) {
      const speechAct = turn.speechAct ?? 'faq.answer';
      if (!account) {
        const decision = { verdict: 'send', text: turn.reply, disclosures: [], rules: [{ ruleId: 'third-party', citation: '12 CFR 1006.6(d)', reason: 'no account identified: only words that reveal nothing may be said' }], violations: [], packVersion: 'draft-checks-only', at: at.toISOString() };
        await store.audit.append({ ...base, kind: 'outbound', payload: { replyTo: lastInbound, text: turn.reply, speechAct, decision }, at });
      } else {
        const decision = evaluate({
          account,
          flags,
          channel,
          language: 'en',
          draft: turn.modelDraft ?? turn.reply,
          draftSource: turn.modelDraft ? 'model' : 'template',
          ...(turn.modelDraft ? { fallback: turn.reply } : {}),
          purpose: turn.purpose ?? 'reply',
          facts: { firstCommunication: false, identityVerified: true, initiatedBy: 'consumer' },
          at,
          ...(turn.allowedAmounts ? { allowedAmounts: turn.allowedAmounts } : {}),
        });
        const record = JSON.parse(JSON.stringify({ speechAct, accountId: account.accountId, decision, ...(turn.modelDraft ? { phrasing: { model: 'test-model', promptVersion: 'p1', used: !decision.replacedDraft, ...(decision.replacedDraft ? { reason: 'gate-replaced' } : {}) } } : {}) })) as Record<string, unknown>;
        if (decision.verdict === 'send' && decision.text !== null) {
          await store.audit.append({ ...base, kind: 'outbound', accountId: account.accountId, payload: { replyTo: lastInbound, text: decision.text, ...record }, at });
        } else {
          await store.audit.append({ ...base, kind: 'decision', accountId: account.accountId, payload: record, at });
        }
      }
    } else if ('flag' in turn) {
      if (!account) throw new Error('a flag change needs an account');
      const stamp = at.toISOString();
      if (turn.flag === 'dispute') flags = { ...flags, dispute: { at: stamp, scope: 'all', withinValidationPeriod: true } };
      if (turn.flag === 'cease') flags = { ...flags, cease: { at: stamp, kind: 'cease' } };
      if (turn.flag === 'crisis') flags = { ...flags, crisis: { at: stamp } };
      if (turn.flag === 'optOuts') flags = { ...flags, optOuts: [...flags.optOuts, { medium: 'sms', at: stamp, confirmationSent: false }] };
      await store.audit.append({
        ...base,
        kind: 'flag-change',
        accountId: account.accountId,
        payload: { accountId: account.accountId, intent: turn.intent, field: turn.flag, summary: turn.summary ?? {}, verified: true },
        at,
      });
    } else {
      await store.audit.append({ ...base, kind: 'handoff', ...(account ? { accountId: account.accountId } : {}), payload: { reason: turn.handoff }, at });
    }
    at = new Date(at.getTime() + 20_000);
  }
  return { key: chainId, conversationId, channel, end: new Date(at.getTime() - 20_000) };
}

/** The conversation the browser test looks for: a verified consumer disputes the debt and Parley confirms it. */
export const DISPUTE_TURNS: SeedTurn[] = [
  { consumer: 'Hi, I got a message about account DEMO-MA-001' },
  { reply: 'Thanks. Before we talk about any account, please tell me your date of birth and the last four digits of your Social Security number.', purpose: 'identity-check', speechAct: 'identity.ask' },
  { consumer: 'Born 1985-04-12, last four 1234. You can call me back on 617-555-0123.' },
  { reply: 'Thank you, Alex. You are verified.', purpose: 'reply', speechAct: 'identity.verified' },
  { consumer: "I don't owe this. This is not my debt and I want it verified." },
  { flag: 'dispute', intent: 'dispute', summary: { scope: 'all', withinValidationPeriod: true } },
  { reply: 'We have recorded your dispute and paused collection on this debt until we send you verification.', purpose: 'rights-confirmation', speechAct: 'rights.dispute-recorded' },
  { reply: 'Pay now or else.', purpose: 'collection', speechAct: 'balance.payment-options' },
];
