// A compliance officer in Chromium: signs in, finds the conversation where a consumer disputed the
// debt (driven through the running bot), opens it, reads the rule and citation beside the reply,
// exports the evidence and checks it with `parley audit verify --export`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidenceExport } from '../../adapters/index.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { startParley, type RunningParley } from '../../bot/server/serve.js';
import { sendMessage } from '../support/bot-client.js';
import { launchChromium, type Chromium } from '../support/chromium.js';
import { spawnParley } from '../support/cli.js';
import { TEST_CHECKPOINT_KEY } from '../support/console-server.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

let database: TestDatabase;
let parley: RunningParley;
let browser: Chromium;
let token: string;
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-console-browser-'));
const disputeConversation = `console-browser-${Date.now()}`;

async function say(conversationId: string, text: string): Promise<string[]> {
  const result = await sendMessage(parley.url, { conversationId, text, channelId: 'webchat' });
  expect(result.status).toBe(200);
  return result.replies.map((reply) => reply.text ?? '');
}

beforeAll(async () => {
  database = await createTestDatabase('console_browser');
  const env = { DATABASE_URL: database.url, PARLEY_AUDIT_CHECKPOINT_KEY: TEST_CHECKPOINT_KEY };
  parley = await startParley(loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1', PARLEY_DEMO: 'true', PARLEY_LLM: 'off', LOG_LEVEL: 'silent' }), { logger: createLogger('silent') });

  // A real conversation through the bot: identity first, then a dispute in the consumer's own words.
  await say(disputeConversation, 'Hi, I got a message about account DEMO-MA-001');
  expect((await say(disputeConversation, 'My date of birth is 1985-04-12 and the last four of my SSN are 1234')).join(' ')).toContain("You're verified");
  expect((await say(disputeConversation, "I don't owe this debt. I dispute it.")).join(' ')).toContain('recorded your dispute');
  // And one that is not about a dispute.
  await say(`${disputeConversation}-other`, 'Hi, this is about account DEMO-CA-002');

  const added = await spawnParley(['users', 'add', '--name', 'Olivia Officer', '--role', 'officer', '--json'], env);
  expect(added.code).toBe(0);
  token = (JSON.parse(added.stdout) as { token: string }).token;
  browser = await launchChromium({ viewport: { width: 1360, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await parley?.shutdown();
  await database?.drop();
  fs.rmSync(downloads, { recursive: true, force: true });
});

describe('the compliance console', () => {
  it('takes an officer from sign-in to a verified evidence export of a disputed conversation', async () => {
    const { page } = browser;
    // Not signed in: the console sends the browser to the sign-in page.
    await page.goto(`${parley.url}/console/`);
    await page.waitForURL(/\/console\/sign-in$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Parley compliance console');
    await page.getByLabel('Sign-in token').fill('u_0000000000.wrong-token-wrong-token-wrong-token-wrong-tok');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toContain('not valid');
    await browser.screenshot('console-sign-in');
    await page.getByLabel('Sign-in token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/#?\/?(search)?/);
    await page.locator('#who').filter({ hasText: 'Olivia Officer · officer' }).waitFor();
    await page.locator('#integrity.ok').waitFor();

    // Find the conversation where a dispute was raised.
    await page.getByLabel('Flag change').selectOption('dispute');
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.locator('#conversation-results tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-key')).toBe(`conv:webchat:${disputeConversation}`);
    expect(await rows.first().textContent()).toContain('DEMO-MA-001');
    await browser.screenshot('console-search');

    // Open it: the reply after the dispute, with the rule and citation beside it.
    await rows.first().getByRole('link', { name: 'Open' }).click();
    await page.locator('#transcript .entry').first().waitFor();
    await expect.poll(() => page.locator('#chain-integrity').textContent()).toBe('chain verified');
    const flagChange = page.locator('#transcript .entry-flag-change');
    expect(await flagChange.textContent()).toContain('dispute');
    const reply = page.locator('#transcript .entry-outbound', { hasText: 'recorded your dispute' });
    expect(await reply.locator('.bubble').textContent()).toContain("I've recorded your dispute of the whole debt");
    const panel = reply.locator('aside.decision');
    expect(await panel.locator('.badge').first().textContent()).toBe('send');
    await panel.locator('details summary').click();
    const disputeRule = panel.locator('li.rule', { has: page.locator('.rule-id', { hasText: /^dispute$/ }) });
    await disputeRule.waitFor();
    expect(await disputeRule.locator('cite').textContent()).toBe('12 CFR 1006.38');
    expect(await disputeRule.isVisible()).toBe(true);
    // Personal data is masked until unmasked: the birth date the consumer typed is not shown.
    expect(await page.locator('#transcript').textContent()).not.toContain('1985-04-12');
    await browser.screenshot('console-transcript');

    // Export it and check the download with the CLI.
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export evidence (JSON Lines, CSV, PDF)' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/^parley-evidence-.*\.zip$/);
    const saved = path.join(downloads, download.suggestedFilename());
    await download.saveAs(saved);
    await expect.poll(() => page.locator('#export-status').textContent()).toContain('parley audit verify --export');
    expect(verifyEvidenceExport(saved)).toMatchObject({ ok: true, files: 3 });
    const verified = await spawnParley(['audit', 'verify', '--export', saved], {});
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^Export intact: 3 files match the manifest/);
    await browser.screenshot('console-exported');

    // The oversight page draws its charts from the same trail.
    await page.getByRole('link', { name: 'Oversight' }).click();
    await page.locator('figure.chart svg').first().waitFor();
    expect(await page.locator('figure.chart').count()).toBe(5);
    await browser.screenshot('console-dashboard');

    // The read and the export were recorded, with who did them.
    const recorded = await database.sql<{ action: string; actor: string }>(
      `SELECT payload ->> 'action' AS action, payload -> 'actor' ->> 'name' AS actor FROM audit_events WHERE chain_id = 'console' ORDER BY seq`,
    );
    expect(recorded).toEqual(expect.arrayContaining([{ action: 'read-transcript', actor: 'Olivia Officer' }, { action: 'export', actor: 'Olivia Officer' }]));

    // The only errors the page logged are the refused sign-in and the 401 that sent it to sign in.
    expect(browser.problems.filter((problem) => !/status of 401/.test(problem))).toEqual([]);
  });
});
