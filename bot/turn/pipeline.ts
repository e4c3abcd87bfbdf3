import type { Activity, ActivityHandler, BotState, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { AuditTrail, RightsIntake } from '../../dialogs/index.js';
import { maskForRecord, maskSensitiveNumbers } from '../../guardrails/index.js';
import type { Logger } from '../logger.js';
import { AuditUnavailableError, outageOf } from '../outage.js';

export interface TurnSerializer {
  runExclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export interface TurnPipelineDeps {
  audit: AuditTrail;
  turnLock: TurnSerializer;
  states: readonly BotState[];
  logger: Logger;
  clock: () => Date;
  /** Said, and recorded like any reply, when a turn fails for a reason other than a store outage. */
  safeFallbackText: (activity: Activity) => string;
  /** Rights made durable as the message is recorded, before any state store is needed (SMS). */
  intake?: (activity: Activity, chainId: string) => Promise<RightsIntake | undefined>;
}

/** The audit chain of one conversation. */
export function conversationChain(channelId: string, conversationId: string): string {
  return `conv:${channelId}:${conversationId}`;
}

/**
 * The turn skeleton every channel goes through. The inbound message is recorded (and the rights in it
 * made durable) before anything that can fail on another store; every outbound message, the safe
 * fallback included, is recorded before it leaves; turns of one conversation run one at a time; state
 * is saved at the end. A store outage ends the turn with nothing sent and is thrown to the channel,
 * which refuses the request (503) or tries the turn again later.
 */
export class TurnPipeline {
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly deps: TurnPipelineDeps) {}

  get activeTurns(): number {
    return this.inFlight;
  }

  /** Resolves when no turn is running; used by graceful shutdown. */
  async drain(): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async run(context: TurnContext, handler: ActivityHandler, options: { inboundRecorded?: boolean } = {}): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation?.id;
    if (!conversationId) throw new Error('activity has no conversation id');
    const chainId = conversationChain(activity.channelId, conversationId);
    this.inFlight += 1;
    try {
      if (options.inboundRecorded !== true) await this.recordInbound(activity);
      context.onSendActivities(async (_ctx, activities, next) => {
        await this.recordOutbound(chainId, activity, activities);
        return next();
      });
      await this.deps.turnLock.runExclusive(chainId, async () => {
        try {
          await handler.run(context);
          for (const state of this.deps.states) await state.saveChanges(context);
        } catch (error) {
          if (outageOf(error)) throw error;
          this.deps.logger.error({ err: error, chainId }, 'turn failed: the safe message goes instead');
          await context.sendActivity({ type: ActivityTypes.Message, text: this.deps.safeFallbackText(activity), channelData: { [FALLBACK_MARK]: true } });
        }
      });
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /**
   * Records an inbound message and takes in the rights it carries; channels that acknowledge before the
   * turn runs call it first. Throws AuditUnavailableError when either could not be done: the message
   * must then not be acknowledged.
   */
  async recordInbound(activity: Activity): Promise<RightsIntake | undefined> {
    if (activity.type !== ActivityTypes.Message) return undefined;
    const chainId = conversationChain(activity.channelId, activity.conversation.id);
    try {
      await this.deps.audit.append({
        chainId,
        kind: 'inbound',
        conversationId: activity.conversation.id,
        channel: activity.channelId,
        payload: { activityId: activity.id ?? null, text: maskForRecord(activity.text ?? '') },
        at: this.deps.clock(),
      });
    } catch (error) {
      throw new AuditUnavailableError('inbound', error);
    }
    if (!this.deps.intake) return undefined;
    let intake: RightsIntake | undefined;
    try {
      intake = await this.deps.intake(activity, chainId);
    } catch (error) {
      throw new AuditUnavailableError('intake', error);
    }
    if (intake) activity.channelData = { ...(activity.channelData as object | undefined), parleyIntake: intake };
    return intake;
  }

  private async recordOutbound(chainId: string, inbound: Activity, activities: Partial<Activity>[]): Promise<void> {
    for (const outbound of activities) {
      if (outbound.type !== ActivityTypes.Message) continue;
      const channelData = outbound.channelData as ({ parleyDecision?: Record<string, unknown> } & Record<string, unknown>) | undefined;
      const fallback = channelData?.[FALLBACK_MARK] === true;
      // The decision (rules, a replaced draft) is for the officer: recorded here, never sent to the channel.
      const record =
        channelData?.parleyDecision ??
        (fallback
          ? { decision: { verdict: 'send', note: 'safe fallback after a failed turn: fixed text, no account facts, a way to reach a person' } }
          : { decision: { verdict: 'send', note: 'sent outside the speaker: no speech act' } });
      if (channelData) {
        delete channelData.parleyDecision;
        delete channelData[FALLBACK_MARK];
      }
      try {
        await this.deps.audit.append({
          chainId,
          kind: 'outbound',
          accountId: typeof record.accountId === 'string' ? record.accountId : undefined,
          conversationId: inbound.conversation.id,
          channel: inbound.channelId,
          payload: { replyTo: inbound.id ?? null, text: maskSensitiveNumbers(outbound.text ?? ''), ...JSON.parse(JSON.stringify(record)) },
          at: this.deps.clock(),
        });
      } catch (error) {
        // Write before send: what the audit trail could not record does not leave.
        throw new AuditUnavailableError('outbound', error);
      }
    }
  }
}

const FALLBACK_MARK = 'parleySafeFallback';
