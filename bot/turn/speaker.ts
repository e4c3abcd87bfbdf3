import type { TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { Speaker, SayOutcome, TurnData } from '../../dialogs/index.js';
import { turnData } from '../../dialogs/index.js';
import {
  checkDraft,
  disclosureText,
  evaluate,
  maskSensitiveNumbers,
  mediumOf,
  smsBodyBudget,
  type Account,
  type ConsumerFlags,
  type GateDecision,
  type GateRequest,
  type Verdict,
} from '../../guardrails/index.js';
import { describeSpeechAct, render, type Rendered, type SlotsOf, type SpeechActId } from '../../knowledge/index.js';
import type { Phraser } from '../../adapters/index.js';
import type { Logger } from '../logger.js';

export interface PhrasingRecord {
  model?: string;
  promptVersion?: string;
  used: boolean;
  reason?: string;
  detail?: string;
}

/** What the turn pipeline records with each outbound message (channelData.parleyDecision, stripped before sending). */
export interface DecisionRecord {
  speechAct: SpeechActId;
  accountId?: string;
  decision: GateDecision;
  phrasing?: PhrasingRecord;
}

const VERDICT_RANK: Record<Verdict, number> = { send: 0, defer: 1, block: 2, suppress: 3 };

interface Recipient {
  account: Account;
  flags: ConsumerFlags;
}

/** Who the gate must consider: the verified consumer, or every account the number writing in could be. */
async function recipientsOf(data: TurnData): Promise<Recipient[]> {
  if (data.account && data.flags) return [{ account: data.account, flags: data.flags }];
  const recipients: Recipient[] = [];
  for (const accountId of data.session.candidateAccountIds) {
    const account = await data.services.accounts.get(accountId);
    if (account) recipients.push({ account, flags: await data.services.flags.get(accountId) });
  }
  return recipients;
}

/**
 * With no account in view (a web visitor not yet identified), only the draft checks apply: the
 * words must reveal nothing (1006.6(d)) and carry no threat or sensitive number. SMS still gets
 * its opt-out notice (1006.6(e)).
 */
function decideWithoutAccount(rendered: Rendered, data: TurnData, at: Date): GateDecision {
  const findings = checkDraft(rendered.text, { language: rendered.language, facts: { firstCommunication: true, identityVerified: false, initiatedBy: 'consumer' }, at });
  const violations = findings.map((finding) => ({ ruleId: finding.ruleId, citation: 'see rule pack', reason: finding.reason }));
  const sms = data.session.channel === 'sms';
  const alreadySaysStop = /\bSTOP\b/.test(rendered.text);
  const text = sms && !alreadySaysStop ? `${rendered.text}\n${disclosureText('sms-opt-out', rendered.language)}` : rendered.text;
  return {
    verdict: violations.length > 0 ? 'block' : 'send',
    text: violations.length > 0 ? null : text,
    disclosures: sms && !alreadySaysStop ? ['sms-opt-out'] : [],
    rules: violations.length > 0 ? violations : [{ ruleId: 'third-party', citation: '12 CFR 1006.6(d)', reason: 'no account identified: only words that reveal nothing may be said' }],
    violations,
    packVersion: 'draft-checks-only',
    at,
  };
}

async function markConfirmationSent(data: TurnData, accountIds: readonly string[]): Promise<void> {
  const medium = mediumOf(data.session.channel);
  for (const accountId of accountIds) {
    const flags = await data.services.flags.update(accountId, (current) => ({
      ...current,
      optOuts: current.optOuts.map((optOut) => (optOut.medium === medium && !optOut.confirmationSent ? { ...optOut, confirmationSent: true } : optOut)),
    }));
    if (accountId === data.session.accountId) data.flags = flags;
  }
}

export function createSpeaker(options: { phraser?: Phraser; logger: Logger }): Speaker {
  async function phrase(rendered: Rendered, slots: unknown, data: TurnData): Promise<{ draft: string; record?: PhrasingRecord }> {
    if (!options.phraser) return { draft: rendered.text };
    const result = await options.phraser.phrase({
      speechAct: rendered.speechAct,
      templateText: rendered.text,
      slots: slots as Record<string, unknown>,
      language: rendered.language,
      recentTurns: data.session.recentTurns.map((turn) => ({ role: turn.from === 'consumer' ? 'consumer' : 'assistant', text: turn.text })),
      facts: { amounts: rendered.amounts, dates: rendered.dates },
    });
    if (result.kind === 'rewrite') return { draft: result.text, record: { model: result.model, promptVersion: result.promptVersion, used: true } };
    if (result.reason === 'disabled') return { draft: rendered.text };
    return { draft: rendered.text, record: { model: result.model, promptVersion: result.promptVersion, used: false, reason: result.reason, detail: result.detail } };
  }

  return {
    async say<A extends SpeechActId>(context: TurnContext, act: A, slots: SlotsOf<A>): Promise<SayOutcome> {
      const data = turnData(context);
      const { session, services } = data;
      const at = services.clock();
      const recipients = await recipientsOf(data);
      const first = recipients[0];
      const base = first
        ? {
            account: first.account,
            flags: first.flags,
            language: session.language,
            purpose: describeSpeechAct(act).purpose,
            facts: { firstCommunication: !first.flags.initialDisclosureAt, identityVerified: session.verified, initiatedBy: 'consumer' as const },
            at,
            target: session.address ? { address: session.address } : undefined,
            repliesSinceInbound: data.repliesSent,
          }
        : undefined;
      const fits = base && session.channel === 'sms' ? (text: string) => smsBodyBudget(base, text).remaining >= 0 : undefined;
      const rendered = render(act, slots, session.language, { variant: session.recentTurns.length, country: first?.account.consumer.address.country, fits });

      let decision: GateDecision;
      let phrasing: PhrasingRecord | undefined;
      if (!first || !base) {
        decision = decideWithoutAccount(rendered, data, at);
      } else {
        const phrased = await phrase(rendered, slots, data);
        phrasing = phrased.record;
        const request = (recipient: Recipient): GateRequest => ({
          ...base,
          account: recipient.account,
          flags: recipient.flags,
          facts: { ...base.facts, firstCommunication: !recipient.flags.initialDisclosureAt },
          channel: session.channel,
          draft: phrased.draft,
          draftSource: phrased.record?.used ? 'model' : 'template',
          fallback: rendered.text,
          allowedAmounts: rendered.amounts,
          allowedDates: rendered.dates,
        });
        // Several accounts on one number: the strictest decision among them goes, so none is revealed.
        decision = recipients.map((recipient) => evaluate(request(recipient))).reduce((worst, next) => (VERDICT_RANK[next.verdict] > VERDICT_RANK[worst.verdict] ? next : worst));
        if (phrasing?.used && decision.replacedDraft) phrasing = { ...phrasing, used: false, reason: 'gate-replaced' };
      }

      data.saidActs.push(act);
      const record: DecisionRecord = { speechAct: act, accountId: session.verified ? session.accountId : undefined, decision, ...(phrasing ? { phrasing } : {}) };
      if (decision.verdict !== 'send' || decision.text === null) {
        await services.audit.append({
          chainId: `conv:${context.activity.channelId}:${context.activity.conversation.id}`,
          kind: 'decision',
          accountId: record.accountId,
          conversationId: context.activity.conversation.id,
          channel: context.activity.channelId,
          payload: JSON.parse(JSON.stringify(record)) as Record<string, unknown>,
          at,
        });
        options.logger.info({ speechAct: act, verdict: decision.verdict, rules: decision.violations.map((violation) => violation.ruleId) }, 'draft not sent');
        return { speechAct: act, verdict: decision.verdict, text: null, stoppedBy: decision.violations.map((violation) => violation.ruleId) };
      }

      await context.sendActivity({
        type: ActivityTypes.Message,
        text: decision.text,
        locale: session.language === 'es' ? 'es-US' : 'en-US',
        channelData: { speechAct: act, parleyDecision: record },
      });
      data.repliesSent += 1;
      data.session.recentTurns.push({ from: 'parley', text: maskSensitiveNumbers(decision.text), at: at.toISOString() });
      if (data.session.recentTurns.length > 8) data.session.recentTurns.shift();
      if (session.verified && session.accountId && decision.disclosures.includes('initial-disclosure') && data.flags && !data.flags.initialDisclosureAt) {
        data.flags = await services.flags.update(session.accountId, (flags) => ({ ...flags, initialDisclosureAt: flags.initialDisclosureAt ?? at.toISOString() }));
      }
      // The one confirmation an opt-out allows has gone (1006.14(h)): a second would be suppressed.
      if (describeSpeechAct(act).purpose === 'opt-out-confirmation') await markConfirmationSent(data, recipients.map((recipient) => recipient.account.accountId));
      return { speechAct: act, verdict: 'send', text: decision.text };
    },
  };
}
