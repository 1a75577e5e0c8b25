/**
 * End to end in Chromium against `npm run web`: a generated 200,000-packet capture (../shared/tools/gen-pcap.mjs)
 * loads completely and the virtual list scrolls to its end by keyboard and by wheel. No console error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from '../support/require-tool';
import { TEST_OUTPUT_DIR, TOOLS_DIR } from '../support/paths';
import { CHROMIUM, openBrowser, SCREENSHOT_DIR } from './support/browser';
import type { BrowserSession } from './support/browser';
import { startWebHost, waitForStatus, webHostMissing } from './support/web-host';
import type { WebHost } from './support/web-host';

const PACKETS = 200_000;
const haveChromium = requireTool(CHROMIUM);
const missing = webHostMissing();

/** The generated capture, made once and kept under test-output/data/. */
function generatedCapture(): string {
  const dir = join(TEST_OUTPUT_DIR, 'data');
  const file = join(dir, `gen-${PACKETS / 1000}k.pcap`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    execFileSync(process.execPath, [join(TOOLS_DIR, 'gen-pcap.mjs'), '--out', file, '--packets', String(PACKETS), '--seed', '7'], { stdio: 'ignore' });
  }
  return file;
}

describe.skipIf(!haveChromium || missing !== null)('large generated capture in the browser', () => {
  let host: WebHost;
  let s: BrowserSession;

  beforeAll(async () => {
    host = await startWebHost(generatedCapture());
    s = await openBrowser();
    await s.page.goto(host.url);
    await waitForStatus(s.page, host, `Packets: ${PACKETS.toLocaleString('en-US')}`, 180_000);
    await s.page.locator('footer.status .state').getByText('done').waitFor({ timeout: 120_000 });
  });

  afterAll(async () => {
    await s?.close();
    await host?.stop();
  });

  it(`loads all ${PACKETS.toLocaleString('en-US')} packets`, async () => {
    await expect.poll(() => s.page.getByRole('status').innerText()).toContain(`Packets: ${PACKETS.toLocaleString('en-US')}`);
    expect(await s.page.locator('.packet-list [role=grid]').getAttribute('aria-rowcount')).toBe(String(PACKETS + 1));
    expect(s.errors).toEqual([]);
  });

  it('jumps to the last packet with End and back with Home', async () => {
    const grid = s.page.locator('.packet-list [role=grid]');
    await grid.focus();
    await s.page.keyboard.press('End');
    const selectedNo = (): Promise<string> => s.page.locator('.packet-list [aria-selected=true] [role=gridcell]').first().innerText();
    await expect.poll(selectedNo).toBe(String(PACKETS));
    await s.page.keyboard.press('PageUp');
    await expect.poll(async () => Number(await selectedNo())).toBeLessThan(PACKETS);
    await s.page.locator('.packet-list').screenshot({ path: join(SCREENSHOT_DIR, 'large-list-end.png') });
    await s.page.keyboard.press('Home');
    await expect.poll(selectedNo).toBe('1');
    expect(s.errors).toEqual([]);
  });

  it('scrolls with the wheel through the middle of the list', async () => {
    const list = s.page.locator('.packet-list .scroller');
    await list.hover();
    for (let i = 0; i < 20; i++) await s.page.mouse.wheel(0, 50_000);
    const first = Number(await s.page.locator('.packet-list [role=row].row [role=gridcell]').first().innerText());
    expect(first).toBeGreaterThan(1000);
    await list.evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
    await expect.poll(async () => Number(await s.page.locator('.packet-list [role=row].row [role=gridcell]').first().innerText())).toBeGreaterThan(PACKETS * 0.4);
    await s.page.screenshot({ path: join(SCREENSHOT_DIR, 'large-window.png') });
    expect(s.errors).toEqual([]);
  });
});
