// A person opens the chat page in Chromium, is greeted, types a question and reads the reply.
import express from 'express';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webChatPageRoutes } from '../../adapters/channels/webchat-page/index.js';
import { launchChromium, type Chromium } from '../support/chromium.js';
import { echoRunner, startDirectLineServer, type RunningServer } from '../support/directline.js';

const COMPANY = 'Northwind Recovery Services';
let server: RunningServer;
let browser: Chromium;

beforeAll(async () => {
  server = await startDirectLineServer({
    runner: echoRunner({ greeting: `Hello, this is the ${COMPANY} assistant. How can I help?` }),
    // As in the real app: helmet's defaults first, then the routes.
    before: (app) => {
      app.use(helmet());
      app.use(express.json());
    },
    extend: (app) => app.use(webChatPageRoutes({ companyName: COMPANY, supportPhone: '1-800-555-0199' })),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the web chat page', () => {
  it('greets, carries a typed question to the bot over a WebSocket and shows the reply, within its CSP', async () => {
    const { page } = browser;
    const response = await page.goto(`${server.baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Questions about your account?');
    expect(await page.title()).toBe(`Chat with ${COMPANY}`);

    // Web Chat also repeats each message in a screen-reader live region: look at the visible bubbles.
    const bubble = (text: string) => page.locator('.webchat__bubble__content', { hasText: text }).first();
    await bubble(`Hello, this is the ${COMPANY} assistant. How can I help?`).waitFor({ timeout: 15_000 });
    await browser.screenshot('webchat-greeting');

    const input = page.getByRole('textbox').last();
    await input.fill('What do I owe?');
    await input.press('Enter');
    await bubble('You said: What do I owe?').waitFor({ timeout: 10_000 });
    expect(await page.locator('.webchat__bubble--from-user .webchat__bubble__content').last().textContent()).toContain('What do I owe?');
    await browser.screenshot('webchat-reply');

    expect(server.channel.socketCount()).toBe(1);

    // On a phone the same conversation stays readable and the send box stays in reach.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.getByRole('textbox').last().isVisible()).toBe(true);
    await browser.screenshot('webchat-phone');
    expect(browser.problems).toEqual([]);
  });
});
