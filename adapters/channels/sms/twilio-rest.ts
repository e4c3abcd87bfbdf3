// Twilio's Messages API through the `twilio` package, optionally pointed at another host (a local fake in tests).
import twilio from 'twilio';

type RequestOptions = Parameters<twilio.RequestClient['request']>[0];

/**
 * Sends every request of the client to `baseUrl` instead of api.twilio.com (same path and query), so
 * TWILIO_API_BASE_URL can name a regional proxy or a local fake Twilio over real HTTP.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(
    private readonly base: URL,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  override request<TData>(options: RequestOptions & { data?: TData }) {
    const target = new URL(options.uri);
    const prefix = this.base.pathname.replace(/\/+$/, '');
    const uri = `${this.base.origin}${prefix}${target.pathname}${target.search}`;
    return super.request<TData>({ ...options, uri });
  }
}

export interface TwilioRestSettings {
  accountSid: string;
  authToken: string;
  /** Defaults to https://api.twilio.com. */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

export type TwilioSendOutcome =
  | { ok: true; sid: string }
  | {
      ok: false;
      /** Twilio's error code (21610: the recipient replied STOP; 21211: invalid number...). */
      code?: number;
      httpStatus?: number;
      /** Twilio's message or the network error, never the message text. */
      reason: string;
    };

export interface TwilioMessageSender {
  send(message: { to: string; from: string; body: string; statusCallback?: string }): Promise<TwilioSendOutcome>;
}

export function createTwilioSender(settings: TwilioRestSettings): TwilioMessageSender {
  const timeout = settings.timeoutMs ?? 10_000;
  const httpClient = settings.apiBaseUrl ? new RebasedRequestClient(new URL(settings.apiBaseUrl), { timeout }) : undefined;
  const client = twilio(settings.accountSid, settings.authToken, { timeout, autoRetry: false, ...(httpClient ? { httpClient } : {}) });
  return {
    async send(message) {
      try {
        const created = await client.messages.create({
          to: message.to,
          from: message.from,
          body: message.body,
          ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
        });
        return { ok: true, sid: created.sid };
      } catch (error) {
        return describeFailure(error);
      }
    },
  };
}

function describeFailure(error: unknown): TwilioSendOutcome & { ok: false } {
  const failure = error as { status?: unknown; code?: unknown; message?: unknown };
  const httpStatus = typeof failure.status === 'number' ? failure.status : undefined;
  const code = typeof failure.code === 'number' ? failure.code : undefined;
  const network = typeof failure.code === 'string' ? failure.code : undefined;
  const message = typeof failure.message === 'string' && failure.message !== '' ? failure.message : 'unknown error';
  return { ok: false, httpStatus, code, reason: network ? `${network}: ${message}` : message };
}
