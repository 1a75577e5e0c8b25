/**
 * The conversation view in Chromium against `npm run web` on a real download with retransmissions
 * (zeek__http__206_example_b.pcap): a packet picked through the display filter shows in its conversation's ladder,
 * centred and selected, with its label kept clear of the frame/time margin (they overlapped when a label was long);
 * Follow TCP Stream with Find and Save as (raw bytes against tshark's raw follow); the stream graphs; expert information.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../support/require-tool';
import { CORPUS_DIR } from '../support/paths';
import { CHROMIUM, SCREENSHOT_DIR, openBrowser } from './support/browser';
import type { BrowserSession } from './support/browser';
import { startWebHost, webHostMissing, type WebHost } from './support/web-host';

const haveChromium = requireTool(CHROMIUM);
const missing = webHostMissing();
if (missing && process.env.CI) throw new Error(`E2E needs the web host: ${missing}`);

describe.skipIf(!haveChromium || missing !== null)('ladder of a selected packet in the browser', () => {
  let host: WebHost | undefined;
  let s: BrowserSession | undefined;

  beforeAll(async () => {
    host = await startWebHost(join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'));
    s = await openBrowser();
    await s.page.goto(host.url);
  }, 150_000);

  afterAll(async () => {
    await s?.close();
    await host?.stop();
  });

  it('shows the first retransmission in conversation 0, labelled in full and clear of its time', async () => {
    const page = s!.page;
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 30_000 }).toContain('Packets: 1,556');
    const input = page.getByRole('combobox', { name: 'Display filter' });
    await input.fill('tcp.analysis.retransmission');
    await input.press('Enter');
    await expect.poll(() => page.locator('.packet-list [role=row].row [role=gridcell]:first-child').first().innerText()).toBe('217');
    await page.locator('.packet-list [role=row].row').first().click();
    const ladder = page.locator('.ladder');
    await expect.poll(() => ladder.locator('h2').innerText()).toBe('Conversation #0 of packet 217');
    const row = ladder.locator('[role=listitem].selected');
    await expect.poll(() => row.getAttribute('aria-label')).toMatch(/^Packet 217:/);
    const label = row.locator('.label');
    expect(await label.getAttribute('title')).toBe('[TCP Retransmission] [.] seq 136936 ack 288 len 1400 win 65535 re-sends #150');
    const meta = (await row.locator('.meta').boundingBox())!, text = (await label.boundingBox())!;
    expect(meta.x + meta.width).toBeLessThanOrEqual(text.x);
    // Centred: the selected row sits in the middle of the scroller, with rows above and below it.
    const scroller = (await ladder.locator('.scroller').boundingBox())!, band = (await row.locator('.band').boundingBox())!;
    expect(Math.abs(band.y + band.height / 2 - (scroller.y + scroller.height / 2))).toBeLessThan(band.height);
    await ladder.screenshot({ path: join(SCREENSHOT_DIR, 'ladder-retransmission.png') });
    expect(s!.errors).toEqual([]);
  });

  it('follows the stream: the HTTP request in the client\'s colour, the reply in the server\'s, a click selects its packet', async () => {
    const page = s!.page;
    await page.getByRole('button', { name: 'Clear' }).click();                     // the whole list again
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Displayed: 1,556');
    await page.locator('.ladder').getByRole('button', { name: 'Follow stream' }).click();
    const dialog = page.getByRole('dialog', { name: 'Follow TCP stream #0' });
    await expect.poll(() => dialog.locator('pre.piece').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    const first = dialog.locator('pre.piece').first(), second = dialog.locator('pre.piece').nth(1);
    expect(await first.innerText()).toMatch(/^GET \/msdownload\/update\//);
    expect(await second.innerText()).toMatch(/^HTTP\/1\.1 206 Partial Content/);
    const colour = (l: typeof first) => l.evaluate((e) => getComputedStyle(e).color);
    expect(await colour(first)).toBe('rgb(127, 0, 0)');
    expect(await colour(second)).toBe('rgb(0, 0, 127)');
    await second.click();
    await expect.poll(() => page.locator('.packet-list [aria-selected=true] [role=gridcell]').first().innerText()).toBe('5');
    await dialog.screenshot({ path: join(SCREENSHOT_DIR, 'follow-stream.png') });
    // Find marks a match; Save as in Raw mode downloads the payload bytes tshark's raw follow prints.
    await dialog.getByRole('searchbox', { name: 'Find in stream' }).fill('content-range');
    await dialog.getByRole('searchbox', { name: 'Find in stream' }).press('Enter');
    await expect.poll(() => dialog.locator('mark.found').innerText()).toBe('Content-Range');
    await dialog.getByRole('combobox', { name: 'Show data as' }).selectOption('raw');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save as…' }).click()]);
    expect(download.suggestedFilename()).toBe('tcp-stream-0.bin');
    const saved = readFileSync((await download.path())!);
    const raw = execFileSync('tshark', ['-r', join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'), '-q', '-z', 'follow,tcp,raw,0'], { encoding: 'utf8', maxBuffer: 64 << 20 })
      .split('\n').filter((l) => /^\t?[0-9a-f]+$/.test(l)).map((l) => l.trim()).join('');
    expect(saved.toString('hex')).toBe(raw);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(s!.errors).toEqual([]);
  });

  it('draws the conversation as a sequence graph; a drag zooms in, a click selects a segment\'s packet', async () => {
    const page = s!.page;
    const ladder = page.locator('.ladder');
    await ladder.getByRole('button', { name: 'Graphs' }).click();
    const svg = ladder.locator('.stream-graph svg');
    await expect.poll(() => svg.locator('path.data').getAttribute('d')).toMatch(/^M\d+ /);
    expect(await svg.locator('path.resent').getAttribute('d')).not.toBe('');
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    await page.mouse.move(box.x + 75, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 110, box.y + 40);
    await page.mouse.move(box.x + 140, box.y + 40);
    await page.mouse.up();
    await expect.poll(() => ladder.getByRole('button', { name: 'Whole span' }).count()).toBe(1);
    await ladder.screenshot({ path: join(SCREENSHOT_DIR, 'sequence-graph.png') });
    await page.mouse.click(box.x + 100, box.y + 40);
    await expect.poll(() => svg.locator('circle.selected').count()).toBe(1);
    await ladder.getByRole('button', { name: 'Ladder' }).click();
    await expect.poll(() => ladder.locator('[role=listitem].selected').count()).toBe(1);   // the clicked segment, in the ladder
    expect(s!.errors).toEqual([]);
  });

  it('draws the throughput and round trip time graphs, each on its own axes', async () => {
    const page = s!.page;
    const ladder = page.locator('.ladder');
    await ladder.getByRole('button', { name: 'Graphs' }).click();
    const graph = ladder.locator('.stream-graph');
    await graph.getByRole('combobox', { name: 'Graph' }).selectOption('throughput');
    await expect.poll(() => graph.locator('path.tput').getAttribute('d')).toMatch(/^M\d+ /);
    expect(await graph.locator('.tick.right').allTextContents()).toContainEqual(expect.stringMatching(/bit\/s$/));
    await ladder.screenshot({ path: join(SCREENSHOT_DIR, 'throughput-graph.png') });
    await graph.getByRole('combobox', { name: 'Graph' }).selectOption('rtt');
    await expect.poll(() => graph.locator('path.data').getAttribute('d')).toMatch(/^M\d+ /);
    expect(await graph.locator('.axis-label').first().textContent()).toBe('Round-trip time (ms)');
    await ladder.screenshot({ path: join(SCREENSHOT_DIR, 'rtt-graph.png') });
    await ladder.getByRole('button', { name: 'Ladder' }).click();
    expect(s!.errors).toEqual([]);
  });

  it('sums the expert flags up in the status bar as tshark counts them; a flag\'s "Show" filters the list to its packets', async () => {
    const page = s!.page;
    const expert = page.locator('footer').getByRole('button', { name: /^Expert:/ });
    expect(await expert.innerText()).toBe('Expert: ⚠ 110 warnings, 120 notes, 14 chats');
    await expert.click();
    const dialog = page.getByRole('dialog', { name: 'Expert information' });
    const zero = dialog.getByRole('row').filter({ hasText: 'TCP ZeroWindow' });
    expect(await zero.innerText()).toContain('57');
    await zero.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Displayed: 57');
    expect(await page.getByRole('combobox', { name: 'Display filter' }).inputValue()).toBe('tcp.analysis.zero_window');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(s!.errors).toEqual([]);
  });

  it('Ctrl+G goes to a packet: it is selected and scrolled into the middle of the list', async () => {
    const page = s!.page;
    const input = page.getByRole('combobox', { name: 'Display filter' });
    await input.fill('');
    await input.press('Enter');
    await expect.poll(() => page.locator('.packet-list [role=grid]').getAttribute('aria-rowcount')).toBe('1557');   // every packet and the header
    await page.locator('.packet-list [role=grid]').focus();
    await page.keyboard.press('Control+g');
    const number = page.getByRole('search', { name: 'Go to packet' }).getByRole('textbox', { name: 'Packet number' });
    await expect.poll(() => number.evaluate((e) => e === document.activeElement)).toBe(true);
    await number.fill('1200');
    await number.press('Enter');
    const selected = page.locator('.packet-list [aria-selected=true]');
    await expect.poll(() => selected.locator('[role=gridcell]').first().innerText()).toBe('1200');
    const [row, list] = [(await selected.boundingBox())!, (await page.locator('.packet-list .scroller').boundingBox())!];
    expect(row.y).toBeGreaterThan(list.y + 22);
    expect(row.y + row.height).toBeLessThan(list.y + list.height);
    expect(await page.getByRole('search', { name: 'Go to packet' }).count()).toBe(0);
    expect(s!.errors).toEqual([]);
  });

  it('draws the I/O graph: every packet and the TCP errors per second', async () => {
    const page = s!.page;
    await page.locator('footer').getByRole('button', { name: 'I/O graph' }).click();
    const dialog = page.getByRole('dialog', { name: 'I/O graph' });
    await expect.poll(() => dialog.locator('path.line1').getAttribute('d')).toMatch(/^M\d+ /);
    expect(await dialog.locator('path.errors').getAttribute('d')).toMatch(/V/);
    // A second line of the ACK RTT's average per second (a Y field), on the same axis as the packets.
    await dialog.getByRole('button', { name: 'Add line' }).click();
    await dialog.getByLabel('Y axis of Line 3').selectOption('avg');
    await dialog.getByLabel('Y field of Line 3').fill('tcp.analysis.ack_rtt');
    await expect.poll(() => dialog.locator('.legend').textContent()).toContain('Line 3 (tcp): AVG(tcp.analysis.ack_rtt)');
    expect(await dialog.locator('path.line2').getAttribute('d')).toMatch(/^M[\d.]+ /);
    // Zoom into the first seconds, where the download and its retransmissions are.
    const box = (await dialog.locator('svg').boundingBox())!;
    await page.mouse.move(box.x + 73, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + 90, box.y + 60);
    await page.mouse.up();
    await expect.poll(() => dialog.getByRole('button', { name: 'Whole span' }).count()).toBe(1);
    await dialog.screenshot({ path: join(SCREENSHOT_DIR, 'io-graph.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(s!.errors).toEqual([]);
  });

  it('applies a detail-tree field as a display filter from its context menu, as tshark counts it', async () => {
    const page = s!.page;
    const field = page.getByRole('tree', { name: 'Packet fields' }).getByRole('treeitem').filter({ hasText: /^Source Port: 80$/ });
    await field.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Filter on Source Port' });
    await expect.poll(() => menu.locator('.field').innerText()).toBe('tcp.srcport == 80');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'apply-as-filter.png') });
    await menu.getByRole('menuitem', { name: 'Apply as filter: Selected' }).click();
    const expected = execFileSync('tshark', ['-r', join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'), '-Y', 'tcp.srcport == 80', '-T', 'fields', '-e', 'frame.number'],
      { encoding: 'utf8', maxBuffer: 16 << 20 }).trim().split('\n').length;
    await expect.poll(() => page.locator('.packet-list [role=grid]').getAttribute('aria-rowcount')).toBe(String(expected + 1));
    expect(await page.getByRole('combobox', { name: 'Display filter' }).inputValue()).toBe('tcp.srcport == 80');
    expect(await menu.count()).toBe(0);
    // The selected packet stays selected and in view under the new filter, as in Wireshark.
    await expect.poll(() => page.locator('.packet-list [role=row].row.selected').count()).toBe(1);
    expect(s!.errors).toEqual([]);
  });

  it('copies a field (menu and Wireshark\'s keys) and a frame\'s bytes as tshark -x dumps them', async () => {
    const page = s!.page;
    await s!.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    const tree = page.getByRole('tree', { name: 'Packet fields' });
    await tree.getByRole('treeitem').filter({ hasText: /^Source Port: 80$/ }).click({ button: 'right' });
    await page.getByRole('menu', { name: 'Filter on Source Port' }).getByRole('menuitem', { name: 'Copy: As Filter' }).click();
    await expect.poll(clipboard).toBe('tcp.srcport == 80');
    expect(await page.locator('footer .copied').innerText()).toBe('Copied As Filter (tcp.srcport == 80)');
    await tree.focus();
    await page.keyboard.press('Control+Shift+V');
    await expect.poll(clipboard).toBe('80');
    // The frame's own bytes, as tshark -x prints that frame.
    const row = page.locator('.packet-list [role=row].row.selected');
    const frame = Number(await row.locator('[role=gridcell]').first().innerText());
    expect(await tree.getByRole('treeitem').first().locator('.label').innerText()).toMatch(new RegExp(`^Frame ${frame}: `));
    await tree.getByRole('treeitem').first().click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Copy: Bytes as Hex + ASCII Dump' }).click();
    const dump = execFileSync('tshark', ['-r', join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'), '-x', '-Y', `frame.number == ${frame}`],
      { encoding: 'utf8', maxBuffer: 16 << 20 }).split('\n\n')[0].split('\n').filter((l) => /^[0-9a-f]{4} {2}/.test(l)).join('\n');
    expect(dump.length).toBeGreaterThan(100);
    await expect.poll(clipboard).toBe(dump);
    // A packet-list row as CSV: the shown columns' titles, then its cells.
    await row.locator('[role=gridcell]').nth(2).click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Copy: Summary as CSV' }).click();
    await expect.poll(async () => (await clipboard()).split('\n')[1]).toMatch(new RegExp(`^"${frame}",`));
    expect((await clipboard()).split('\n')[0]).toMatch(/^"No\.","Time","Source","Destination",/);
    expect(s!.errors).toEqual([]);
  });

  it('filters on packet bytes (contains, matches), as tshark -2 -Y does', async () => {
    const page = s!.page;
    const input = page.getByRole('combobox', { name: 'Display filter' });
    for (const text of ['frame contains "GET"', 'tcp.payload matches "^http/1\\\\.1 206" && tcp.stream == 0']) {
      await input.fill(text);
      await input.press('Enter');
      const expected = execFileSync('tshark', ['-2', '-r', join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'), '-Y', text, '-T', 'fields', '-e', 'frame.number'],
        { encoding: 'utf8', maxBuffer: 16 << 20 }).trim().split('\n').length;
      expect(expected).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.packet-list [role=grid]').getAttribute('aria-rowcount')).toBe(String(expected + 1));
      await expect.poll(() => page.locator('.filter-bar .note').count()).toBe(0);
    }
    await input.fill('');
    await input.press('Enter');
    expect(s!.errors).toEqual([]);
  });

  it('finds packets (Ctrl+F): a string in the packet bytes, next with Enter, previous with Shift+F3, as tshark finds them', async () => {
    const page = s!.page;
    await page.locator('.packet-list [role=grid]').focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+f');
    const bar = page.getByRole('search', { name: 'Find packet' });
    await bar.getByRole('combobox', { name: 'Find by' }).selectOption('string');
    await bar.getByRole('textbox', { name: 'What to find' }).fill('content-range: bytes');
    const want = execFileSync('tshark', ['-r', join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'), '-Y', 'frame matches "content-range: bytes"', '-T', 'fields', '-e', 'frame.number'],
      { encoding: 'utf8', maxBuffer: 16 << 20 }).trim().split('\n').map(Number);
    expect(want.length).toBeGreaterThan(2);
    const selected = () => page.locator('.packet-list [role=row].row.selected [role=gridcell]').first().innerText();
    await page.locator('.packet-list [role=row].row').first().click();
    await bar.getByRole('textbox', { name: 'What to find' }).press('Enter');
    // The first find waits for the worker's byte search (a thread of its own reading the file): on a loaded
    // machine that takes seconds, so these polls wait longer than expect.poll's default second.
    await expect.poll(selected, { timeout: 20_000 }).toBe(String(want.find((f) => f > 1)));
    await bar.getByRole('textbox', { name: 'What to find' }).press('Enter');
    await expect.poll(selected, { timeout: 20_000 }).toBe(String(want.filter((f) => f > 1)[1]));
    expect(await bar.getByRole('status').innerText()).toBe(`Packet ${want.filter((f) => f > 1)[1]}`);
    // The hit is marked in the bytes, as Wireshark marks it: "Content-Range: bytes" in any case.
    const marked = () => page.locator('.hex .bytes .on').evaluateAll((els) => els.map((e) => String.fromCharCode(parseInt(e.textContent!, 16))).join(''));
    await expect.poll(marked).toMatch(/^content-range: bytes$/i);
    await page.keyboard.press('Shift+F3');
    await expect.poll(selected).toBe(String(want.find((f) => f > 1)));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'find-packet.png') });
    await bar.getByRole('textbox', { name: 'What to find' }).press('Escape');
    await expect.poll(() => bar.count()).toBe(0);
    expect(s!.errors).toEqual([]);
  });

  it('finds a regular expression in the list\'s text in a worker: a match, and one that backtracks without end is stopped', async () => {
    const page = s!.page;
    await page.locator('.packet-list [role=grid]').focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+f');
    const bar = page.getByRole('search', { name: 'Find packet' });
    await page.locator('.packet-list [role=row].row').first().click();
    await bar.getByRole('combobox', { name: 'Find by' }).selectOption('regex');
    await bar.getByRole('combobox', { name: 'Search in' }).selectOption('list');
    const input = bar.getByRole('textbox', { name: 'What to find' });
    // The first packet whose Info tshark shows with a retransmission tag (the list's Info tags are Wireshark's).
    const want = execFileSync('tshark', ['-r', join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'), '-T', 'fields', '-e', 'frame.number', '-e', '_ws.col.Info'],
      { encoding: 'utf8', maxBuffer: 16 << 20 }).trim().split('\n').filter((l) => /TCP (Fast |Spurious )?Retransmission/.test(l)).map((l) => Number(l.split('\t')[0]));
    await input.fill('TCP (Fast |Spurious )?Retransmission');
    await input.press('Enter');
    const selected = () => page.locator('.packet-list [role=row].row.selected [role=gridcell]').first().innerText();
    await expect.poll(selected, { timeout: 20_000 }).toBe(String(want[0]));
    // Nested repeats over a row's text that can never match (no NUL in it): 2^n ways to fail. The worker is stopped,
    // the bar says why, the window answers.
    await input.fill('(.+)+\\x00');
    await input.press('Enter');
    await expect.poll(() => bar.getByRole('alert').innerText(), { timeout: 20_000 }).toMatch(/took too long .* backtrack without end/);
    const row3 = page.locator('.packet-list [role=row].row').nth(3);
    const frame3 = await row3.locator('[role=gridcell]').first().innerText();
    await row3.click();
    await expect.poll(selected).toBe(frame3);
    await input.fill('TCP (Fast |Spurious )?Retransmission');           // a new worker for the next search
    await input.press('Enter');
    await expect.poll(selected, { timeout: 20_000 }).toBe(String(want[0]));
    await input.press('Escape');
    expect(s!.errors).toEqual([]);
  });

  it('lists the TCP endpoints as tshark -z endpoints,tcp does', async () => {
    const page = s!.page;
    await page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: 'Endpoints…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Endpoints' });
    const want = execFileSync('tshark', ['-r', join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'), '-q', '-z', 'endpoints,tcp'], { encoding: 'utf8' })
      .split('\n').slice(4, -2).map((l) => l.trim().split(/\s+/).slice(0, 3).join(' '));
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(want.length);
    const ours = await dialog.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent!.trim().replaceAll(',', '')).join(' ')));
    expect(ours).toEqual(want);
    await dialog.screenshot({ path: join(SCREENSHOT_DIR, 'endpoints.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(s!.errors).toEqual([]);
  });
  it('applies a conversation row of the details as a packet-list column (Wireshark\'s Apply as Column) and removes it', async () => {
    const page = s!.page;
    const tree = page.getByRole('tree', { name: 'Packet fields' });
    const row = tree.getByRole('treeitem').filter({ hasText: /^\[Calculated window size\]: \d+$/ });
    const shown = (await row.locator('.label').innerText()).split(': ')[1];
    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Apply as Column: tcp.window_size' }).click();
    const header = page.locator('.packet-list [role=columnheader]').filter({ hasText: 'Calculated window size' });
    await expect.poll(() => header.count()).toBe(1);
    // The selected packet's cell in the new column is the value its detail row shows.
    await expect.poll(() => page.locator('.packet-list [role=row].row.selected [data-column^=custom-]').innerText()).toBe(shown);
    await page.locator('.packet-list').screenshot({ path: join(SCREENSHOT_DIR, 'apply-as-column.png') });
    await page.locator('.columns-button').click();
    await page.getByRole('button', { name: 'Remove column Calculated window size' }).click();
    await expect.poll(() => header.count()).toBe(0);
    await page.locator('.columns-button').click();                     // closes the menu
    await expect.poll(() => page.locator('.columns-menu').count()).toBe(0);
    expect(s!.errors).toEqual([]);
  });
});
