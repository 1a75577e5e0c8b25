/**
 * A pcapng that describes itself, in Chromium against `npm run web` (test/support/rich-pcapng.ts): Capture File
 * Properties shows its section, interfaces and packet comments as capinfos reads them, a comment leads to its packet,
 * and that packet's detail shows its comment above a Frame row worded as tshark -V's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../support/require-tool';
import { TEST_OUTPUT_DIR } from '../support/paths';
import { writeRichPcapng } from '../support/rich-pcapng';
import { CHROMIUM, SCREENSHOT_DIR, openBrowser } from './support/browser';
import type { BrowserSession } from './support/browser';
import { startWebHost, waitForStatus, webHostMissing, type WebHost } from './support/web-host';

const haveTools = requireTool(CHROMIUM) && requireTool('capinfos');
const missing = webHostMissing();
if (missing && process.env.CI) throw new Error(`E2E needs the web host: ${missing}`);

describe.skipIf(!haveTools || missing !== null)('a self-describing pcapng in the browser', () => {
  let host: WebHost | undefined;
  let s: BrowserSession | undefined;
  const dir = join(TEST_OUTPUT_DIR, 'e2e-file-properties');
  mkdirSync(dir, { recursive: true });
  const file = writeRichPcapng(dir);

  beforeAll(async () => {
    host = await startWebHost(file);
    s = await openBrowser();
    await s.page.goto(host.url);
    await waitForStatus(s.page, host, 'Packets: 3', 60_000);
  }, 150_000);

  afterAll(async () => {
    await s?.close();
    await host?.stop();
  });

  it('shows the section, interfaces and comments capinfos reads, and a comment selects its packet', async () => {
    const page = s!.page;
    const capinfos = execFileSync('capinfos', ['-M', file], { encoding: 'utf8' });
    await page.locator('.packet-list [role=grid]').focus();
    await page.keyboard.press('Control+Alt+Shift+C');
    const dialog = page.getByRole('dialog', { name: 'Capture file properties' });
    const fact = (label: string) => dialog.locator('.facts dt', { hasText: new RegExp(`^${label}$`) }).first().locator('xpath=following-sibling::dd[1]').innerText();
    await expect.poll(() => fact('SHA1')).toBe(/^SHA1:\s+(\S+)$/m.exec(capinfos)![1]);
    expect(await fact('Hardware')).toBe(/^Capture hardware:\s+(.*)$/m.exec(capinfos)![1]);
    expect(await fact('Time precision')).toBe('per packet (the interfaces differ)');
    expect(await fact('Packets cut short at')).toBe('40 bytes');
    const rows = await dialog.locator('table.ifaces tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['eth0', 'Wired', '4', 'tcp port 80', 'Ethernet', '128 bytes', '2'],
      ['lo', '', '0', 'a BPF program of 2 instructions', 'NULL/Loopback', 'no limit', '1'],
    ]);
    const comments = dialog.getByRole('region', { name: 'Packet comments' });
    expect(await comments.locator('li').allInnerTexts()).toEqual(['Frame 1: first packet: "quoted" \\ back, naïve\ttab', 'Frame 3: loopback', 'Frame 3: second comment']);
    await dialog.screenshot({ path: join(SCREENSHOT_DIR, 'capture-file-properties-pcapng.png') });
    await comments.getByRole('button', { name: 'Frame 3' }).first().click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.locator('.packet-list [aria-selected=true] [role=gridcell]').first().innerText()).toBe('3');
    const tree = page.locator('[role=tree]');
    await expect.poll(() => tree.locator('[role=treeitem]').first().innerText()).toContain('Packet comments');
    await expect.poll(() => tree.innerText()).toMatch(/Frame 3\s*:?\s*40 bytes on wire \(320 bits\), 40 bytes captured \(320 bits\) on interface lo, id 1/);
    expect(s!.errors).toEqual([]);
  });
});
