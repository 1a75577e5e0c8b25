/**
 * `npm run web` on the seed capture and a Chromium page showing it (9 packets): the common start of the
 * E2E suites (call it in beforeAll, `close` in afterAll).
 */
import { SEED_PCAP } from '../../support/paths';
import { openBrowser, type BrowserSession } from './browser';
import { startWebHost, waitForStatus, type WebHost } from './web-host';

export interface SeedPage { host: WebHost; s: BrowserSession; close: () => Promise<void> }

export async function openSeedPage(browser: Parameters<typeof openBrowser>[0] = {}): Promise<SeedPage> {
  const host = await startWebHost(SEED_PCAP);
  const s = await openBrowser(browser);
  await s.page.goto(host.url);
  await waitForStatus(s.page, host, 'Packets: 9', 60_000);
  return { host, s, close: async () => { await s.close(); await host.stop(); } };
}
