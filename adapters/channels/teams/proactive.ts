// Bot-initiated Teams messages through stored conversation references, with Teams' refusals typed.
import type { Activity, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder';

/** The part of CloudAdapter used here (ParleyAdapter is one). */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export type TeamsDeliveryResult =
  | { status: 'sent'; activityIds: string[] }
  /**
   * The user blocked the bot or removed the app: Teams will refuse every message. The bot records an
   * opt-out of the Teams medium for the linked account.
   */
  | { status: 'blocked'; reason: 'blocked-by-user' | 'not-installed'; httpStatus: number; code?: string }
  | { status: 'failed'; httpStatus?: number; code?: string; reason: string };

interface ConnectorFailure {
  statusCode?: number;
  code?: string;
  message?: string;
  body?: unknown;
  response?: { status?: number; bodyAsText?: string | null; parsedBody?: unknown };
}

function errorBody(failure: ConnectorFailure): { code?: string; subCode?: string; message?: string } {
  const candidates: unknown[] = [failure.body, failure.response?.parsedBody];
  if (failure.response?.bodyAsText) {
    try {
      candidates.push(JSON.parse(failure.response.bodyAsText));
    } catch {
      candidates.push({ error: { message: failure.response.bodyAsText } });
    }
  }
  for (const candidate of candidates) {
    const error = (candidate as { error?: { code?: unknown; subCode?: unknown; message?: unknown } } | undefined)?.error;
    if (error && typeof error === 'object') {
      return {
        ...(typeof error.code === 'string' ? { code: error.code } : {}),
        ...(typeof error.subCode === 'string' ? { subCode: error.subCode } : {}),
        ...(typeof error.message === 'string' ? { message: error.message } : {}),
      };
    }
  }
  return {};
}

/**
 * What a failed connector call means. Teams answers 403 when the user blocked the bot
 * (ConversationBlockedByUser, or subCode MessageWritesBlocked) or the app is no longer installed for
 * them (BotNotInConversationRoster); a 403 for other reasons (an admin disabled the bot) is a plain
 * failure, not the consumer's choice.
 */
export function classifyConnectorError(error: unknown): Exclude<TeamsDeliveryResult, { status: 'sent' }> {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as ConnectorFailure;
  const httpStatus = typeof failure.statusCode === 'number' ? failure.statusCode : failure.response?.status;
  const body = errorBody(failure);
  const code = body.code ?? (typeof failure.code === 'string' ? failure.code : undefined);
  const text = `${body.code ?? ''} ${body.subCode ?? ''} ${body.message ?? ''} ${failure.message ?? ''}`;
  if (httpStatus === 403) {
    if (/ConversationBlockedByUser|MessageWritesBlocked|blocked (the conversation|by the user)/i.test(text)) {
      return { status: 'blocked', reason: 'blocked-by-user', httpStatus, ...(code ? { code } : {}) };
    }
    if (/BotNotInConversationRoster|not part of the conversation roster|uninstalled/i.test(text)) {
      return { status: 'blocked', reason: 'not-installed', httpStatus, ...(code ? { code } : {}) };
    }
  }
  const reason = body.message ?? failure.message ?? (error instanceof Error ? error.message : String(error));
  return { status: 'failed', ...(httpStatus !== undefined ? { httpStatus } : {}), ...(code ? { code } : {}), reason };
}

/**
 * Sends into an existing Teams conversation from a stored reference (its own serviceUrl: Teams has
 * one per region and tenant). `appId` is MicrosoftAppId; '' when authentication is off (development).
 */
export class TeamsProactive {
  constructor(
    private readonly adapter: ProactiveAdapter,
    private readonly appId: string | undefined,
  ) {}

  /** Runs `logic` in a proactive turn; whatever it sends is delivered, or the refusal is classified. */
  async continue(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<TeamsDeliveryResult> {
    if (!reference.serviceUrl || !reference.conversation?.id) {
      return { status: 'failed', reason: 'the conversation reference has no serviceUrl or conversation id' };
    }
    const activityIds: string[] = [];
    try {
      await this.adapter.continueConversationAsync(this.appId ?? '', reference, async (context) => {
        context.onSendActivities(async (_context, _activities, next) => {
          const responses: ResourceResponse[] = await next();
          for (const response of responses) if (response?.id) activityIds.push(response.id);
          return responses;
        });
        await logic(context);
      });
    } catch (error) {
      return classifyConnectorError(error);
    }
    return { status: 'sent', activityIds };
  }

  /** Sends one message (already gated and recorded by the caller). */
  send(reference: Partial<ConversationReference>, message: string | Partial<Activity>): Promise<TeamsDeliveryResult> {
    const activity: Partial<Activity> = typeof message === 'string' ? { type: 'message', text: message } : message;
    return this.continue(reference, async (context) => {
      await context.sendActivity(activity);
    });
  }
}
