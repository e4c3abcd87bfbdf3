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
import { answerableBeforeVerification, allFlows, asksForTranscript, FAQ, IDENTITY, ROUTE_BY_INTENT, ROUTES, TRANSCRIPT, WHY_CONTACTING } from './flows/index.js';
import { reachPerson, say } from './flows/common.js';
import { applyRights, applySmsKeyword } from './rights/apply.js';
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
      return details.settlement?.amount !== undefined ? { amount: details.settlement.amount } : undefined;
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
    const session = await this.sessions.get(context, newSession(channel, 'en'));
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
    let data: TurnData;
    try {
      data = await this.begin(context);
    } catch (error) {
      // Fail closed (DESIGN.md principle 4): without the flags nothing is said but the safe message.
      setTurnData(context, {
        session: newSession(channelOf(context), 'en'),
        services: this.services,
        intents: [],
        details: {},
        progressed: false,
        repliesSent: 0,
        saidActs: [],
      });
      await say(context, 'fallback.safe', reachPerson(context));
      throw new RecordsUnavailableDuringTurn(error);
    }
    const { session } = data;
    const text = context.activity.text ?? '';
    const at = this.services.clock();
    rememberTurn(session, 'consumer', maskSensitiveNumbers(text), at);

    if (session.channel === 'sms') {
      const keyword = smsKeywordOf(text, data.account?.jurisdictions ?? ['US'], at);
      if (keyword) {
        await applySmsKeyword(context, keyword);
        return;
      }
    }

    const optedOutOfSms = session.channel === 'sms' && (await this.smsOptedOut(data));
    const classification = classifyIntents(text, {
      language: session.language,
      channel: session.channel,
      consumerNames: data.account ? [data.account.consumer.firstName, data.account.consumer.lastName] : [],
    });
    let intents = classification.intents.filter((intent) => intent !== 'other');
    let details: IntentDetails = classification.details;
    const understood = this.services.understand ? await this.services.understand(text, session).catch(() => undefined) : undefined;
    if (understood) {
      // The model may add intents and fill details, never remove what the rules found.
      intents = [...new Set([...intents, ...understood.intents.filter((intent) => intent !== 'other')])];
      details = { ...(understood.details as IntentDetails), ...details };
    }
    data.intents = intents;
    data.details = details as Record<string, unknown>;

    await applyRights(context, { intents, details }, maskSensitiveNumbers(text));
    // After STOP nothing but the keywords gets a text back until START (CTIA; 47 CFR 64.1200(a)(10)).
    if (optedOutOfSms) return;

    const dc = await this.dialogs.createContext(context);
    if (!session.greeted) {
      await say(context, 'greeting.automated-assistant', { collectorName: this.services.company.collectorName });
      session.greeted = true;
    }
    await this.route(dc, data, intents, details, text);
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
    const rights = ROUTES.filter(([intent]) => intents.includes(intent) && isRightsBearing(intent) && !(placeOnly && intent === 'inconvenient_time'));
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
      return;
    }

    const switching = intents.find((intent) => SWITCHES.has(intent));
    const active = dc.activeDialog?.id;
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
    if (intent && route) {
      if (route.needsVerification && !session.verified && !(intent === 'faq' && answerableBeforeVerification(text, session.language))) {
        this.remember(session, intent, details, text);
        await this.finish(dc, await dc.beginDialog(IDENTITY));
        return;
      }
      if (intent === 'faq' && session.verified && /\b(why|por que|porque)\b.*\b(contact|contacting|texting|calling|contactan|escriben|llaman)/i.test(text)) {
        await this.finish(dc, await dc.beginDialog(WHY_CONTACTING));
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
    await dc.beginDialog(route.flow, pending === 'faq' ? { question: said } : optionsFor(pending, details));
  }

  private async guardAgainstDoomLoop(context: TurnContext, data: TurnData): Promise<void> {
    const { session } = data;
    if (data.progressed) {
      session.turnsWithoutProgress = 0;
      session.questionFailures = 0;
      session.lastActs = [];
      return;
    }
    session.turnsWithoutProgress += 1;
    if (data.saidActs.some((act) => session.lastActs.includes(act))) session.questionFailures += 1;
    session.lastActs = data.saidActs.slice();
    if (session.turnsWithoutProgress >= DOOM_TURNS || session.questionFailures >= DOOM_REPEATS) {
      await say(context, 'doom-loop.offer-person', reachPerson(context));
      session.turnsWithoutProgress = 0;
      session.questionFailures = 0;
      session.lastActs = [];
    }
  }
}

/** The records could not be read at the start of a turn; the safe fallback has been said. */
export class RecordsUnavailableDuringTurn extends Error {
  constructor(override readonly cause: unknown) {
    super('records unavailable during a turn');
  }
}

