import { randomUUID } from 'node:crypto';

export interface BotReply {
  type: string;
  text?: string;
  [key: string]: unknown;
}

export interface SendOptions {
  conversationId: string;
  text: string;
  fromId?: string;
  channelId?: string;
  serviceUrl?: string;
  headers?: Record<string, string>;
}

/** Posts one message activity to /api/messages with deliveryMode expectReplies, so the replies come back in the response. */
export async function sendMessage(baseUrl: string, options: SendOptions): Promise<{ status: number; replies: BotReply[] }> {
  const activity = {
    type: 'message',
    id: randomUUID(),
    channelId: options.channelId ?? 'test',
    serviceUrl: options.serviceUrl ?? 'http://127.0.0.1:9/never-called',
    deliveryMode: 'expectReplies',
    conversation: { id: options.conversationId },
    from: { id: options.fromId ?? `user-${options.conversationId}` },
    recipient: { id: 'parley' },
    text: options.text,
    timestamp: new Date().toISOString(),
  };
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(activity),
  });
  const raw = await response.text();
  const body = raw ? (JSON.parse(raw) as { activities?: BotReply[] }) : {};
  return { status: response.status, replies: (body.activities ?? []).filter((reply) => reply.type === 'message') };
}
