/**
 * End to end in Chromium against `npm run web`: the seed capture as a user sees it. Screenshots of each
 * panel go to test-output/screenshots/. Any console or page error fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SEED_PCAP } from '../support/paths';
import { requireTool } from '../support/require-tool';
import { SCREENSHOT_DIR, CHROMIUM } from './support/browser';
import type { BrowserSession } from './support/browser';
import { webHostMissing } from './support/web-host';
import { openSeedPage, type SeedPage } from './support/seed-page';

const haveChromium = requireTool(CHROMIUM) && requireTool('capinfos');
const missing = webHostMissing();
if (missing && process.env.CI) throw new Error(`E2E needs the web host: ${missing}`);

describe.skipIf(!haveChromium || missing !== null)('seed capture in the browser', () => {
  let s: BrowserSession;
  let seed: SeedPage | undefined;

  beforeAll(async () => {
    seed = await openSeedPage();
    ({ s } = seed);
  });

  afterAll(async () => {
    await seed?.close();
  });

  it('shows 9 packets and 1 conversation, with no console error', async () => {
    const rows = s.page.locator('.packet-list [role=row].row');
    await expect.poll(() => rows.count()).toBe(9);
    await expect.poll(() => s.page.locator('.conversations [role=row].conv-row:not(.header)').count()).toBe(1);
    await expect.poll(() => s.page.getByRole('status').innerText()).toContain('Conversations: 1');
    await s.page.locator('.packet-list').screenshot({ path: join(SCREENSHOT_DIR, 'packet-list.png') });
    await s.page.locator('.conversations').screenshot({ path: join(SCREENSHOT_DIR, 'conversations.png') });
    await s.page.locator('.toolbar').screenshot({ path: join(SCREENSHOT_DIR, 'toolbar.png') });
    await s.page.locator('footer.status').screenshot({ path: join(SCREENSHOT_DIR, 'status-bar.png') });
    expect(s.errors).toEqual([]);
  });

  it('labels the handshake (1–3) and close (5, 6, 8, 9) steps, the window update (4) and the dup ACK (7)', async () => {
    const info = await s.page.locator('.packet-list [role=row].row .info').allInnerTexts();
    expect(info[0]).toContain('Handshake 1/3 SYN');
    expect(info[1]).toContain('Handshake 2/3 SYN-ACK');
    expect(info[2]).toContain('Handshake 3/3 ACK');
    expect(info[3]).toContain('TCP Window Update');
    expect(info[4]).toContain('Close 1/4');
    expect(info[5]).toContain('Close 2/4');
    expect(info[6]).toContain('TCP Dup ACK');
    expect(info[7]).toContain('Close 3/4');
    expect(info[8]).toContain('Close 4/4');
    expect(s.errors).toEqual([]);
  });

  it('shows a clicked packet in its conversation\'s ladder without narrowing the list, and narrows it on request', async () => {
    await s.page.locator('.packet-list [role=row].row').nth(6).click();
    const ladder = s.page.locator('.ladder');
    await expect.poll(() => ladder.locator('h2').innerText()).toBe('Conversation #0 of packet 7');
    await expect.poll(() => ladder.locator('[role=listitem].selected').getAttribute('aria-label')).toMatch(/^Packet 7:/);
    expect(await s.page.locator('.conversations [role=row][aria-current=true]').count()).toBe(1);
    expect(await s.page.locator('.options tbody tr').count()).toBe(5);
    await ladder.getByRole('button', { name: 'Only this conversation' }).click();
    await expect.poll(() => ladder.locator('h2').innerText()).toBe('Conversation #0');
    await expect.poll(() => s.page.locator('.conversations [aria-selected=true]').count()).toBe(1);
    await s.page.locator('.packet-list [role=row].row').first().click();   // back to the ladder's top for the tests below
    await expect.poll(() => ladder.locator('[role=listitem].selected').getAttribute('aria-label')).toMatch(/^Packet 1:/);
    expect(s.errors).toEqual([]);
  });

  it('ends with the client in TIME-WAIT and the server CLOSED, in the table and the ladder', async () => {
    const conv = s.page.locator('.conversations [role=row].conv-row:not(.header)');
    await expect.poll(() => conv.innerText()).toContain('client TIME-WAIT, server CLOSED');
    await conv.locator('[role=gridcell]').first().click();   // the row's centre lies off-screen: Playwright would scroll the table sideways
    const ladder = s.page.locator('.ladder');
    await expect.poll(() => ladder.locator('[role=listitem]').count()).toBe(9);
    const text = await ladder.innerText();
    expect(text).toContain('TIME-WAIT');
    expect(text).toContain('CLOSED');
    expect(text).toContain('inferred');
    await ladder.screenshot({ path: join(SCREENSHOT_DIR, 'ladder.png') });
    await s.page.locator('.side').screenshot({ path: join(SCREENSHOT_DIR, 'options-and-legend.png') });
    expect(s.errors).toEqual([]);
  });

  it('navigates the packet list with the keyboard and shows the selected packet\'s fields and bytes', async () => {
    const grid = s.page.locator('.packet-list [role=grid]');
    await grid.focus();
    await s.page.keyboard.press('Home');
    await s.page.keyboard.press('ArrowDown');
    await expect.poll(() => s.page.locator('.packet-list [aria-selected=true] [role=gridcell]').first().innerText()).toBe('2');
    await s.page.keyboard.press('End');
    await s.page.keyboard.press('ArrowUp');
    await s.page.keyboard.press('ArrowUp');
    await expect.poll(() => s.page.locator('.packet-list [aria-selected=true] [role=gridcell]').first().innerText()).toBe('7');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.locator('[role=tree] [role=treeitem]').count()).toBeGreaterThan(2);
    const explain = await s.page.locator('.explain').innerText();
    expect(explain).toContain('Dup ACK');
    // Why it was flagged, with its numbers: the worker tracks the file again up to packet 7 (packet.why).
    await expect.poll(() => s.page.locator('.explain .because').innerText(), { timeout: 20_000 })
      .toBe('No data, seq 2 = next expected, ack 1 and window 12759 unchanged since frame 3: duplicate #1.');
    expect(await s.page.locator('.explain .not-because').innerText()).toBe('Not a window update: the window did not change.');
    // What happened in its conversation, in a few sentences beside the ladder.
    const story = await s.page.getByRole('region', { name: 'What happened' }).innerText();
    expect(story).toContain('The client closed its side first (FIN in frame 5); the server acknowledged it in frame 6 and closed its side in frame 8');
    const firstField = s.page.locator('[role=tree] [role=treeitem]').nth(1);
    await firstField.click();
    await expect.poll(() => s.page.locator('.hex .on').count()).toBeGreaterThan(0);
    await s.page.locator('.inspector').screenshot({ path: join(SCREENSHOT_DIR, 'detail-and-hex.png') });
    await s.page.screenshot({ path: join(SCREENSHOT_DIR, 'window.png') });
    expect(s.errors).toEqual([]);
  });

  it('filters with the display-filter bar: FIN packets are 5 and 8; a misspelt field gets a suggestion', async () => {
    const input = s.page.getByRole('combobox', { name: 'Display filter' });
    const frames = (): Promise<string[]> => s.page.locator('.packet-list [role=row].row [role=gridcell]:first-child').allInnerTexts();
    await input.click();
    await input.pressSequentially('tcp.flags.fin == 1');
    await s.page.keyboard.press('Enter');
    await expect.poll(frames).toEqual(['5', '8']);
    await expect.poll(() => s.page.getByRole('status').innerText()).toContain('Displayed: 2');
    await s.page.locator('.filter-bar').screenshot({ path: join(SCREENSHOT_DIR, 'filter-bar.png') });

    await input.fill('');
    await input.pressSequentially('tcp.flgs.fin == 1');
    const alert = s.page.locator('.filter-bar [role=alert]');
    await expect.poll(() => alert.innerText()).toContain('Did you mean "tcp.flags.fin"?');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await s.page.keyboard.press('Enter');
    expect(await frames()).toEqual(['5', '8']); // a filter with a problem is not applied; the old one stays
    await s.page.locator('.filter-bar').screenshot({ path: join(SCREENSHOT_DIR, 'filter-bar-error.png') });

    await s.page.getByRole('button', { name: 'Clear filter' }).click();
    await expect.poll(() => frames().then((f) => f.length)).toBe(9);
    expect(s.errors).toEqual([]);
  });

  it('filters on ACK RTT and on tcp.ack of the SYN as tshark does (2, 3, 6, 9 have an ACK RTT; the SYN\'s ack is 0)', async () => {
    const input = s.page.getByRole('combobox', { name: 'Display filter' });
    const frames = (): Promise<string[]> => s.page.locator('.packet-list [role=row].row [role=gridcell]:first-child').allInnerTexts();
    await input.fill('tcp.analysis.ack_rtt');
    await input.press('Enter');
    await expect.poll(frames).toEqual(['2', '3', '6', '9']);
    await input.fill('tcp.analysis.ack_rtt > 0.0001');
    await input.press('Enter');
    await expect.poll(frames).toEqual(['2']);
    await input.fill('tcp.ack == 0');
    await input.press('Enter');
    await expect.poll(frames).toEqual(['1']);
    await s.page.getByRole('button', { name: 'Clear filter' }).click();
    await expect.poll(() => frames().then((f) => f.length)).toBe(9);
    expect(s.errors).toEqual([]);
  });

  it('switches the Time column to the wait since the conversation\'s previous packet from the header menu, and filters on it', async () => {
    const cells = (col: number): Promise<string[]> => s.page.locator(`.packet-list [role=row].row [role=gridcell]:nth-child(${col})`).allInnerTexts();
    await s.page.getByRole('button', { name: 'Columns' }).click();
    // The menu opens over the bands below the list (a click on a covered radio button would fail here).
    await s.page.getByLabel('Seconds since the previous packet of its TCP conversation').check();
    await expect.poll(() => s.page.locator('.packet-list [role=columnheader]').nth(1).innerText()).toContain('Δ conv.');
    await expect.poll(() => cells(2).then((t) => t[4])).toBe('1249.954912');   // the close begins 20 minutes after the handshake
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.locator('.columns-menu').count()).toBe(0);
    const input = s.page.getByRole('combobox', { name: 'Display filter' });
    await input.fill('tcp.time_delta > 1');
    await input.press('Enter');
    await expect.poll(() => cells(1)).toEqual(['5']);
    await s.page.getByRole('button', { name: 'Clear filter' }).click();
    await s.page.getByRole('button', { name: 'Columns' }).click();
    await s.page.getByLabel('Seconds since the first packet').check();
    await s.page.mouse.click(5, 5);                          // a press outside closes the menu
    await expect.poll(() => s.page.locator('.columns-menu').count()).toBe(0);
    await expect.poll(() => cells(2).then((t) => t[4])).toBe('1249.955076');
    expect(s.errors).toEqual([]);
  });

  it('marks packets (Ctrl+M, white on black) and sets a time reference (Ctrl+T, *REF*) as Wireshark does, and shows dates', async () => {
    const rows = s.page.locator('.packet-list [role=row].row');
    const cells = (col: number): Promise<string[]> => s.page.locator(`.packet-list [role=row].row [role=gridcell]:nth-child(${col})`).allInnerTexts();
    await rows.nth(2).click();
    await s.page.keyboard.press('Control+m');
    await rows.nth(3).click();
    await s.page.keyboard.press('Control+t');
    await expect.poll(() => cells(2).then((t) => t.slice(2, 5))).toEqual(['0.000149', '*REF*', '1249.954912']);
    expect(await rows.nth(2).evaluate((e) => { const c = getComputedStyle(e); return [c.backgroundColor, c.color]; })).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await expect.poll(() => s.page.getByRole('status').innerText()).toMatch(/Marked: 1[\s\S]*Time references: 1/);
    const input = s.page.getByRole('combobox', { name: 'Display filter' });
    await input.fill('tcp.flags.fin == 1 || frame.marked == 1');
    await input.press('Enter');
    await expect.poll(() => cells(1)).toEqual(['3', '4', '5', '8']);   // 4: a time reference is always shown
    await s.page.getByRole('button', { name: 'Clear filter' }).click();
    await s.page.getByRole('button', { name: 'Columns' }).click();
    await s.page.getByLabel('UTC date and time of day').check();
    await s.page.mouse.click(5, 5);
    await expect.poll(() => cells(2).then((t) => [t[0], t[3]])).toEqual(['2021-08-02 00:35:50.265450', '*REF*']);
    await rows.nth(3).click();
    await s.page.keyboard.press('Control+Alt+t');                        // Unset All Time References
    await rows.nth(2).click();
    await s.page.keyboard.press('Control+m');
    await expect.poll(() => cells(2).then((t) => t[3])).toBe('2021-08-02 00:35:50.265614');
    await expect.poll(() => s.page.getByRole('status').innerText()).not.toMatch(/Marked|Time references/);
    await s.page.getByRole('button', { name: 'Columns' }).click();
    await s.page.getByLabel('Seconds since the first packet').check();
    await s.page.mouse.click(5, 5);
    expect(s.errors).toEqual([]);
  });

  it('colours the rows by Wireshark\'s coloring rules when chosen: the dup ACK black with red text, as Bad TCP', async () => {
    const rows = s.page.locator('.packet-list [role=row].row');
    await s.page.getByRole('button', { name: 'Columns' }).click();
    await s.page.getByLabel('Coloring rules', { exact: true }).check();
    await s.page.mouse.click(5, 5);
    await expect.poll(() => s.page.locator('.columns-menu').count()).toBe(0);
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-coloring-rule'))))
      .toEqual(['TCP SYN/FIN', 'TCP SYN/FIN', 'TCP', 'TCP', 'TCP SYN/FIN', 'TCP', 'Bad TCP', 'TCP SYN/FIN', 'TCP']);
    await rows.nth(2).click();                               // the selection's colours win on its row only
    const colours = (i: number) => rows.nth(i).evaluate((e) => { const c = getComputedStyle(e); return [c.backgroundColor, c.color]; });
    expect(await colours(6)).toEqual(['rgb(18, 39, 46)', 'rgb(247, 135, 135)']);
    expect(await colours(0)).toEqual(['rgb(160, 160, 160)', 'rgb(18, 39, 46)']);
    expect(await colours(2)).not.toEqual(['rgb(231, 230, 255)', 'rgb(18, 39, 46)']);
    await s.page.getByRole('button', { name: 'Columns' }).click();
    await s.page.getByLabel('Conversation phases').check();
    await s.page.mouse.click(5, 5);
    await expect.poll(() => rows.nth(6).getAttribute('data-coloring-rule')).toBe(null);
    expect(s.errors).toEqual([]);
  });

  it('imports coloring rules from a colorfilters file, applies them, and colours a conversation with Ctrl+1 until Ctrl+Space', async () => {
    const rows = s.page.locator('.packet-list [role=row].row');
    await s.page.getByRole('button', { name: 'Columns' }).click();
    await s.page.getByLabel('Coloring rules', { exact: true }).check();
    await s.page.getByRole('button', { name: 'Coloring rules…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Coloring rules' });
    await dialog.getByLabel('Colorfilters file to import').setInputFiles({
      name: 'colorfilters', mimeType: 'text/plain',
      buffer: Buffer.from('# from Wireshark\n@Window update@tcp.analysis.window_update@[0,0,65535][65535,65535,65535]\n!@Off@tcp@[0,0,0][0,0,0]\n'),
    });
    await expect.poll(() => dialog.locator('li.rule').count()).toBe(22);
    expect(await dialog.locator('li.rule .status').nth(0).innerText()).toBe('Display filter');
    await dialog.screenshot({ path: join(SCREENSHOT_DIR, 'coloring-rules.png') });
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    // tshark -2 --color with the imported rules first: packet 4 is the window update.
    await expect.poll(() => rows.nth(3).getAttribute('data-coloring-rule')).toBe('Window update');
    expect(await rows.nth(3).evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(0, 0, 255)');
    expect(await rows.nth(6).getAttribute('data-coloring-rule')).toBe('Bad TCP');
    await rows.nth(0).click();
    await s.page.keyboard.press('Control+1');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-coloring-rule')))).toEqual(Array(9).fill('Conversation color 1'));
    expect(await rows.nth(3).evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(255, 192, 192)');
    await s.page.keyboard.press('Control+Space');
    await expect.poll(() => rows.nth(3).getAttribute('data-coloring-rule')).toBe('Window update');
    await s.page.getByRole('button', { name: 'Columns' }).click();
    await s.page.getByRole('button', { name: 'Coloring rules…' }).click();
    await dialog.getByRole('button', { name: 'Wireshark\'s defaults' }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await s.page.getByRole('button', { name: 'Columns' }).click();
    await s.page.getByLabel('Conversation phases').check();
    await s.page.mouse.click(5, 5);
    await expect.poll(() => rows.nth(3).getAttribute('data-coloring-rule')).toBe(null);
    expect(s.errors).toEqual([]);
  });

  it('shows Capture File Properties as capinfos describes the file: format, encapsulation, hash, interface', async () => {
    const capinfos = execFileSync('capinfos', ['-M', SEED_PCAP], { encoding: 'utf8' });
    await s.page.locator('.packet-list [role=grid]').focus();
    await s.page.keyboard.press('Control+Alt+Shift+C');
    const dialog = s.page.getByRole('dialog', { name: 'Capture file properties' });
    const fact = (label: string) => dialog.locator('.facts dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]').innerText();
    await expect.poll(() => fact('SHA256')).toBe(/^SHA256:\s+(\S+)$/m.exec(capinfos)![1]);
    expect(await fact('Format')).toBe('Wireshark/tcpdump/... - pcap');
    expect(await fact('Encapsulation')).toBe(/^ +Encapsulation = (.*) \(/m.exec(capinfos)![1]);
    expect(await fact('Snapshot length')).toBe('262,144 bytes');
    const cells = await dialog.locator('table.ifaces tbody tr').first().locator('td').allInnerTexts();
    expect([cells[4], cells[5], cells[6]]).toEqual(['NULL/Loopback', '262,144 bytes', '9']);
    await dialog.screenshot({ path: join(SCREENSHOT_DIR, 'capture-file-properties.png') });
    await s.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(s.errors).toEqual([]);
  });

  it('sets the data-synack-* attributes Electron\'s --smoke check reads', async () => {
    const data = await s.page.evaluate(() => ({ ...document.documentElement.dataset }));
    expect(data.synackPackets).toBe('9');
    expect(data.synackConversations).toBe('1');
    expect(data.synackError).toBeUndefined();
  });
});

describe.skipIf(!haveChromium || missing !== null)('seed capture at 200% zoom, dark theme', () => {
  it('stays usable: rows, conversation and status readable, no console error', async () => {
    const { s, close } = await openSeedPage({ deviceScaleFactor: 2, viewport: { width: 800, height: 600 }, colorScheme: 'dark' });
    try {
      expect(await s.page.locator('.packet-list [role=row].row').count()).toBeGreaterThan(3);
      await s.page.screenshot({ path: join(SCREENSHOT_DIR, 'window-200pct-dark.png') });
      expect(s.errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
