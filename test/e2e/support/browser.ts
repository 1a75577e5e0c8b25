/**
 * Debian's Chromium through playwright-core, headless, with a fresh profile, collecting every console error
 * and page error so a test can fail on them.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { TEST_OUTPUT_DIR } from '../../support/paths';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(TEST_OUTPUT_DIR, 'screenshots');

export interface BrowserSession { context: BrowserContext; page: Page; errors: string[]; close: () => Promise<void> }

export async function openBrowser(options: { deviceScaleFactor?: number; viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'synack-e2e-'));
  // A fresh profile per session (launchPersistentContext owns --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: options.viewport ?? { width: 1600, height: 1000 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context, page, errors,
    close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}
