// The web chat page at `/`: the stock Bot Framework Web Chat from the project's own node_modules (no CDN),
// a small script of ours that gets a token and renders it, and a stylesheet. No inline script: the page's
// Content-Security-Policy allows our own files and, by nonce, the styles Web Chat injects.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import express, { type Request, type Response, type Router } from 'express';

export interface WebChatPageOptions {
  /** Shown in the header, the title and the bot's avatar. */
  companyName: string;
  /** A number to reach a person, shown beside the chat (e.g. "1-800-555-0199"). */
  supportPhone?: string;
  /** Web Chat's language; default "en-US". */
  locale?: string;
  /** Where the page asks for a conversation token; default "/webchat/token" (served by the Direct Line router). */
  tokenPath?: string;
  /** Extra `frame-ancestors` allowed to frame the page; default none besides itself. */
  frameAncestors?: readonly string[];
}

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), 'assets');
const WEBCHAT_VERSION = '4.18.1';
const EMPTY_STYLE_HASH = `sha256-${createHash('sha256').update('').digest('base64')}`;

interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

function asset(path: string, type: string): Asset {
  const body = readFileSync(path);
  return { type, body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** The browser bundle botframework-webchat ships (React included); its package exports hide dist/, so find it by path. */
function webChatBundlePath(): string {
  const main = createRequire(import.meta.url).resolve('botframework-webchat');
  return join(dirname(main), '..', 'dist', 'webchat.js');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter((word) => /^[A-Za-z]/.test(word))
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '');
  return letters.join('') || 'P';
}

/**
 * Parley's icon at /favicon.svg and /favicon.ico: every page (web chat, console) names it, and a
 * browser asks /favicon.ico of any page that names none; a 404 there shows in the page's console.
 */
export function iconRoutes(): Router {
  const icon = asset(join(ASSETS, 'favicon.svg'), 'image/svg+xml');
  const router = express.Router();
  router.get(['/favicon.svg', '/favicon.ico'], (req, res) => send(req, res, icon));
  return router;
}

export function webChatPageRoutes(options: WebChatPageOptions): Router {
  const locale = options.locale ?? 'en-US';
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(locale)) throw new RangeError(`Web chat locale "${locale}" is not a language tag such as en-US`);
  const tokenPath = options.tokenPath ?? '/webchat/token';
  // Loaded once at start-up (and gzipped once): a missing bundle fails the start, not the first visitor.
  const assets: Record<string, Asset> = {
    'webchat.js': asset(webChatBundlePath(), 'text/javascript; charset=utf-8'),
    'app.js': asset(join(ASSETS, 'app.js'), 'text/javascript; charset=utf-8'),
    'page.css': asset(join(ASSETS, 'page.css'), 'text/css; charset=utf-8'),
  };
  const company = escapeHtml(options.companyName);
  const phone = options.supportPhone ? escapeHtml(options.supportPhone) : undefined;
  const telHref = options.supportPhone ? `tel:${options.supportPhone.replace(/[^\d+]/g, '')}` : undefined;

  const router = express.Router();

  router.get('/', (req, res) => {
    const nonce = randomBytes(16).toString('base64');
    const host = req.get('host') ?? '';
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        // Web Chat's own styles carry the nonce; the hash is that of an empty string, for an empty <style> element it adds.
        `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        `connect-src 'self'${host ? ` ws://${host} wss://${host}` : ''}`,
        "media-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        `frame-ancestors 'self'${(options.frameAncestors ?? []).map((origin) => ` ${origin}`).join('')}`,
      ].join('; '),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderPage({ company, phone, telHref, locale, tokenPath, nonce, avatar: initials(options.companyName) }));
  });

  router.use(iconRoutes());

  router.get('/webchat/:file', (req, res, next) => {
    const file = assets[req.params.file];
    if (!file) return next();
    send(req, res, file);
  });

  return router;
}

function send(req: Request, res: Response, file: Asset): void {
  res.setHeader('Content-Type', file.type);
  res.setHeader('ETag', file.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', 'public, max-age=3600');
  // Sites embedding the widget load these scripts from another origin.
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  if (req.headers['if-none-match'] === file.etag) {
    res.status(304).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.send(gzip ? file.gzip : file.body);
}

function renderPage(page: { company: string; phone: string | undefined; telHref: string | undefined; locale: string; tokenPath: string; nonce: string; avatar: string }): string {
  const call = page.phone ? `<a class="call" href="${page.telHref}">Call ${page.phone}</a>` : '';
  const person = page.phone ? `Ask for a person at any time, or call <a href="${page.telHref}">${page.phone}</a>.` : 'Ask for a person at any time.';
  return `<!doctype html>
<html lang="${page.locale.split('-')[0]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Chat with ${page.company}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/webchat/page.css">
</head>
<body>
<a class="skip-link" href="#chat">Skip to the chat</a>
<header class="site-header">
  <div class="brand"><span class="brand-mark" aria-hidden="true">${page.avatar}</span><span class="brand-name">${page.company}</span></div>
  ${call}
</header>
<main class="layout">
  <section class="intro" aria-labelledby="intro-title">
    <h1 id="intro-title">Questions about your account?</h1>
    <p>Chat with ${page.company}&rsquo;s assistant at any hour. It can confirm who you are, explain what is owed, set up a payment plan, record a dispute, or put you in touch with a person.</p>
    <ul class="assurances">
      <li><strong>Keep card and Social Security numbers out of the chat.</strong> Payments go through a secure payment link.</li>
      <li>${person}</li>
      <li>You can ask us to stop contacting you on any channel, and we will.</li>
    </ul>
  </section>
  <section id="chat" class="chat" aria-label="Chat with ${page.company}" tabindex="-1">
    <div id="webchat" class="webchat"><p class="chat-status" role="status">Connecting you to ${page.company}&hellip;</p></div>
  </section>
</main>
<footer class="site-footer"><p>${page.company} &middot; This chat is recorded for quality and compliance.</p></footer>
<script src="/webchat/webchat.js?v=${WEBCHAT_VERSION}" nonce="${page.nonce}" defer></script>
<script src="/webchat/app.js" nonce="${page.nonce}" defer data-target="webchat" data-token-path="${escapeHtml(page.tokenPath)}" data-locale="${page.locale}" data-bot-initials="${page.avatar}"></script>
</body>
</html>
`;
}
