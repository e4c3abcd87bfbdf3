// A local stand-in for the Bot Framework service side, so Teams tests run offline over real HTTP:
// OpenID metadata + JWKS (what channel tokens are checked against), a token endpoint for the bot's
// own credentials, and the Bot Connector API the bot replies to (POST /v3/conversations/{id}/activities).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppCredentials, ServiceClientCredentialsFactory, type AuthenticatorResult } from 'botframework-connector';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';

export const CHANNEL_ISSUER = 'https://api.botframework.com';
export const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

export interface ReceivedActivity {
  /** The path before /v3 in the serviceUrl it was posted to (Teams uses one per region: /amer, /emea). */
  region: string;
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  /** The bearer token on the request was one this connector issued to the bot. */
  authorized: boolean;
  authorization?: string;
}

/** How Teams refuses a bot: blocked by the user, app uninstalled, or disabled by an admin. */
export const TEAMS_REFUSALS = {
  blockedByUser: { status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } } },
  notInstalled: { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } },
  disabledByAdmin: { status: 403, body: { error: { code: 'BotDisabledByAdmin', message: 'The tenant admin disabled this bot' } } },
  notFound: { status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } },
} satisfies Record<string, { status: number; body: unknown }>;

export interface FakeBotConnector {
  url: string;
  /** OpenID metadata URL, for createBotFrameworkAuthentication({ openIdMetadataUrl }). */
  openIdMetadataUrl: string;
  /** Authority for the bot's own tokens (a local stand-in for login.microsoftonline.com/botframework.com). */
  loginUrl: string;
  readonly received: ReceivedActivity[];
  /** Token requests the endpoint answered. */
  readonly tokensIssued: number;
  /**
   * A channel token as Teams would send it to the bot. Claims override the valid defaults; `signWith:
   * 'stranger'` signs with a key that is not in the JWKS but under the same key id.
   */
  channelToken(options: { appId: string; serviceUrl: string; claims?: JWTPayload; expiresInSeconds?: number; signWith?: 'connector' | 'stranger' }): Promise<string>;
  /** Requests to this conversation are refused as Teams would. */
  refuse(conversationId: string, refusal: { status: number; body: unknown }): void;
  waitForActivities(count: number, timeoutMs?: number): Promise<ReceivedActivity[]>;
  close(): Promise<void>;
}

export interface FakeBotConnectorOptions {
  /** The bot's app id and password the token endpoint accepts. */
  appId?: string;
  appPassword?: string;
  /** Channels the signing key is endorsed for (Bot Framework keys carry such a list). */
  endorsements?: string[];
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeBotConnector(options: FakeBotConnectorOptions = {}): Promise<FakeBotConnector> {
  const keyId = `test-key-${randomUUID()}`;
  const connectorKeys = await generateKeyPair('RS256', { extractable: true });
  const strangerKeys = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(connectorKeys.publicKey);
  const received: ReceivedActivity[] = [];
  const refusals = new Map<string, { status: number; body: unknown }>();
  const waiters: Array<() => void> = [];
  let tokensIssued = 0;
  let url = '';

  async function sign(payload: JWTPayload, key: CryptoKey, expiresInSeconds: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: keyId, typ: 'JWT' })
      .setIssuedAt(now - 10)
      .setNotBefore(now - 10)
      .setExpirationTime(now + expiresInSeconds)
      .sign(key);
  }

  async function isBotToken(authorization: string | undefined): Promise<boolean> {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return false;
    try {
      await jwtVerify(token, connectorKeys.publicKey, { audience: CONNECTOR_AUDIENCE, issuer: `${url}/botframework.com/` });
      return true;
    } catch {
      return false;
    }
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const body = await readBody(req);
      if (req.method === 'GET' && path === '/v1/.well-known/openidconfiguration') {
        json(res, 200, {
          issuer: CHANNEL_ISSUER,
          authorization_endpoint: `${url}/v1/auth`,
          jwks_uri: `${url}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
        return;
      }
      if (req.method === 'GET' && path === '/v1/.well-known/keys') {
        json(res, 200, { keys: [{ ...publicJwk, kid: keyId, use: 'sig', alg: 'RS256', endorsements: options.endorsements ?? ['msteams', 'webchat', 'directline', 'test'] }] });
        return;
      }
      if (req.method === 'POST' && path === '/botframework.com/oauth2/v2.0/token') {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== options.appId || form.get('client_secret') !== options.appPassword) {
          json(res, 401, { error: 'invalid_client', error_description: 'bad client credentials' });
          return;
        }
        tokensIssued += 1;
        const accessToken = await sign({ aud: CONNECTOR_AUDIENCE, iss: `${url}/botframework.com/`, appid: options.appId }, connectorKeys.privateKey, 3600);
        json(res, 200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: accessToken });
        return;
      }
      const activities = /^((?:\/[^/]+)*)\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (req.method === 'POST' && activities) {
        const conversationId = decodeURIComponent(activities[2] ?? '');
        const refusal = refusals.get(conversationId);
        if (refusal) {
          json(res, refusal.status, refusal.body);
          return;
        }
        const authorized = await isBotToken(req.headers.authorization);
        received.push({
          region: activities[1] ?? '',
          conversationId,
          ...(activities[3] ? { replyToId: decodeURIComponent(activities[3]) } : {}),
          activity: JSON.parse(body || '{}') as Record<string, unknown>,
          authorized,
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        });
        for (const wake of waiters.splice(0)) wake();
        json(res, 200, { id: `activity-${received.length}` });
        return;
      }
      json(res, 404, { error: { code: 'NotFound', message: `no route for ${req.method ?? ''} ${path}` } });
    })().catch((error: unknown) => {
      json(res, 500, { error: { code: 'FakeConnectorError', message: error instanceof Error ? error.message : String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    openIdMetadataUrl: `${url}/v1/.well-known/openidconfiguration`,
    loginUrl: `${url}/botframework.com`,
    received,
    get tokensIssued() {
      return tokensIssued;
    },
    async channelToken({ appId, serviceUrl, claims = {}, expiresInSeconds = 3600, signWith = 'connector' }) {
      const key = signWith === 'stranger' ? strangerKeys.privateKey : connectorKeys.privateKey;
      return sign({ iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, ...claims }, key, expiresInSeconds);
    },
    refuse(conversationId, refusal) {
      refusals.set(conversationId, refusal);
    },
    async waitForActivities(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`fake Bot Connector received ${received.length} activities, expected ${count}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * The bot's own credentials, fetched with a client-credentials grant from `loginEndpoint` + /oauth2/v2.0/token.
 * Production uses MSAL against Azure AD, which insists on an https authority and instance discovery;
 * this stands in for it so the outbound leg (a bearer token on every connector call) is tested offline.
 */
class ClientCredentialsAppCredentials extends AppCredentials {
  constructor(
    appId: string,
    private readonly password: string,
    private readonly tokenUrl: string,
    scope: string,
  ) {
    super(appId, undefined, scope);
  }

  protected override async refreshToken(): Promise<AuthenticatorResult> {
    const response = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.appId, client_secret: this.password, scope: `${this.oAuthScope}/.default` }),
    });
    if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
    const token = (await response.json()) as { access_token: string; expires_in: number };
    return { accessToken: token.access_token, expiresOn: new Date(Date.now() + token.expires_in * 1000) };
  }
}

export class LocalTokenCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly appId: string,
    private readonly password: string,
  ) {
    super();
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(appId: string, audience: string | undefined, loginEndpoint: string): Promise<AppCredentials> {
    if (appId !== this.appId) throw new Error('Invalid appId.');
    return new ClientCredentialsAppCredentials(appId, this.password, `${loginEndpoint.replace(/\/+$/, '')}/oauth2/v2.0/token`, audience ?? CONNECTOR_AUDIENCE);
  }
}
