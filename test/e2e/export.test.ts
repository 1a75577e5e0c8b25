/**
 * Save As / Export in Chromium against `npm run web`: the seed's conversation exported from the conversation
 * table, the whole capture from the toolbar, the FIN packets through the display filter and two marked packets, each checked with
 * tshark against the seed itself. The web host writes into its export folder; the page shows where.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../support/require-tool';
import { SEED_PCAP } from '../support/paths';
import { CHROMIUM, SCREENSHOT_DIR } from './support/browser';
import type { BrowserSession } from './support/browser';
import { webHostMissing } from './support/web-host';
import { openSeedPage, type SeedPage } from './support/seed-page';

const haveChromium = requireTool(CHROMIUM);
const haveTshark = requireTool('tshark');
const missing = webHostMissing();
if (missing && process.env.CI) throw new Error(`E2E needs the web host: ${missing}`);

const FIELDS = ['frame.time_epoch', 'frame.len', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags'];
const fields = (path: string, filter?: string): string[] => execFileSync('tshark', [
  '-n', '-r', path, ...(filter ? ['-Y', filter] : []), '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f]),
], { encoding: 'utf8' }).trim().split('\n');

describe.skipIf(!haveChromium || !haveTshark || missing !== null)('export in the browser', () => {
  let s: BrowserSession;
  let seed: SeedPage | undefined;

  beforeAll(async () => {
    seed = await openSeedPage();
    ({ s } = seed);
  });

  afterAll(async () => {
    await seed?.close();
  });

  /**
   * Waits for the toolbar's "Saved N packets to PATH" line, PATH ending in `name` (the line of an earlier export may
   * still show), and returns the path.
   */
  async function savedPath(count: number, name = ''): Promise<string> {
    const line = s.page.locator('.toolbar .export-outcome');
    await expect.poll(() => line.innerText(), { timeout: 20_000 }).toMatch(new RegExp(`^Saved ${count} packets? to /\\S*${name.replace(/\./g, '\\.')}\\b`));
    const text = await line.innerText();
    return /to (\/\S+\.pcapng)/.exec(text)![1];
  }

  it('exports the selected conversation: tshark reads the same 9 frames as tcp.stream==0 of the seed', async () => {
    await s.page.locator('.conversations [role=row].conv-row:not(.header)').click();
    await s.page.locator('.conversations header').getByRole('button', { name: 'Export…' }).click();
    const out = await savedPath(9);
    expect(out).toMatch(/\/synack-exports-[^/]+\/seed-lo0-stream-0\.pcapng$/); // the host's export folder
    const got = fields(out);
    expect(got).toHaveLength(9);
    expect(got).toEqual(fields(SEED_PCAP, 'tcp.stream==0'));
    await s.page.locator('.toolbar').screenshot({ path: join(SCREENSHOT_DIR, 'toolbar-exported.png') });
    expect(s.errors).toEqual([]);
  });

  it('Save As writes the whole capture; Export displayed writes only what the display filter shows', async () => {
    await s.page.locator('.conversations header').getByRole('button', { name: 'All packets' }).click();
    await s.page.locator('.toolbar').getByRole('button', { name: 'Save As…' }).click();
    expect(fields(await savedPath(9))).toEqual(fields(SEED_PCAP));

    const input = s.page.getByRole('combobox', { name: 'Display filter' });
    await input.fill('tcp.flags.fin == 1');
    await input.press('Enter');
    await expect.poll(() => s.page.getByRole('status').innerText()).toContain('Displayed: 2');
    await s.page.locator('.toolbar').getByRole('button', { name: 'Export displayed…' }).click();
    const out = await savedPath(2);
    expect(out).toMatch(/seed-lo0-displayed\.pcapng$/);
    expect(fields(out)).toEqual(fields(SEED_PCAP, 'tcp.flags.fin == 1'));
    expect(s.errors).toEqual([]);
  });

  it('Export marked writes the packets marked with Ctrl+M, whatever the filter shows', async () => {
    await s.page.getByRole('button', { name: 'Clear filter' }).click();
    const rows = s.page.locator('.packet-list [role=row].row');
    await expect.poll(() => rows.count()).toBe(9);
    for (const i of [1, 6]) {
      await rows.nth(i).click();
      await s.page.keyboard.press('Control+m');
    }
    const input = s.page.getByRole('combobox', { name: 'Display filter' });
    await input.fill('tcp.flags.fin == 1');
    await input.press('Enter');
    await s.page.locator('.toolbar').getByRole('button', { name: 'Export marked…' }).click();
    const out = await savedPath(2, 'seed-lo0-marked.pcapng');
    expect(fields(out)).toEqual(fields(SEED_PCAP, 'frame.number == 2 || frame.number == 7'));
    expect(s.errors).toEqual([]);
  });

  it('Packet comments (Ctrl+Alt+C) show in the detail pane and Save As writes them: tshark reads frame.comment', async () => {
    await s.page.getByRole('button', { name: 'Clear filter' }).click();
    const rows = s.page.locator('.packet-list [role=row].row');
    await expect.poll(() => rows.count()).toBe(9);
    await rows.nth(2).click();
    await s.page.keyboard.press('Control+Alt+c');
    const dialog = s.page.getByRole('dialog', { name: 'Packet comments: packet 3' });
    await dialog.getByRole('textbox', { name: 'Comment 1' }).fill('handshake done, "quoted"');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => s.page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => s.page.getByRole('tree', { name: 'Packet fields' }).innerText()).toContain('Packet comments: handshake done, "quoted"');
    await expect.poll(() => s.page.getByRole('status').innerText()).toContain('Comments edited: 1 (not saved)');
    await s.page.locator('.toolbar').getByRole('button', { name: 'Save As…' }).click();
    const out = await savedPath(9);
    const comments = execFileSync('tshark', ['-r', out, '-T', 'fields', '-e', 'frame.comment'], { encoding: 'utf8' }).split('\n').slice(0, -1);
    expect(comments).toEqual(['', '', 'handshake done, "quoted"', '', '', '', '', '', '']);
    expect(fields(out)).toEqual(fields(SEED_PCAP));
    await expect.poll(() => s.page.getByRole('status').innerText()).not.toContain('not saved');
    expect(s.errors).toEqual([]);
  });
});
