// A consumer opens the real service's chat page, proves who they are, asks what they owe and
// disputes it: the whole conversation through the Direct Line endpoint, the dialogs and the gate.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { startParley, type RunningParley } from '../../bot/server/serve.js';
import { launchChromium, type Chromium } from '../support/chromium.js';

let parley: RunningParley;
let browser: Chromium;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-browser-'));

beforeAll(async () => {
  const config = loadConfig({ PARLEY_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PARLEY_LLM: 'off' });
  parley = await startParley(config, { logger: createLogger('silent'), clock: () => new Date('2026-11-24T16:00:00Z') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await parley?.shutdown();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a consumer on the web chat page', () => {
  it('verifies, asks the balance, disputes, and sees each reply', async () => {
    const { page } = browser;
    await page.goto(`${parley.url}/`);
    // Bot bubbles are the ones not from the user; Web Chat also repeats messages in a live region, so look at bubbles.
    const bubbles = page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');
    const waitForBot = async (text: string | RegExp) => {
      await bubbles.filter({ hasText: text }).last().waitFor({ timeout: 20_000 });
    };
    const send = async (text: string) => {
      const input = page.getByRole('textbox').last();
      await input.fill(text);
      await input.press('Enter');
    };

    await waitForBot('automated assistant');
    await send('Hi, I got a letter from you');
    await waitForBot('reference number');
    expect(await page.content()).not.toContain('1,402.25');

    // Alex Sample in the demo portfolio (bot/demo/README.md).
    await send('My reference is DEMO-MA-001, born April 12, 1985, last four 1234');
    await waitForBot(/re verified/);
    await browser.screenshot('conversation-verified');

    await send('How much do I owe?');
    await waitForBot('$1,402.25');
    await browser.screenshot('conversation-balance');

    await send("That's not right, I already paid most of it");
    await waitForBot(/dispute/i);
    await browser.screenshot('conversation-dispute');

    const texts = await bubbles.allTextContents();
    expect(texts.some((text) => /debt collector/i.test(text))).toBe(true);
    const flags = await parley.records.flags.get('DEMO-MA-001');
    expect(flags.dispute).toBeDefined();
    expect(browser.problems).toEqual([]);
  });
});
