import { useFollowStore } from '../../../renderer/stores/follow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount, type DOMWrapper } from '@vue/test-utils';
import PacketList from '../../../renderer/components/PacketList.vue';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useFilterStore } from '../../../renderer/stores/filter';
import { useViewSettingsStore } from '../../../renderer/stores/view-settings';
import { seedApp } from '../support/seed-app';
import type { SeedApp } from '../support/seed-app';
import { captureApp } from '../support/capture-app';
import type { CaptureApp } from '../support/capture-app';
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TIME_FORMATS } from '../../../renderer/format/packet-time';
import { requireTool } from '../../support/require-tool';
import { defaultRules, useColoringRulesStore } from '../../../renderer/stores/coloring-rules';
import { packetColumns } from '../../../renderer/stores/packet-columns';

const hasTshark = requireTool('tshark');
const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..', 'shared/corpus');
/** One field per frame as `tshark -2 -T fields` prints it. */
function tsharkColumn(file: string, field: string): Map<number, string> {
  const out = execFileSync('tshark', ['-2', '-r', resolve(CORPUS, file), '-T', 'fields', '-e', 'frame.number', '-e', field],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return new Map(out.split('\n').filter(Boolean).map((l) => { const [f, v = ''] = l.split('\t'); return [Number(f), v]; }));
}

/** One field of each seed frame as `tshark -2 -T fields` prints it. */
function tsharkSeed(field: string): string[] {
  const out = execFileSync('tshark', ['-2', '-r', resolve(CORPUS, '../seed/seed-lo0.pcap'), '-T', 'fields', '-e', field], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').slice(0, -1);
}

/** The open field menu, and a click on its item named `name` (its aria-label, else its text). */
const menu = () => document.body.querySelector<HTMLElement>('.field-menu');
const choose = (name: string) => [...menu()!.querySelectorAll<HTMLElement>('[role=menuitem]')].find((b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name)!.click();

describe('PacketList', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); });
  afterEach(() => app.disconnect());

  const mountList = () => mount(PacketList, { global: { plugins: [app.pinia] }, attachTo: document.body });

  it('shows the nine seed packets as grid rows with steps, flags and expert tags', () => {
    const w = mountList();
    const rows = w.findAll('[role=row].row');
    expect(rows).toHaveLength(9);
    expect(w.find('[role=grid]').attributes('aria-rowcount')).toBe('10');
    expect(rows[0].text()).toContain('Handshake 1/3 SYN');
    expect(rows[0].find('.letters').text()).toBe('[S]');
    expect(rows[1].findAll('.chip').map((c) => c.text())).toEqual(['SYN', 'ACK']);
    expect(rows[3].text()).toContain('[TCP Window Update]');
    expect(rows[6].text()).toContain('[TCP Dup ACK 3#1]');
    expect(rows[6].find('.marker').exists()).toBe(true);
    expect(rows[8].text()).toContain('Close 4/4 last ACK');
    expect(rows[0].classes()).toContain('phase-handshake');
    // tcp.stream, as Wireshark users add it: the conversation table's number.
    const headers = w.findAll('[role=columnheader]').map((h) => h.text());
    const streamAt = headers.findIndex((t) => t.startsWith('Stream'));
    expect(streamAt).toBeGreaterThan(0);
    expect(rows.every((r) => r.findAll('[role=gridcell]')[streamAt].text() === '0')).toBe(true);
    expect(rows[4].classes()).toContain('phase-close');
    w.unmount();
  });

  it('colours rows by Wireshark\'s coloring rules when chosen in the columns menu, as tshark --color names them', async () => {
    const w = mountList();
    await w.find('.columns-button').trigger('click');
    const choices = [...document.querySelectorAll<HTMLInputElement>('.columns-menu .row-colors input')];
    expect([...document.querySelectorAll('.columns-menu .row-colors label')].map((l) => l.textContent!.trim()))
      .toEqual(['Conversation phases', 'Coloring rules', 'None']);
    choices[1].click();
    await flushPromises();
    const rows = w.findAll('[role=row].row');
    // tshark -r seed-lo0.pcap --color -T fields -e frame.coloring_rule.name
    expect(rows.map((r) => r.attributes('data-coloring-rule'))).toEqual(
      ['TCP SYN/FIN', 'TCP SYN/FIN', 'TCP', 'TCP', 'TCP SYN/FIN', 'TCP', 'Bad TCP', 'TCP SYN/FIN', 'TCP']);
    expect(rows[6].classes()).toContain('colored');
    expect(rows[6].classes()).not.toContain('phase-close');
    expect(rows[6].attributes('style')).toContain('--rule-bg: #12272e');
    expect(rows[6].attributes('style')).toContain('--rule-fg: #f78787');
    choices[2].click();
    await flushPromises();
    expect(w.findAll('[role=row].row').every((r) => !r.classes('colored') && !r.classes().some((c) => c.startsWith('phase-')))).toBe(true);
    choices[0].click();
    await flushPromises();
    expect(w.findAll('[role=row].row')[0].classes()).toContain('phase-handshake');
    w.unmount();
  });

  it('colours a conversation from a row\'s menu over the phases (Colorize Conversation), until Reset Colorization', async () => {
    const w = mountList();
    await w.findAll('[role=row].row')[3].findAll('[role=gridcell]')[1].trigger('contextmenu');
    expect(menu()!.querySelector('[role=group][aria-label="Colorize conversation"] .heading')!.textContent).toContain('tcp.stream 0');
    choose('Colorize conversation: Color 3');
    await flushPromises();
    const rows = w.findAll('[role=row].row');
    expect(rows.map((r) => r.attributes('data-coloring-rule'))).toEqual(Array(9).fill('Conversation color 3'));
    expect(rows[0].attributes('style')).toContain('--rule-bg: #e0c0e0');
    expect(rows[0].classes()).not.toContain('phase-handshake');
    await rows[0].findAll('[role=gridcell]')[1].trigger('contextmenu');
    choose('Reset colorization');
    await flushPromises();
    expect(w.findAll('[role=row].row')[0].classes()).toContain('phase-handshake');
    expect(useColoringRulesStore().colorized).toBe(false);
    w.unmount();
  });

  it('a row\'s menu follows its TCP stream and applies or prepares its conversation filter', async () => {
    const w = mountList();
    const open = () => w.findAll('[role=row].row')[4].findAll('[role=gridcell]')[1].trigger('contextmenu');
    await open();
    expect(menu()!.querySelector('[role=group][aria-label="Conversation"] .heading')!.textContent).toBe('Conversation (tcp.stream 0)');
    choose('Conversation filter: Prepare tcp.stream eq 0');
    expect(useFilterStore().text).toBe('tcp.stream eq 0');
    expect(useFilterStore().appliedText).toBe('');
    await open();
    choose('Conversation filter: Apply tcp.stream eq 0');
    expect(useFilterStore().appliedText).toBe('tcp.stream eq 0');
    await open();
    choose('Follow TCP stream');
    await flushPromises();
    expect(useFollowStore().stream).toBe(0);
    w.unmount();
  });

  it.skipIf(!hasTshark)('colours rows by the user\'s coloring rules, display filters reading sparse and worked-out columns', async () => {
    const w = mountList();
    useViewSettingsStore().rowColors = 'wireshark';
    const coloring = useColoringRulesStore();
    coloring.setRules([
      { name: 'Off', filter: 'tcp', background: '#000000', foreground: '#ffffff', disabled: true },
      { name: 'RTT', filter: 'tcp.analysis.ack_rtt > 0', background: '#ffc0c0', foreground: '#000000' },
      { name: 'Late', filter: 'tcp.time_delta > 0.000040', background: '#c0c0ff', foreground: '#000000' },
      ...defaultRules(),
    ]);
    await flushPromises();
    // tshark -2 -r seed-lo0.pcap -T fields -e tcp.analysis.ack_rtt -e tcp.time_delta: ACK RTTs on 2, 3, 6, 9; the rest by time, then the defaults.
    const names = w.findAll('[role=row].row').map((r) => r.attributes('data-coloring-rule'));
    const rtt = tsharkSeed('tcp.analysis.ack_rtt'), delta = tsharkSeed('tcp.time_delta');
    expect(names).toEqual(rtt.map((v, i) => (v !== '' && Number(v) > 0 ? 'RTT' : Number(delta[i]) > 0.00004 ? 'Late' : names[i])));
    expect(names.filter((n) => n === 'RTT').length).toBeGreaterThan(0);
    expect(names.some((n) => n !== 'RTT' && n !== 'Late')).toBe(true);
    expect(packetColumns.ackRtt.byteLength).toBeGreaterThan(0);
    coloring.setRules(null);                                 // Wireshark's defaults again: the expansions are given back
    await flushPromises();
    expect(w.findAll('[role=row].row')[6].attributes('data-coloring-rule')).toBe('Bad TCP');
    expect(packetColumns.readers.coloring.timeDeltas.byteLength).toBe(0);
    w.unmount();
  });

  it('applies a cell as a display filter from its context menu; Shift+F10 offers the row\'s conversation', async () => {
    const w = mountList();
    const flagsOfSyn = w.findAll('[role=row].row')[0].findAll('[role=gridcell]').find((c) => c.classes('flags'))!;
    await flagsOfSyn.trigger('contextmenu', { clientX: 30, clientY: 40 });
    expect(usePacketsStore().selectedFrame).toBe(1);
    expect(menu()!.querySelector('.field')!.textContent).toBe('tcp.flags == 0x0002');
    choose('Apply as filter: Selected');
    await flushPromises();
    expect(useFilterStore().appliedText).toBe('tcp.flags == 0x0002');
    expect(usePacketsStore().displayCount).toBe(1);
    // The Time cell offers no filter: the conversation's colours and Copy.
    const time = w.findAll('[role=row].row')[0].findAll('[role=gridcell]')[1];
    await time.trigger('contextmenu');
    expect([...menu()!.querySelectorAll('[role=group]')].map((g) => g.getAttribute('aria-label'))).toEqual(['Conversation', 'Colorize conversation', 'Packet comments', 'Copy']);
    menu()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    expect(menu()).toBeNull();
    await w.find('[role=grid]').trigger('keydown', { key: 'F10', shiftKey: true });
    expect(menu()!.querySelector('.field')!.textContent).toBe('tcp.stream == 0');
    choose('Prepare as filter: or Selected');
    await flushPromises();
    expect(useFilterStore().text).toBe('(tcp.flags == 0x0002) || (tcp.stream == 0)');
    w.unmount();
  });

  it('copies a row\'s summary as text or CSV, a cell\'s value and its filter', async () => {
    const w = mountList();
    const copy = async (cell: DOMWrapper<Element>, name: string) => {
      await cell.trigger('contextmenu', { clientX: 30, clientY: 40 });
      [...menu()!.querySelectorAll<HTMLElement>('[role=group][aria-label=Copy] [role=menuitem]')].find((b) => b.getAttribute('aria-label') === `Copy: ${name}`)!.click();
      await flushPromises();
      return navigator.clipboard.readText();
    };
    const row = w.findAll('[role=row].row')[1];
    const cells = row.findAll('[role=gridcell]');
    const titles = w.findAll('[role=columnheader]').map((h) => h.find('button').text().replace(/[▲▼]/g, '').trim());
    const shown = cells.map((c) => c.text().replace(/\s+/g, ' ').trim());
    const text = await copy(cells[2], 'Summary as Text');
    expect(text.split('\t')).toHaveLength(titles.length);
    expect(text.startsWith('2\t')).toBe(true);
    expect(text).toContain('\t[S.]\t');                               // the flags as the list shows them, without the chips
    expect(text.split('\t').at(-1)).toBe(shown.at(-1));               // Info, after its phase step
    expect(text.split('\t').at(-1)).toMatch(/^Handshake 2\/3 SYN-ACK 8080 → 57273 \[SYN, ACK\] Seq=0 Ack=1/);
    const csv = (await copy(cells[2], 'Summary as CSV')).split('\n');
    expect(csv[0]).toBe(titles.map((t) => `"${t}"`).join(','));
    expect(csv[1]).toBe(text.split('\t').map((v) => `"${v}"`).join(','));
    expect(await copy(cells[2], 'Value')).toBe(shown[2]);
    expect(await copy(cells[2], 'As Filter')).toBe(`ip.src == ${shown[2].split(':')[0]}`);
    w.unmount();
  });

  it('moves the selection with the keyboard and reports Enter', async () => {
    const w = mountList();
    const grid = w.find('[role=grid]');
    const packets = usePacketsStore();
    await grid.trigger('keydown', { key: 'ArrowDown' });
    expect(packets.selectedFrame).toBe(1);
    await grid.trigger('keydown', { key: 'End' });
    expect(packets.selectedFrame).toBe(9);
    await grid.trigger('keydown', { key: 'ArrowUp' });
    expect(packets.selectedFrame).toBe(8);
    expect(w.find('[aria-selected=true]').text()).toContain('Close 3/4 peer FIN');
    expect(grid.attributes('aria-activedescendant')).toBe('packet-row-7');
    await grid.trigger('keydown', { key: 'Enter' });
    expect(w.emitted('activate')).toEqual([[8]]);
    w.unmount();
  });

  it('sorts from the header, hides a column, and switches the time format', async () => {
    const w = mountList();
    const seqHeader = w.findAll('[role=columnheader]').find((h) => h.text().startsWith('Seq'))!;
    await seqHeader.find('button').trigger('click');
    await seqHeader.find('button').trigger('click');
    expect(seqHeader.attributes('aria-sort')).toBe('descending');
    expect(w.findAll('[role=row].row')[0].find('[role=gridcell]').text()).toBe('7');
    // The Win column is the raw field (tcpdump's win); the header says so, since Info shows the scaled window.
    const winHeader = w.findAll('[role=columnheader]').find((h) => h.text().startsWith('Win'))!;
    expect(winHeader.find('button').attributes('title')).toMatch(/^Window field as sent, unscaled .* Info shows it scaled\. Sort by Win/);
    useViewSettingsStore().toggleColumn('win');
    useViewSettingsStore().timeMode = 'delta';
    await w.vm.$nextTick();
    expect(w.findAll('[role=columnheader]').map((h) => h.text())).not.toContain('Win');
    w.unmount();
  });

  it.skipIf(!hasTshark)('picks the time format from the header menu; by conversation it is tshark\'s tcp.time_delta, and sorts by what it shows', async () => {
    const file = 'zeek__rotation.pcap';     // interleaved streams from the first packet on, so the two deltas differ
    app.disconnect();
    app = { ...(await captureApp(file)), seed: undefined as never };
    const w = mountList();
    await w.find('.columns-button').trigger('click');
    // The menu is teleported to <body> (so no band clips it): look for it there.
    const formats = (): HTMLInputElement[] => [...document.querySelectorAll<HTMLInputElement>('.columns-menu .time-format input')];
    expect([...document.querySelectorAll('.columns-menu .time-format label')].map((l) => l.textContent!.trim())).toEqual(TIME_FORMATS.map((f) => f.label));
    const at = (mode: string): number => TIME_FORMATS.findIndex((f) => f.mode === mode);
    formats()[at('conversation')].dispatchEvent(new Event('change'));   // since the previous packet of its TCP conversation
    await w.vm.$nextTick();
    expect(useViewSettingsStore().timeMode).toBe('conversation');
    const timeHeader = (): string => w.findAll('[role=columnheader]')[1].text();
    expect(timeHeader()).toBe('Δ conv.');
    expect(w.findAll('[role=columnheader]')[1].find('button').attributes('title')).toMatch(/^Seconds since the previous packet of the same TCP conversation \(tcp\.time_delta\)/);
    const expected = tsharkColumn(file, 'tcp.time_delta');
    const shownTimes = (): [number, string][] => w.findAll('[role=row].row').map((r) => {
      const cells = r.findAll('[role=gridcell]');
      return [Number(cells[0].text()), cells[1].text()];
    });
    const rows = shownTimes();
    expect(rows.length).toBeGreaterThan(10);
    const frameDeltas = tsharkColumn(file, 'frame.time_delta');
    let differFromFrameDelta = 0;
    for (const [frame, text] of rows) {
      const t = expected.get(frame) ?? '';
      expect(text, `frame ${frame}`).toBe(t === '' ? '' : t.slice(0, t.indexOf('.') + 7));
      if (t !== frameDeltas.get(frame)) differFromFrameDelta++;
    }
    expect(differFromFrameDelta).toBeGreaterThan(0);
    // Sorting by Time, descending: the longest wait within a conversation comes first.
    const timeButton = w.findAll('[role=columnheader]')[1].find('button');
    await timeButton.trigger('click');
    await timeButton.trigger('click');
    const longest = [...expected.entries()].filter(([, t]) => t !== '').sort((a, b) => Number(b[1]) - Number(a[1]) || a[0] - b[0])[0];
    expect(shownTimes()[0][0]).toBe(longest[0]);
    await w.find('.columns-button').trigger('click');             // closes the menu (still open: no press outside it)
    await w.find('.columns-button').trigger('click');
    formats()[at('relative')].dispatchEvent(new Event('change'));
    await w.vm.$nextTick();
    expect(timeHeader()).toBe('Time ▼');
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    await w.vm.$nextTick();
    expect(document.querySelector('.columns-menu')).toBeNull();
    w.unmount();
  });

  it('adds a custom column from the header menu, shows, sorts, filters on, edits and removes it; a bad field is refused with why', async () => {
    const w = mountList();
    await w.find('.columns-button').trigger('click');
    const form = (): HTMLFormElement => document.querySelector<HTMLFormElement>('.columns-menu .custom-columns form')!;
    const input = (label: string): HTMLInputElement => form().querySelector<HTMLInputElement>(`[aria-label="${label}"]`)!;
    const type = async (label: string, value: string): Promise<void> => {
      input(label).value = value;
      input(label).dispatchEvent(new Event('input'));
      await w.vm.$nextTick();
    };
    await type('Fields of a new column', 'tcp.bogus');
    form().dispatchEvent(new Event('submit'));
    await w.vm.$nextTick();
    expect(document.querySelector('.columns-menu [role=alert]')!.textContent).toBe('"tcp.bogus" is not a field SynAck knows (the display filter\'s fields are).');
    await type('Fields of a new column', 'tcp.analysis.ack_rtt');
    await type('Title of the new column', 'RTT');
    form().dispatchEvent(new Event('submit'));
    await w.vm.$nextTick();
    expect(document.querySelector('.columns-menu [role=alert]')).toBeNull();
    // Before Info, as Wireshark adds a column; the seed's ACK RTTs (tshark: frames 2, 3, 6, 9).
    expect(w.findAll('[role=columnheader]').map((h) => h.text()).slice(-2)).toEqual(['RTT', 'Info']);
    const rtt = (): string[] => w.findAll('[role=row].row').map((r) => r.find('[data-column^=custom-]').text());
    expect(rtt()).toEqual(['', '0.000135000', '0.000014000', '', '', '0.000053000', '', '', '0.000090000']);
    const header = w.findAll('[role=columnheader]').find((h) => h.text().startsWith('RTT'))!;
    expect(header.find('button').attributes('title')).toMatch(/^Custom column: tcp\.analysis\.ack_rtt\. Sort by RTT/);
    await header.find('button').trigger('click');
    await header.find('button').trigger('click');
    expect(rtt().slice(0, 4)).toEqual(['0.000135000', '0.000090000', '0.000053000', '0.000014000']);
    // Apply as Filter on a custom cell filters on its field and value.
    const cell = w.findAll('[role=row].row')[1].find('[data-column^=custom-]');
    await cell.trigger('contextmenu', { clientX: 10, clientY: 10 });
    const menu = document.querySelector<HTMLElement>('.field-menu')!;
    expect(menu.querySelector('.field')!.textContent).toBe('tcp.analysis.ack_rtt == 0.000090000');
    [...menu.querySelectorAll<HTMLElement>('[role=menuitem]')].find((b) => b.getAttribute('aria-label') === 'Apply as filter: Selected')!.click();
    await flushPromises();
    expect(useFilterStore().appliedText).toBe('tcp.analysis.ack_rtt == 0.000090000');
    expect(w.findAll('[role=row].row').map((r) => r.find('[role=gridcell]').text())).toEqual(['9']);
    // Edit Column: the form takes the column; saved, it shows its new field and title in its place, and its sort stays.
    await w.find('.columns-button').trigger('click');
    await w.find('.columns-button').trigger('click');
    document.querySelector<HTMLElement>('.columns-menu [aria-label="Edit column RTT"]')!.click();
    await w.vm.$nextTick();
    expect(input('Fields of a new column').value).toBe('tcp.analysis.ack_rtt');
    expect(form().querySelector('button[type=submit]')!.textContent).toBe('Save column');
    await type('Fields of a new column', 'tcp.bogus');
    form().dispatchEvent(new Event('submit'));
    await w.vm.$nextTick();
    expect(document.querySelector('.columns-menu [role=alert]')!.textContent).toContain('tcp.bogus');
    await type('Fields of a new column', 'tcp.len');
    await type('Title of the new column', 'Length');
    form().dispatchEvent(new Event('submit'));
    await w.vm.$nextTick();
    expect(w.findAll('[role=columnheader]').map((h) => h.text()).slice(-2)).toEqual(['Length ▼', 'Info']);
    expect(usePacketsStore().sortKeys).toHaveLength(1);
    expect(useViewSettingsStore().custom.map((c) => [c.title, c.fields])).toEqual([['Length', 'tcp.len']]);
    expect(form().querySelector('button[type=submit]')!.textContent).toBe('Add column');
    // Removed from the menu: the column and its sort go.
    document.querySelector<HTMLElement>('.columns-menu [aria-label="Remove column Length"]')!.click();
    await w.vm.$nextTick();
    expect(w.findAll('[role=columnheader]').map((h) => h.text())).not.toContain('Length ▼');
    expect(usePacketsStore().sortKeys).toEqual([]);
    w.unmount();
  });

  it('filters rows with a compiled predicate and says when nothing matches', async () => {
    const w = mountList();
    usePacketsStore().setRowTest((c, r) => c.analysis[r] !== 0);
    await w.vm.$nextTick();
    expect(w.findAll('[role=row].row').map((r) => r.find('[role=gridcell]').text())).toEqual(['4', '7']);
    usePacketsStore().setRowTest(() => false);
    await w.vm.$nextTick();
    expect(w.find('.empty').text()).toBe('No packet matches the filter.');
    w.unmount();
  });
});

describe('PacketList during a live capture', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(false); });
  afterEach(() => app.disconnect());

  it('follows new packets to the bottom while live, until the user scrolls away', async () => {
    const w = mount(PacketList, { global: { plugins: [app.pinia] }, attachTo: document.body });
    app.backend.emit('source.start', { source: 2, kind: 'live', path: '/tmp/live.pcapng', iface: 'lo', bytesTotal: null });
    for (let i = 0; i < 30; i++) usePacketsStore().onBatch(app.seed.batch);
    await new Promise((r) => setTimeout(r, 0));
    await w.vm.$nextTick();
    const exposed = w.vm as unknown as { follow: boolean };
    expect(usePacketsStore().count).toBe(270);
    expect(exposed.follow).toBe(true);
    expect(w.find('.follow').exists()).toBe(false);
    w.unmount();
  });
});

describe('PacketList scrolling', () => {
  let app: CaptureApp;
  beforeEach(async () => { app = await captureApp('zeek__http__206_example_b.pcap'); });
  afterEach(() => app.disconnect());

  it('keeps the element of a row that stays in view and hands a scrolled-out row\'s element to a new one', async () => {
    const w = mount(PacketList, { global: { plugins: [app.pinia] }, attachTo: document.body });
    const scroller = w.find('.scroller');
    const frameOf = (el: Element): string => el.querySelector('[role=gridcell]')!.textContent!;
    const scrollTo = async (top: number): Promise<void> => {
      (scroller.element as HTMLElement).scrollTop = top;
      await scroller.trigger('scroll');
    };
    await scrollTo(22 * 100);
    const before = w.findAll('[role=row].row').map((r) => r.element);
    const kept = w.find('#packet-row-105').element;
    expect(frameOf(kept)).toBe('106');
    await scrollTo(22 * 101); // one row down
    const after = w.findAll('[role=row].row').map((r) => r.element);
    expect(after).toHaveLength(before.length);
    expect(w.find('#packet-row-105').element).toBe(kept);
    expect(frameOf(kept)).toBe('106');
    // The top row left the window; its element now shows the row that came in at the bottom, in order.
    expect(after[after.length - 1]).toBe(before[0]);
    expect(after.map(frameOf)).toEqual(after.map((_, i) => String(Number(frameOf(after[0])) + i)));
    expect(new Set([...before, ...after]).size).toBe(before.length);
    w.unmount();
  });

  it('brings a packet selected elsewhere (ladder, graph, Go to Packet) into view; one clicked in view stays put', async () => {
    const w = mount(PacketList, { global: { plugins: [app.pinia] }, attachTo: document.body });
    const scroller = w.find('.scroller').element as HTMLElement;
    expect(w.find('#packet-row-999').exists()).toBe(false);
    usePacketsStore().select(1000);
    await flushPromises();
    expect(scroller.scrollTop).toBeGreaterThan(0);
    expect(w.find('#packet-row-999').attributes('aria-selected')).toBe('true');
    const top = scroller.scrollTop;
    await w.find('#packet-row-1000').trigger('click');
    await flushPromises();
    expect(usePacketsStore().selectedFrame).toBe(1001);
    expect(scroller.scrollTop).toBe(top);
    w.unmount();
  });
});
