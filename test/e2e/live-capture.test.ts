/**
 * End to end in Chromium against `npm run web`, as root: pick the loopback interface in the toolbar, type a
 * BPF filter for one port, Start, make TCP connections to that port on 127.0.0.1 (bounded), and see them
 * appear live — packets labelled with their handshake and close steps, one conversation per connection —
 * then Stop. Any console or page error fails the test.
 */
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRoot, requireTool } from '../support/require-tool';
import { CHROMIUM, SCREENSHOT_DIR, type BrowserSession } from './support/browser';
import { webHostMissing } from './support/web-host';
import { openSeedPage, type SeedPage } from './support/seed-page';

const haveChromium = requireTool(CHROMIUM);
const root = requireRoot();
const missing = webHostMissing();
if (missing && process.env.CI) throw new Error(`E2E needs the web host: ${missing}`);

/** One complete connection to `port`: handshake, a request and its echo, both sides close. */
async function oneConnection(port: number): Promise<void> {
  const sock = connect(port, '127.0.0.1');
  await once(sock, 'connect');
  sock.write('hello over loopback\n');
  await once(sock, 'data');
  sock.end();
  await once(sock, 'close');
}

describe.skipIf(!haveChromium || !root || missing !== null)('live capture on lo in the browser', () => {
  let s: BrowserSession;
  let seed: SeedPage | undefined;
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    server = createServer((c) => { c.on('data', (d) => c.write(d)); c.on('end', () => c.end()); });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    seed = await openSeedPage();
    ({ s } = seed);
  });

  afterAll(async () => {
    await seed?.close();
    server?.close();
  });

  it('shows loopback connections to one port live, with their steps, and stops', async () => {
    const iface = s.page.getByRole('combobox', { name: 'Interface' });
    await expect.poll(() => iface.locator('option[value=lo]').count(), { timeout: 30_000 }).toBe(1);
    await iface.selectOption('lo');
    await s.page.getByPlaceholder('capture filter, e.g. tcp port 443').fill(`tcp port ${port}`);
    await s.page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => s.page.getByRole('button', { name: 'Stop' }).count(), { timeout: 30_000 }).toBe(1);

    // The live source replaces the seed; the capture may take a moment to see its first packet, so connect
    // until one shows, at most 20 times.
    const rows = s.page.locator('.packet-list [role=row].row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(0);
    for (let i = 0; i < 20 && (await rows.count()) === 0; i++) {
      await oneConnection(port);
      await new Promise((r) => setTimeout(r, 250));
    }
    await oneConnection(port);
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
    const info = (await s.page.locator('.packet-list [role=row].row .info').allInnerTexts()).join('\n');
    expect(info).toContain('Handshake 1/3 SYN');
    expect(info).toContain('Handshake 3/3 ACK');
    expect(info).toMatch(/Close \d\/\d/);
    await expect.poll(() => s.page.locator('.toolbar .counters').innerText()).toMatch(/Received by filter \d+\s+Dropped by kernel 0/);
    const convs = s.page.locator('.conversations [role=row].conv-row:not(.header)');
    await expect.poll(() => convs.count()).toBeGreaterThanOrEqual(2);
    expect(await convs.first().innerText()).toContain(String(port));
    // The client closed first: while the capture runs, its TIME-WAIT counts down in the ladder. The list now shows that
    // conversation; its last packet (End) is the client's last ACK, which the ladder brings into view.
    await convs.first().click();
    await s.page.locator('.packet-list [role=grid]').focus();
    await s.page.keyboard.press('End');
    await expect.poll(() => s.page.locator('.ladder').innerText(), { timeout: 10_000 }).toMatch(/TIME-WAIT ends in \d+:\d\d/);
    await s.page.locator('.ladder').screenshot({ path: join(SCREENSHOT_DIR, 'live-ladder.png') });
    await s.page.locator('.toolbar').screenshot({ path: join(SCREENSHOT_DIR, 'live-toolbar.png') });
    await s.page.screenshot({ path: join(SCREENSHOT_DIR, 'live-window.png') });

    await s.page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => s.page.getByRole('button', { name: 'Start' }).count(), { timeout: 30_000 }).toBe(1);
    expect(s.errors).toEqual([]);
  });
});
