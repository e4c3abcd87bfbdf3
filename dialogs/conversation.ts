import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import {
  classifyIntents,
  isRightsBearing,
  maskSensitiveNumbers,
  type Channel,
  type IntentDetails,
  type IntentId,
} from '../guardrails/index.js';
import { isBareNo, isBareYes, isGoodbye, isThanks, isYes } from './answers.js';
import {
  answerableBeforeVerification,
  allFlows,
  asksForTranscript,
  asksWhyContacting,
  ATTORNEY,
  FAQ,
  HUMAN,
  IDENTITY,
  PLAN,
  ROUTE_BY_INTENT,
  ROUTES,
  TRANSCRIPT,
  WHY_CONTACTING,
} from './flows/index.js';
import { markProgress, reachPerson, say } from './flows/common.js';
import { applyRights, applySmsKeyword } from './rights/apply.js';
import { intakeOf } from './rights/intake.js';
import { resolvePossibleRights } from './rights/possible.js';
import { newSession, rememberTurn, type ConversationSession } from './session.js';
import { setTurnData, turnData, type DialogServices, type TurnData } from './services.js';
import { smsKeywordOf } from './sms-keywords.js';

const CHANNELS: readonly Channel[] = ['webchat', 'sms', 'teams', 'email', 'voice'];

function channelOf(context: TurnContext): Channel {
  const id = context.activity.channelId;
  if (id === 'msteams') return 'teams';
  if (id === 'directline' || id === 'test' || id === 'emulator') return 'webchat';
  return (CHANNELS as readonly string[]).includes(id) ? (id as Channel) : 'webchat';
}

function optionsFor(intent: IntentId, details: IntentDetails): Record<string, unknown> | undefined {
  switch (intent) {
    case 'payment_plan':
      return { ...details.payment_plan };
    case 'settlement':
      return { ...details.settlement };
    case 'promise_to_pay':
      return { ...details.promise_to_pay };
    default:
      return undefined;
  }
}

/** Intents that end whatever flow is waiting for an answer: the consumer changed the subject. */
const SWITCHES: ReadonlySet<IntentId> = new Set(['balance', 'pay_in_full', 'settlement', 'payment_plan', 'faq', 'language_change', 'promise_to_pay']);
const DOOM_TURNS = 3;
const DOOM_REPEATS = 2;
/** Replies that mean the consumer's question went unanswered (a failure even the first time). */
const NOT_ANSWERED: ReadonlySet<string> = new Set(['faq.not-found', 'fallback.not-understood']);
/** Replies that end by asking whether the consumer would like a person. */
const OFFERS_A_PERSON: ReadonlySet<string> = new Set(['doom-loop.offer-person', 'faq.not-found']);

/**
 * One conversation turn: the SMS keywords first, then the deterministic safety net (whose rights
 * change the durable flags at once), then the dialogs, with identity before anything that reveals a
 * debt and a person offered whenever the conversation goes in circles.
 */
export class ParleyConversation {
  private readonly dialogs: DialogSet;
  private readonly sessions: StatePropertyAccessor<ConversationSession>;

  constructor(
    private readonly services: DialogServices,
    conversationState: ConversationState,
  ) {
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    for (const dialog of allFlows) this.dialogs.add(dialog);
    this.sessions = conversationState.createProperty<ConversationSession>('session');
  }

  private async begin(context: TurnContext): Promise<TurnData> {
    const channel = channelOf(context);
    const session = await this.sessions.get(context, newSession(channel, /^es\b/i.test(context.activity.locale ?? '') ? 'es' : 'en'));
    const data: TurnData = { session, services: this.services, intents: [], details: {}, progressed: false, repliesSent: 0, saidActs: [] };
    setTurnData(context, data);
    if (!session.address && channel === 'sms') {
      session.address = context.activity.from.id;
      session.candidateAccountIds = (await this.services.accounts.findByPhone(session.address)).map((account) => account.accountId);
      const first = session.candidateAccountIds[0] ? await this.services.accounts.get(session.candidateAccountIds[0]) : undefined;
      if (first) session.language = first.consumer.preferredLanguage;
    }
    if (session.verified && session.accountId) {
      data.account = await this.services.accounts.get(session.accountId);
      data.flags = await this.services.flags.get(session.accountId);
    }
    return data;
  }

  /** Welcome on install or join (Teams, web chat): the automated-assistant notice, once. */
  async onMembersAdded(context: TurnContext): Promise<void> {
    const data = await this.begin(context);
    if (data.session.greeted) return;
    await say(context, 'greeting.automated-assistant', { collectorName: this.services.company.collectorName });
    data.session.greeted = true;
  }

  async onMessage(context: TurnContext): Promise<void> {
    // Without the account's flags nothing may be said: a failure here ends the turn, and the pipeline
    // answers it (a store outage: not acknowledged; anything else: the recorded safe message).
    const data = await this.begin(context);
    const { session } = data;
    const said = context.activity.text ?? '';
    const at = this.services.clock();
    // Card and Social Security numbers never go further than this line (DESIGN.md principle 7): the
    // dialogs, the model and the session see the masked text, and the consumer is told not to.
    const text = maskSensitiveNumbers(said);
    const typedSensitiveNumber = text !== said;
    if (typedSensitiveNumber) context.activity.text = text;
    rememberTurn(session, 'consumer', text, at);

    if (session.channel === 'sms') {
      const keyword = smsKeywordOf(text, data.account?.jurisdictions ?? ['US'], at);
      // YES opts back in only a number that opted out; otherwise it answers the question just asked.
      if (keyword && (keyword !== 'opt-in' || !isYes(text) || (await this.smsOptedOut(data)))) {
        await applySmsKeyword(context, keyword);
        // STOP ends whatever was under way: after START the conversation begins afresh.
        if (keyword === 'opt-out') await (await this.dialogs.createContext(context)).cancelAllDialogs();
        return;
      }
    }

    // A text-medium opt-out the intake recorded from this very message still gets its one confirmation.
    const intake = intakeOf(context.activity.channelData);
    const optedOutOfSms = session.channel === 'sms' && (intake ? intake.smsOptedOutBefore : await this.smsOptedOut(data));
    const classification = classifyIntents(text, {
      language: session.language,
      channel: session.channel,
      consumerNames: data.account ? [data.account.consumer.firstName, data.account.consumer.lastName] : [],
    });
    let intents = classification.intents.filter((intent) => intent !== 'other');
    let details: IntentDetails = classification.details;
    const understood = this.services.understand ? await this.services.understand(text, session, classification).catch(() => undefined) : undefined;
    if (understood) {
      // The model may add intents and fill details, never remove what the rules found.
      intents = [...new Set([...intents, ...understood.intents.filter((intent) => intent !== 'other')])];
      details = { ...(understood.details as IntentDetails), ...details };
    }
    // A possible crisis gets the crisis resources, gently, whatever else happens.
    if (classification.possible.includes('crisis') && !intents.includes('crisis')) intents = ['crisis', ...intents];
    let saidRight = text;
    const placed = intents.some((intent) => intent !== 'greeting');
    const possibleRight = await resolvePossibleRights(context, { placed, possible: classification.possible, details, text }, async () => {
      if (!session.greeted) {
        await say(context, 'greeting.automated-assistant', { collectorName: this.services.company.collectorName });
        session.greeted = true;
      }
    });
    if (possibleRight.kind === 'asked' || possibleRight.kind === 'declined') return;
    if (possibleRight.kind === 'confirmed') {
      intents = [possibleRight.intent as (typeof intents)[number]];
      details = { ...possibleRight.details };
      saidRight = possibleRight.said;
    }
    data.intents = intents;
    data.details = details as Record<string, unknown>;

    await applyRights(context, { intents, details }, saidRight);
    // After STOP nothing but the keywords gets a text back until START (CTIA; 47 CFR 64.1200(a)(10)),
    // except crisis resources: a reply the consumer asked for by writing in, and one that may save a life.
    if (optedOutOfSms && !intents.includes('crisis')) return;

    const dc = await this.dialogs.createContext(context);
    if (!session.greeted) {
      await say(context, 'greeting.automated-assistant', { collectorName: this.services.company.collectorName });
      session.greeted = true;
    }
    if (typedSensitiveNumber) await say(context, 'payment.no-card-in-chat', {});
    if (!typedSensitiveNumber || intents.length > 0) await this.route(dc, data, intents, details, text);
    await this.guardAgainstDoomLoop(context, data);
  }

  private async smsOptedOut(data: TurnData): Promise<boolean> {
    const accountIds = data.session.verified && data.session.accountId ? [data.session.accountId] : data.session.candidateAccountIds;
    for (const accountId of accountIds) {
      const flags = data.flags && accountId === data.session.accountId ? data.flags : await this.services.flags.get(accountId);
      if (flags.optOuts.some((optOut) => optOut.medium === 'sms')) return true;
    }
    return false;
  }

  private async route(dc: DialogContext, data: TurnData, intents: IntentId[], details: IntentDetails, text: string): Promise<void> {
    const { session } = data;
    // "Not at work" names a place, not a time: without a time in it, only the place is confirmed.
    const timeDetail = details.inconvenient_time;
    const placeOnly = intents.includes('inconvenient_place') && !(timeDetail?.notBefore || timeDetail?.notAfter || timeDetail?.blocked?.length || timeDetail?.onlyDays?.length || timeDetail?.notDays?.length);
    const found = ROUTES.filter(([intent]) => intents.includes(intent) && isRightsBearing(intent) && !(placeOnly && intent === 'inconvenient_time'));
    // The attorney's contact is asked for last: its question waits for an answer, the other rights are confirmed first.
    const rights = [...found.filter(([, route]) => route.flow !== ATTORNEY), ...found.filter(([, route]) => route.flow === ATTORNEY)];
    if (session.wrongPerson && !session.verified && !rights.some(([intent]) => intent !== 'wrong_person')) {
      // Whoever said this is not the consumer learns nothing more, however they ask (1006.6(d)).
      await dc.cancelAllDialogs();
      await say(dc.context, 'wrong-person.no-details', {});
      return;
    }
    if (rights.length > 0) {
      await dc.cancelAllDialogs();
      for (const [intent, route] of rights) {
        const canConfirm = route.needsVerification ? session.verified : !route.needsAccount || session.verified || session.candidateAccountIds.length > 0;
        if (!canConfirm) {
          this.remember(session, intent, details, text);
          await this.finish(dc, await dc.beginDialog(IDENTITY));
          return;
        }
        const result = await dc.beginDialog(route.flow);
        if (result.status === DialogTurnStatus.waiting) return;
        // A crisis or a wrong person ends the conversation's business: nothing else is pursued now.
        if (intent === 'crisis' || intent === 'wrong_person') return;
      }
      if (asksForTranscript(text)) await dc.beginDialog(TRANSCRIPT);
      return;
    }

    // "Would you like to talk to a person?" answered: yes goes to one in this step, never round again.
    if (session.personOffered && intents.length === 0 && (isBareYes(text) || isBareNo(text))) {
      await dc.cancelAllDialogs();
      if (isBareYes(text)) await dc.beginDialog(HUMAN);
      else await say(dc.context, 'conversation.anything-else', {});
      return;
    }

    const active = dc.activeDialog?.id;
    // "Could we do $150 instead?" while a plan is being agreed is a counter-offer to it, not a settlement.
    const counterToPlan = active === PLAN && !/\b(settle\w*|less than|lump|lowest|discount)\b/i.test(text);
    const switching = intents.find((intent) => SWITCHES.has(intent) && !(counterToPlan && intent === 'settlement'));
    if (active === IDENTITY && !session.verified) {
      // Asked in the middle of the identity check ("what do I owe?"): answered as soon as it succeeds.
      const asked = intents.find((candidate) => ROUTE_BY_INTENT.get(candidate)?.needsVerification);
      if (asksWhyContacting(text)) this.remember(session, 'faq', details, text);
      else if (asked) this.remember(session, asked, details, text);
    }
    if (active && !(switching && active !== ROUTE_BY_INTENT.get(switching)?.flow && active !== IDENTITY)) {
      await this.finish(dc, await dc.continueDialog());
      return;
    }
    if (active) await dc.cancelAllDialogs();

    if (asksForTranscript(text)) {
      await this.finish(dc, await dc.beginDialog(TRANSCRIPT));
      return;
    }
    const intent = intents.find((candidate) => ROUTE_BY_INTENT.has(candidate));
    const route = intent ? ROUTE_BY_INTENT.get(intent) : undefined;
    // "Why are you contacting me?" is answered plainly once the consumer is known; before that, the identity check is the answer.
    if (asksWhyContacting(text) && (!intent || intent === 'faq' || intent === 'balance')) {
      if (session.verified) {
        await dc.beginDialog(WHY_CONTACTING);
        return;
      }
      this.remember(session, 'faq', details, text);
      await this.finish(dc, await dc.beginDialog(IDENTITY));
      return;
    }
    // The privacy article reveals nothing: anyone may have it, recognized as a question or not.
    if ((!intent || intent === 'faq') && answerableBeforeVerification(text, session.language)) {
      await dc.beginDialog(FAQ, { question: text });
      return;
    }
    if (intent && route) {
      if (route.needsVerification && !session.verified) {
        this.remember(session, intent, details, text);
        await this.finish(dc, await dc.beginDialog(IDENTITY));
        return;
      }
      await this.finish(dc, await dc.beginDialog(route.flow, intent === 'faq' ? { question: text } : optionsFor(intent, details)));
      return;
    }
    if (!session.verified) {
      await this.finish(dc, await dc.beginDialog(IDENTITY));
      return;
    }
    if (intents.includes('greeting')) {
      await say(dc.context, 'menu', {});
      return;
    }
    if (isThanks(text)) {
      await say(dc.context, 'conversation.anything-else', {});
      return;
    }
    if (isGoodbye(text)) {
      await say(dc.context, 'goodbye', {});
      markProgress(dc.context);
      return;
    }
    if (isBareYes(text) || isBareNo(text)) {
      // A yes or no with no question open (the flow it answered was ended by a right): nothing to look up.
      await say(dc.context, 'conversation.anything-else', {});
      return;
    }
    // Nothing recognized: an approved article may still answer it; otherwise say so plainly.
    const answered = (await dc.beginDialog(FAQ, { question: text })).result as { answered?: boolean } | undefined;
    if (!answered?.answered) data.saidActs.push('fallback.not-understood');
  }

  private remember(session: ConversationSession, intent: IntentId, details: IntentDetails, text: string): void {
    session.pendingIntent = intent;
    session.pendingDetails = details as Record<string, unknown>;
    session.pendingSaid = maskSensitiveNumbers(text);
  }

  /** When the identity check has just succeeded, resumes what the consumer asked for before it. */
  private async finish(dc: DialogContext, result: { status: DialogTurnStatus; result?: unknown }): Promise<void> {
    const data = turnData(dc.context);
    const verifiedNow = result.status === DialogTurnStatus.complete && (result.result as { verified?: boolean } | undefined)?.verified === true;
    if (!verifiedNow) return;
    const { session } = data;
    const pending = session.pendingIntent as IntentId | undefined;
    const details = (session.pendingDetails ?? {}) as IntentDetails;
    const said = session.pendingSaid ?? '';
    session.pendingIntent = undefined;
    session.pendingDetails = undefined;
    session.pendingSaid = undefined;
    const route = pending ? ROUTE_BY_INTENT.get(pending) : undefined;
    if (!pending || !route) {
      await say(dc.context, 'menu', {});
      return;
    }
    data.intents = [pending];
    data.details = details as Record<string, unknown>;
    if (isRightsBearing(pending)) await applyRights(dc.context, { intents: [pending], details }, said);
    if (pending === 'faq' && asksWhyContacting(said)) {
      await dc.beginDialog(WHY_CONTACTING);
      return;
    }
    await dc.beginDialog(route.flow, pending === 'faq' ? { question: said } : optionsFor(pending, details));
  }

  /**
   * A question that fails twice (no answer found, or the same prompt said again) or three turns that
   * move nothing forward: a person is offered, and a plain "yes" next takes the consumer to one.
   */
  private async guardAgainstDoomLoop(context: TurnContext, data: TurnData): Promise<void> {
    const { session } = data;
    session.personOffered = data.saidActs.some((act) => OFFERS_A_PERSON.has(act));
    if (data.progressed) {
      session.turnsWithoutProgress = 0;
      session.questionFailures = 0;
      session.lastActs = [];
      return;
    }
    session.turnsWithoutProgress += 1;
    if (data.saidActs.some((act) => session.lastActs.includes(act) || NOT_ANSWERED.has(act))) session.questionFailures += 1;
    session.lastActs = data.saidActs.slice();
    if (session.turnsWithoutProgress >= DOOM_TURNS || session.questionFailures >= DOOM_REPEATS) {
      const offered = await say(context, 'doom-loop.offer-person', reachPerson(context));
      session.personOffered = session.personOffered || offered.text !== null;
      session.turnsWithoutProgress = 0;
      session.questionFailures = 0;
      session.lastActs = [];
    }
  }
}
