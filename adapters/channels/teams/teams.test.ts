import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, TurnContext, type ConversationReference } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../bot/logger.js';
import { ParleyAdapter } from '../../../bot/server/adapter.js';
import { createApp } from '../../../bot/server/app.js';
import { createMetrics } from '../../../bot/server/metrics.js';
import { TurnPipeline } from '../../../bot/turn/pipeline.js';
import type { AuditEventInput } from '../../../dialogs/ports.js';
import { MemoryTurnLock } from '../../state/index.js';
import { LocalTokenCredentialsFactory, TEAMS_REFUSALS, startFakeBotConnector, type FakeBotConnector } from '../../../tests/support/fake-bot-connector.js';
import { createBotFrameworkAuthentication, type BotIdentity } from './auth.js';
import { TeamsProactive } from './proactive.js';

const APP_ID = randomUUID();
const APP_PASSWORD = 'test-secret-not-real';
const TENANT = randomUUID();

/** The smallest Teams bot: remembers where each user can be reached, and answers. */
class EchoBot extends ActivityHandler {
  readonly seen: Array<{ text?: string; conversationType?: string; aadObjectId?: string; tenantId?: string }> = [];
  readonly references = new Map<string, Partial<ConversationReference>>();
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const { activity } = context;
      this.seen.push({ text: activity.text, conversationType: activity.conversation.conversationType, aadObjectId: activity.from.aadObjectId, tenantId: activity.conversation.tenantId });
      this.references.set(activity.from.id, TurnContext.getConversationReference(activity));
      await context.sendActivity(`You said: ${activity.text ?? ''}`);
      await next();
    });
  }
}

interface RunningBot {
  url: string;
  bot: EchoBot;
  adapter: ParleyAdapter;
  audit: AuditEventInput[];
  close(): Promise<void>;
}

async function startBot(identity: BotIdentity, connector: FakeBotConnector, credentials: boolean): Promise<RunningBot> {
  const auth = createBotFrameworkAuthentication(identity, {
    openIdMetadataUrl: connector.openIdMetadataUrl,
    emulatorOpenIdMetadataUrl: connector.openIdMetadataUrl,
    loginUrl: connector.loginUrl,
    ...(credentials && identity.appId ? { credentialsFactory: new LocalTokenCredentialsFactory(identity.appId, identity.appPassword ?? '') } : {}),
  });
  const adapter = new ParleyAdapter(auth);
  const bot = new EchoBot();
  const audit: AuditEventInput[] = [];
  const logger = createLogger('silent');
  const pipeline = new TurnPipeline({
    audit: {
      append: async (event) => {
        audit.push(event);
        return { ...event, id: String(audit.length), seq: audit.length, prevHash: '', hash: '' };
      },
      listChain: async () => [],
      verify: async () => ({ ok: true, chains: 0, events: 0 }),
    },
    turnLock: new MemoryTurnLock(),
    states: [],
    logger,
    clock: () => new Date(),
    safeFallbackText: () => 'Sorry, something went wrong. Call 1-800-555-0100 to reach a person.',
  });
  const app = createApp({ adapter, bot, pipeline, logger, metrics: createMetrics(), readiness: [], bodyLimitBytes: 64 * 1024 });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bot,
    adapter,
    audit,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A message in a personal chat, shaped as Teams sends it. */
function personalMessage(serviceUrl: string, text: string, user = { id: `29:${randomUUID()}`, aadObjectId: randomUUID() }) {
  return {
    type: 'message',
    id: `${Date.now()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.id, name: 'Dana Consumer', aadObjectId: user.aadObjectId },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: TENANT },
    recipient: { id: `28:${APP_ID}`, name: 'Parley' },
    text,
    textFormat: 'plain',
    locale: 'en-US',
    channelData: { tenant: { id: TENANT } },
  };
}

async function post(url: string, activity: object, authorization?: string): Promise<Response> {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
}

describe('Teams on /api/messages with authentication on, against a local Bot Framework', () => {
  let connector: FakeBotConnector;
  let running: RunningBot;
  let serviceUrl: string;

  beforeAll(async () => {
    connector = await startFakeBotConnector({ appId: APP_ID, appPassword: APP_PASSWORD });
    running = await startBot({ appId: APP_ID, appPassword: APP_PASSWORD, appType: 'MultiTenant' }, connector, true);
    serviceUrl = `${connector.url}/amer/`;
  });

  afterAll(async () => {
    await running?.close();
    await connector?.close();
  });

  beforeEach(() => {
    connector.received.length = 0;
    running.bot.seen.length = 0;
  });

  it('accepts a valid channel token (200), runs the turn in the personal chat and replies through the connector with a bot token', async () => {
    const activity = personalMessage(serviceUrl, 'hello');
    const token = await connector.channelToken({ appId: APP_ID, serviceUrl });
    const response = await post(running.url, activity, `Bearer ${token}`);
    expect(response.status).toBe(200);

    expect(running.bot.seen).toEqual([{ text: 'hello', conversationType: 'personal', aadObjectId: activity.from.aadObjectId, tenantId: TENANT }]);
    const [reply] = await connector.waitForActivities(1);
    expect(reply).toMatchObject({ region: '/amer', conversationId: activity.conversation.id, replyToId: activity.id, authorized: true });
    expect(reply?.activity).toMatchObject({ type: 'message', text: 'You said: hello' });
    // The inbound message was recorded before the turn, the reply before it left.
    expect(running.audit.map((event) => event.kind)).toEqual(expect.arrayContaining(['inbound', 'outbound']));
  });

  const refusals: Array<[string, (activity: ReturnType<typeof personalMessage>) => Promise<string | undefined>]> = [
    ['no Authorization header', async () => undefined],
    ['a token for another bot (wrong audience)', async () => connector.channelToken({ appId: randomUUID(), serviceUrl })],
    ['a token from another issuer', async () => connector.channelToken({ appId: APP_ID, serviceUrl, claims: { iss: 'https://attacker.example.com' } })],
    ['a token whose serviceurl claim is not the activity’s serviceUrl', async () => connector.channelToken({ appId: APP_ID, serviceUrl: 'https://smba.attacker.example.com/amer/' })],
    ['a token signed with a key not in the JWKS (bad signature)', async () => connector.channelToken({ appId: APP_ID, serviceUrl, signWith: 'stranger' })],
    ['an expired token', async () => connector.channelToken({ appId: APP_ID, serviceUrl, expiresInSeconds: -3600 })],
    ['a malformed token', async () => 'not.a.jwt'],
  ];

  for (const [name, tokenFor] of refusals) {
    it(`refuses ${name} with 401, and the bot never runs`, async () => {
      const activity = personalMessage(serviceUrl, 'let me in');
      const token = await tokenFor(activity);
      const response = await post(running.url, activity, token === undefined ? undefined : `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized' });
      expect(running.bot.seen).toHaveLength(0);
      expect(connector.received).toHaveLength(0);
    });
  }

  it('refuses a token signed by a key not endorsed for the activity’s channel', async () => {
    const webOnly = await startFakeBotConnector({ appId: APP_ID, appPassword: APP_PASSWORD, endorsements: ['webchat'] });
    const other = await startBot({ appId: APP_ID, appPassword: APP_PASSWORD, appType: 'MultiTenant' }, webOnly, true);
    try {
      const url = `${webOnly.url}/amer/`;
      const response = await post(other.url, personalMessage(url, 'hi'), `Bearer ${await webOnly.channelToken({ appId: APP_ID, serviceUrl: url })}`);
      expect(response.status).toBe(401);
      expect(other.bot.seen).toHaveLength(0);
    } finally {
      await other.close();
      await webOnly.close();
    }
  });

  it('sends proactive messages through stored references, each to its own serviceUrl, with a bot token', async () => {
    const amer = personalMessage(`${connector.url}/amer/`, 'from the US');
    const emea = personalMessage(`${connector.url}/emea/`, 'from Europe');
    for (const activity of [amer, emea]) {
      const token = await connector.channelToken({ appId: APP_ID, serviceUrl: activity.serviceUrl });
      expect((await post(running.url, activity, `Bearer ${token}`)).status).toBe(200);
    }
    await connector.waitForActivities(2);
    connector.received.length = 0;

    const proactive = new TeamsProactive(running.adapter, APP_ID);
    const first = await proactive.send(running.bot.references.get(amer.from.id) ?? {}, 'Your payment plan starts on the 5th.');
    const second = await proactive.send(running.bot.references.get(emea.from.id) ?? {}, 'A reminder from Parley.');
    expect(first).toEqual({ status: 'sent', activityIds: [expect.any(String) as string] });
    expect(second.status).toBe('sent');
    expect(connector.received.map((received) => [received.region, received.conversationId, received.activity.text, received.authorized])).toEqual([
      ['/amer', amer.conversation.id, 'Your payment plan starts on the 5th.', true],
      ['/emea', emea.conversation.id, 'A reminder from Parley.', true],
    ]);
  });

  it('types Teams’ refusals: blocked by the user and app removed are opt-outs, an admin block or a lost conversation are failures', async () => {
    const proactive = new TeamsProactive(running.adapter, APP_ID);
    const referenceFor = (conversationId: string): Partial<ConversationReference> => ({
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' },
      user: { id: '29:user', name: '' },
      bot: { id: `28:${APP_ID}`, name: 'Parley' },
    });
    const cases = [
      ['blocked', TEAMS_REFUSALS.blockedByUser],
      ['uninstalled', TEAMS_REFUSALS.notInstalled],
      ['admin', TEAMS_REFUSALS.disabledByAdmin],
      ['gone', TEAMS_REFUSALS.notFound],
    ] as const;
    for (const [id, refusal] of cases) connector.refuse(`a:${id}`, refusal);

    expect(await proactive.send(referenceFor('a:blocked'), 'hello')).toEqual({ status: 'blocked', reason: 'blocked-by-user', httpStatus: 403, code: 'ConversationBlockedByUser' });
    expect(await proactive.send(referenceFor('a:uninstalled'), 'hello')).toEqual({ status: 'blocked', reason: 'not-installed', httpStatus: 403, code: 'BotNotInConversationRoster' });
    expect(await proactive.send(referenceFor('a:admin'), 'hello')).toMatchObject({ status: 'failed', httpStatus: 403, code: 'BotDisabledByAdmin' });
    expect(await proactive.send(referenceFor('a:gone'), 'hello')).toMatchObject({ status: 'failed', httpStatus: 404, code: 'ConversationNotFound' });
    expect(await proactive.send({ channelId: 'msteams', conversation: { id: 'a:x', isGroup: false, name: '', conversationType: 'personal' } }, 'hello')).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('serviceUrl') as string,
    });
  });
});

describe('Teams with authentication off (no MicrosoftAppId: development only)', () => {
  it('accepts unauthenticated activities and sends proactive messages without a token', async () => {
    const connector = await startFakeBotConnector();
    const running = await startBot({ appType: 'MultiTenant' }, connector, false);
    try {
      const activity = personalMessage(`${connector.url}/amer/`, 'hi');
      expect((await post(running.url, activity)).status).toBe(200);
      const [reply] = await connector.waitForActivities(1);
      expect(reply).toMatchObject({ authorized: false, activity: { text: 'You said: hi' } });
      expect(reply?.authorization).toBeUndefined();

      const result = await new TeamsProactive(running.adapter, undefined).send(running.bot.references.get(activity.from.id) ?? {}, 'proactive hello');
      expect(result.status).toBe('sent');
      expect(connector.received.at(-1)?.activity.text).toBe('proactive hello');
    } finally {
      await running.close();
      await connector.close();
    }
  });
});

describe('a failure of the bot’s own reply is not the caller’s authentication failure', () => {
  it('answers 500 (not 401) when Teams refuses the reply of an authenticated turn', async () => {
    const connector = await startFakeBotConnector({ appId: APP_ID, appPassword: APP_PASSWORD });
    const running = await startBot({ appId: APP_ID, appPassword: APP_PASSWORD, appType: 'MultiTenant' }, connector, true);
    try {
      const serviceUrl = `${connector.url}/amer/`;
      const activity = personalMessage(serviceUrl, 'hello');
      connector.refuse(activity.conversation.id, TEAMS_REFUSALS.blockedByUser);
      const response = await post(running.url, activity, `Bearer ${await connector.channelToken({ appId: APP_ID, serviceUrl })}`);
      expect(running.bot.seen).toHaveLength(1);
      expect(response.status).toBe(500);
    } finally {
      await running.close();
      await connector.close();
    }
  });
});
