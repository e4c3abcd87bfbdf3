import type { Activity, ActivityHandler, BotState, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { AuditTrail } from '../../dialogs/index.js';
import { maskSensitiveNumbers } from '../../guardrails/index.js';
import type { Logger } from '../logger.js';

export interface TurnSerializer {
  runExclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export interface TurnPipelineDeps {
  audit: AuditTrail;
  turnLock: TurnSerializer;
  states: readonly BotState[];
  logger: Logger;
  clock: () => Date;
  /** Said when the audit trail cannot be written: a safe fixed message with a way to reach a person. */
  safeFallbackText: () => string;
}

/** The audit chain of one conversation. */
export function conversationChain(channelId: string, conversationId: string): string {
  return `conv:${channelId}:${conversationId}`;
}

/**
 * The turn skeleton every channel goes through: one turn at a time per conversation, the inbound
 * message recorded before anything acts on it, every outbound message recorded before it leaves,
 * state saved at the end of the turn.
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
      await this.deps.turnLock.runExclusive(chainId, async () => {
        const recorded = options.inboundRecorded === true || (await this.tryRecordInbound(chainId, activity));
        if (!recorded) {
          await this.sendSafeFallback(context);
          return;
        }
        context.onSendActivities(async (_ctx, activities, next) => {
          await this.recordOutbound(chainId, activity, activities);
          return next();
        });
        try {
          await handler.run(context);
          for (const state of this.deps.states) await state.saveChanges(context);
        } catch (error) {
          if (!(error instanceof AuditUnavailableError)) throw error;
          this.deps.logger.error({ err: error.cause, chainId }, 'audit trail unavailable: outbound not recorded and not sent, safe fallback sent');
          await this.sendSafeFallback(context);
        }
      });
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** The one message that may leave unrecorded: fixed text, no account facts, a way to reach a person. */
  private async sendSafeFallback(context: TurnContext): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.Message, text: this.deps.safeFallbackText(), channelData: { [FALLBACK_MARK]: true } });
  }

  /** Records an inbound message; channels that acknowledge before the turn runs call it first. */
  async recordInbound(activity: Activity): Promise<void> {
    if (activity.type !== ActivityTypes.Message) return;
    await this.deps.audit.append({
      chainId: conversationChain(activity.channelId, activity.conversation.id),
      kind: 'inbound',
      conversationId: activity.conversation.id,
      channel: activity.channelId,
      payload: { activityId: activity.id ?? null, text: maskSensitiveNumbers(activity.text ?? '') },
      at: this.deps.clock(),
    });
  }

  private async tryRecordInbound(chainId: string, activity: Activity): Promise<boolean> {
    try {
      await this.recordInbound(activity);
      return true;
    } catch (error) {
      // Fail closed: nothing is acted on that the audit trail did not record.
      this.deps.logger.error({ err: error, chainId }, 'audit trail unavailable: inbound not recorded, safe fallback sent');
      return false;
    }
  }

  private async recordOutbound(chainId: string, inbound: Activity, activities: Partial<Activity>[]): Promise<void> {
    for (const outbound of activities) {
      if (outbound.type !== ActivityTypes.Message) continue;
      if ((outbound.channelData as Record<string, unknown> | undefined)?.[FALLBACK_MARK] === true) continue;
      const channelData = outbound.channelData as { parleyDecision?: Record<string, unknown> } | undefined;
      // The decision (rules, a replaced draft) is for the officer: recorded here, never sent to the channel.
      const record = channelData?.parleyDecision ?? { decision: { verdict: 'send', note: 'sent outside the speaker: no speech act' } };
      if (channelData) delete channelData.parleyDecision;
      await this.appendOrFail({
        chainId,
        kind: 'outbound',
        accountId: typeof record.accountId === 'string' ? record.accountId : undefined,
        conversationId: inbound.conversation.id,
        channel: inbound.channelId,
        payload: { replyTo: inbound.id ?? null, text: maskSensitiveNumbers(outbound.text ?? ''), ...JSON.parse(JSON.stringify(record)) },
        at: this.deps.clock(),
      });
    }
  }

  private async appendOrFail(event: Parameters<AuditTrail['append']>[0]): Promise<void> {
    try {
      await this.deps.audit.append(event);
    } catch (error) {
      throw new AuditUnavailableError(error);
    }
  }
}

const FALLBACK_MARK = 'parleySafeFallback';

/** Write before send: an outbound message the audit trail could not record is not sent. */
export class AuditUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super('audit trail unavailable');
  }
}
