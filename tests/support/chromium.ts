// Debian's Chromium driven by playwright-core (no browser download): headless, offline, a fresh profile each time.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(process.cwd(), 'test-artifacts');

export interface Chromium {
  context: BrowserContext;
  page: Page;
  /** Everything the page logged as an error, and every Content-Security-Policy violation. */
  problems: string[];
  /** Saves a full-page PNG under test-artifacts/ and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Throws (never skips) when Chromium is missing: the browser tests are part of the suite. */
export async function launchChromium(options: { viewport?: { width: number; height: number } } = {}): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  // A fresh profile per launch: nothing carries over between tests (cookies, storage, cache).
  const profile = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // "Failed to load resource" names no URL in its text: its location does.
    const where = message.location().url;
    problems.push(`console: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('requestfailed', (request) => {
    // A download or a navigation away aborts its request on purpose; anything else is a failed load.
    const reason = request.failure()?.errorText ?? 'unknown';
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Name the resource behind a "Failed to load resource" console error, so a failure says which.
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`response: the server responded with a status of ${response.status()} for ${new URL(response.url()).pathname}`);
  });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return {
    context,
    page,
    problems,
    async screenshot(name) {
      const path = join(ARTIFACTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
