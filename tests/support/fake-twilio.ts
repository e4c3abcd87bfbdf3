// A local stand-in for Twilio: the Messages API over real HTTP, and signed webhooks like Twilio sends.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

export interface SentMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  statusCallback?: string;
}

export interface ScriptedFailure {
  status: number;
  code: number;
  message: string;
}

export interface FakeTwilio {
  /** Base URL to pass as TWILIO_API_BASE_URL. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Messages accepted, in the order they arrived. */
  readonly sent: SentMessage[];
  /** Requests refused for bad credentials. */
  readonly unauthorized: number;
  /** The next `count` create-message requests fail with this error (Twilio's JSON error shape). */
  failNext(failure: ScriptedFailure, count?: number): void;
  /** Every create-message request whose form matches fails with this error until `clearFailures()`. */
  failWhen(matches: (message: { to: string; from: string; body: string }) => boolean, failure: ScriptedFailure): void;
  clearFailures(): void;
  /** Resolves once `count` messages were accepted (or rejects after `timeoutMs`). */
  waitForSent(count: number, timeoutMs?: number): Promise<SentMessage[]>;
  close(): Promise<void>;
}

export const TWILIO_ERRORS = {
  unsubscribed: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  serverError: { status: 500, code: 20500, message: 'Internal Server Error' },
} satisfies Record<string, ScriptedFailure>;

export function randomAccountSid(): string {
  return `AC${randomBytes(16).toString('hex')}`;
}

export function randomMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeTwilio(options: { accountSid?: string; authToken?: string } = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? randomAccountSid();
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const sent: SentMessage[] = [];
  const failures: ScriptedFailure[] = [];
  const rules: Array<{ matches: (message: { to: string; from: string; body: string }) => boolean; failure: ScriptedFailure }> = [];
  const waiters: Array<() => void> = [];
  let unauthorized = 0;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.headers.authorization !== expectedAuth) {
        unauthorized += 1;
        json(res, 401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
        return;
      }
      if (req.method !== 'POST' || req.url !== path) {
        json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
        return;
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To');
      const from = form.get('From');
      const body = form.get('Body');
      if (!to || !from || body === null) {
        json(res, 400, { code: 21604, message: "A 'To', 'From' and 'Body' are required", status: 400 });
        return;
      }
      const failure = rules.find((rule) => rule.matches({ to, from, body }))?.failure ?? failures.shift();
      if (failure) {
        json(res, failure.status, { code: failure.code, message: failure.message, more_info: `https://www.twilio.com/docs/errors/${failure.code}`, status: failure.status });
        return;
      }
      const message: SentMessage = { sid: randomMessageSid(), accountSid, to, from, body, ...(form.get('StatusCallback') ? { statusCallback: form.get('StatusCallback') ?? '' } : {}) };
      sent.push(message);
      for (const wake of waiters.splice(0)) wake();
      json(res, 201, {
        sid: message.sid,
        account_sid: accountSid,
        to,
        from,
        body,
        status: 'queued',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        uri: `${path.replace('.json', '')}/${message.sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    sent,
    get unauthorized() {
      return unauthorized;
    },
    failNext(failure, count = 1) {
      for (let index = 0; index < count; index += 1) failures.push(failure);
    },
    failWhen(matches, failure) {
      rules.push({ matches, failure });
    },
    clearFailures() {
      failures.length = 0;
      rules.length = 0;
    },
    async waitForSent(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (sent.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`fake Twilio received ${sent.length} message(s), expected ${count}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return sent.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Posts a form to `url` signed the way Twilio signs webhooks, for the URL Twilio was configured with (`signedUrl`). */
export async function postSignedWebhook(
  url: string,
  params: Record<string, string>,
  options: { authToken: string; signedUrl?: string; signature?: string; contentType?: string; body?: string },
): Promise<Response> {
  const signature = options.signature ?? twilio.getExpectedTwilioSignature(options.authToken, options.signedUrl ?? url, params);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: options.body ?? new URLSearchParams(params).toString(),
  });
}

/** The form fields of an inbound SMS as Twilio posts them. */
export function inboundSms(fields: { accountSid: string; from: string; to: string; body: string; messageSid?: string }): Record<string, string> {
  const sid = fields.messageSid ?? randomMessageSid();
  return {
    ToCountry: 'US',
    ToState: 'MA',
    SmsMessageSid: sid,
    NumMedia: '0',
    ToCity: 'BOSTON',
    FromZip: '02108',
    SmsSid: sid,
    FromState: 'MA',
    SmsStatus: 'received',
    FromCity: 'BOSTON',
    Body: fields.body,
    FromCountry: 'US',
    To: fields.to,
    ToZip: '02108',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: fields.accountSid,
    From: fields.from,
    ApiVersion: '2010-04-01',
  };
}
