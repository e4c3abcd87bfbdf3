// The page and its assets as a browser fetches them.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { webChatPageRoutes, type WebChatPageOptions } from './page.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(options: WebChatPageOptions): Promise<string> {
  const app = express();
  app.use(webChatPageRoutes(options));
  server = createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('web chat page', () => {
  it('names the company, escaped, and runs only scripts carrying this response\'s nonce', async () => {
    const base = await serve({ companyName: 'Acme <Recovery> & Sons', supportPhone: '1-800-555-0199' });
    const res = await fetch(`${base}/`);
    const html = await res.text();
    expect(html).toContain('<title>Chat with Acme &lt;Recovery&gt; &amp; Sons</title>');
    expect(html).not.toContain('<Recovery>');
    expect(html).toContain('href="tel:18005550199"');
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
    // Every script is an external file of ours; none is inline.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(2);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/webchat\//);
      expect(attributes).toContain(`nonce="${nonce}"`);
      expect(body).toBe('');
    }
    const again = await fetch(`${base}/`);
    expect(again.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`);
  });

  it('serves the Web Chat bundle from node_modules, gzipped, cacheable and loadable by embedding sites', async () => {
    const base = await serve({ companyName: 'Acme' });
    const res = await fetch(`${base}/webchat/webchat.js`, { headers: { 'accept-encoding': 'gzip' }, decompress: false } as RequestInit);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const body = Buffer.from(await res.arrayBuffer());
    // fetch may or may not decode it; either way it is Web Chat's bundle with renderWebChat.
    const text = res.headers.get('content-encoding') === 'gzip' && body[0] === 0x1f ? gunzipSync(body).toString() : body.toString();
    expect(text).toContain('renderWebChat');
    const etag = res.headers.get('etag') ?? '';
    const cached = await fetch(`${base}/webchat/webchat.js`, { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect((await fetch(`${base}/webchat/nothing.js`)).status).toBe(404);
    expect((await fetch(`${base}/webchat/app.js`)).status).toBe(200);
  });

  it('refuses a locale that is not a language tag', () => {
    expect(() => webChatPageRoutes({ companyName: 'Acme', locale: 'en"><script>' })).toThrow(/language tag/);
  });
});
