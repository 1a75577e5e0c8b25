import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ConversationTable from '../../../renderer/components/ConversationTable.vue';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useExportStore } from '../../../renderer/stores/export';
import type { RequestPayload } from '../../../shared/ipc/contract';
import { frameSetHas } from '../../../shared/ipc/frame-set';
import { IpcError } from '../../../shared/ipc/ipc-client';
import { seedApp, settle } from '../support/seed-app';
import { captureApp, type CaptureApp } from '../support/capture-app';
import { conversationTable } from '../../../renderer/stores/conversations';
import { useFilterStore } from '../../../renderer/stores/filter';
import { LimitedConversations } from '../../../renderer/stores/limited-conversations';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import type { SeedApp } from '../support/seed-app';

describe('ConversationTable', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); });
  afterEach(() => app.disconnect());

  it('lists the seed conversation with completeness in words, states, sizes, iRTT and expert counts', () => {
    const w = mount(ConversationTable, { global: { plugins: [app.pinia] } });
    const rows = w.findAll('[role=row].conv-row:not(.header)');
    expect(rows).toHaveLength(1);
    const cells = rows[0].findAll('[role=gridcell]').map((c) => c.text());
    expect(cells[1]).toBe('127.0.0.1:57273 → 127.0.0.1:8080');
    expect(cells.slice(2, 6)).toEqual(['9', '528 B', '20 min 49.96 s', '149 µs']);
    expect(cells[6]).toContain('1 dup ACK');
    expect(cells[7]).toBe('closed with FIN both ways; client TIME-WAIT, server CLOSED');
    expect(cells[8]).toBe('complete: SYN, SYN-ACK, ACK, FIN');
    expect(w.find('h2').text()).toContain('(1)');
  });

  it('marks the selected packet\'s conversation while no conversation is selected', async () => {
    const w = mount(ConversationTable, { global: { plugins: [app.pinia] } });
    const row = () => w.find('[role=row].conv-row:not(.header)');
    expect(row().attributes('aria-current')).toBeUndefined();
    usePacketsStore().select(4);
    await settle();
    expect(row().attributes('aria-current')).toBe('true');
    expect(row().classes()).toContain('current');
    useConversationsStore().select(0);
    await settle();
    expect(row().classes()).toEqual(expect.arrayContaining(['selected']));
    expect(row().classes()).not.toContain('current');
  });

  it('selecting a conversation filters the packet list; All packets undoes it', async () => {
    const w = mount(ConversationTable, { global: { plugins: [app.pinia] } });
    await w.find('[role=row].conv-row:not(.header)').trigger('click');
    expect(useConversationsStore().selectedStream).toBe(0);
    expect(usePacketsStore().streamFilter).toBe(0);
    expect(w.find('[aria-selected=true]').exists()).toBe(true);
    await w.findAll('header button').find((b) => b.text() === 'All packets')!.trigger('click');
    expect(usePacketsStore().streamFilter).toBeNull();
  });

  it('Export… appears for the selected conversation and asks the worker for exactly its frames', async () => {
    const w = mount(ConversationTable, { global: { plugins: [app.pinia] } });
    expect(w.findAll('header button').map((b) => b.text())).not.toContain('Export…');
    await w.find('[role=row].conv-row:not(.header)').trigger('click');
    const exportButton = w.findAll('header button').find((b) => b.text() === 'Export…');
    expect(exportButton?.attributes('title')).toBe('Save the packets of stream 0 as pcapng');
    await exportButton!.trigger('click');
    await settle();
    // No save dialog in this host: the suggested name goes to the worker as is (the web host's export folder).
    const req = app.backend.requests.find((r) => r.name === 'file.export')?.payload as RequestPayload<'file.export'>;
    expect(req.path).toBe('seed-lo0-stream-0.pcapng');
    const frames = [...Array(12).keys()].filter((n) => frameSetHas(req.frames as Uint8Array, n));
    expect(frames).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(useExportStore().outcome).toEqual({ ok: true, message: 'Saved 9 packets to seed-lo0-stream-0.pcapng' });
  });

  it('shows the worker\'s refusal in words', async () => {
    const w = mount(ConversationTable, { global: { plugins: [app.pinia] } });
    await w.find('[role=row].conv-row:not(.header)').trigger('click');
    app.backend.invoke = async () => { throw new IpcError({ code: 'file.unwritable', message: 'cannot write /x.pcapng: permission denied', fatal: false }); };
    await w.findAll('header button').find((b) => b.text() === 'Export…')!.trigger('click');
    await settle();
    expect(useExportStore().outcome).toEqual({ ok: false, message: 'Export failed: cannot write /x.pcapng: permission denied' });
  });

  it('is keyboard operable: arrow selects, Enter toggles the filter off', async () => {
    const w = mount(ConversationTable, { global: { plugins: [app.pinia] } });
    const grid = w.find('[role=grid]');
    await grid.trigger('keydown', { key: 'ArrowDown' });
    expect(useConversationsStore().selectedStream).toBe(0);
    await grid.trigger('keydown', { key: 'Enter' });
    expect(useConversationsStore().selectedStream).toBeNull();
  });
});

describe('ConversationTable sorting', () => {
  let capture: CaptureApp | undefined;
  afterEach(() => { capture?.disconnect(); capture = undefined; });

  /** gopacket__cip.pcap: 2,992 TCP conversations (tshark -z conv,tcp). */
  it('sorts by a column from its header: largest first, smallest first, stream order; selection and keys follow the order', async () => {
    capture = await captureApp('gopacket__cip.pcap');
    const w = mount(ConversationTable, { global: { plugins: [capture.pinia] }, attachTo: document.body });
    const header = (title: string) => w.findAll('[role=columnheader]').find((h) => h.text().startsWith(title))!;
    const column = (k: number) => w.findAll('[role=row].conv-row:not(.header)').map((r) => r.findAll('[role=gridcell]')[k].text());
    const packets = () => column(2).map(Number);
    expect(column(0).slice(0, 3)).toEqual(['0', '1', '2']);
    await header('Packets').find('button').trigger('click');
    expect(header('Packets').attributes('aria-sort')).toBe('descending');
    const desc = packets();
    expect(desc.length).toBeGreaterThan(5);
    for (let i = 1; i < desc.length; i++) expect(desc[i]).toBeLessThanOrEqual(desc[i - 1]);
    // The largest is the largest of all summaries, not only of the rows on screen.
    let most = 0;
    for (let s = 0; s < conversationTable.length; s++) most = Math.max(most, conversationTable.at(s)!.packetsA + conversationTable.at(s)!.packetsB);
    expect(desc[0]).toBe(most);
    // The keyboard walks the sorted order: the first row is the largest conversation.
    await w.find('[role=grid]').trigger('keydown', { key: 'ArrowDown' });
    expect(useConversationsStore().selectedStream).toBe(Number(column(0)[0]));
    expect(w.find('[role=row][aria-selected=true]').find('[role=gridcell]').text()).toBe(column(0)[0]);
    await header('Packets').find('button').trigger('click');
    expect(header('Packets').attributes('aria-sort')).toBe('ascending');
    const asc = packets();
    for (let i = 1; i < asc.length; i++) expect(asc[i]).toBeGreaterThanOrEqual(asc[i - 1]);
    await header('Packets').find('button').trigger('click');
    expect(header('Packets').attributes('aria-sort')).toBeUndefined();
    expect(column(0).slice(0, 3)).toEqual(['0', '1', '2']);
    // Client → Server is not a sort key.
    expect(header('Client').find('button').exists()).toBe(false);
    w.unmount();
  });

  it('Limit to display filter: only the conversations the applied filter touches, with its packets, sorted and selectable', async () => {
    capture = await captureApp('gopacket__cip.pcap');
    const w = mount(ConversationTable, { global: { plugins: [capture.pinia] }, attachTo: document.body });
    expect(w.find('input[type=checkbox]').exists()).toBe(false);       // nothing to limit to before a filter is applied
    const filter = useFilterStore();
    filter.setText('tcp.flags.reset == 1');
    filter.apply();
    await w.vm.$nextTick();
    const box = w.find('label.limit input[type=checkbox]');
    expect(w.find('label.limit').attributes('title')).toBe('Limit to display filter: count only the packets tcp.flags.reset == 1 matches');
    await box.setValue(true);
    const limited = new LimitedConversations(packetColumns.cols, usePacketsStore().filterMatches()!, conversationTable);
    expect(limited.streams.length).toBeGreaterThan(2);
    expect(w.find('h2 .count').text()).toBe(`(${limited.streams.length} of 2,992)`);
    const cells = (k: number) => w.findAll('[role=row].conv-row:not(.header)').map((r) => r.findAll('[role=gridcell]')[k].text());
    expect(cells(0)).toEqual([...limited.streams].slice(0, cells(0).length).map(String));
    // Each row counts the resets alone (tshark -z conv,tcp,tcp.flags.reset==1: one here, ten there).
    expect(cells(2)).toEqual(cells(0).map((s) => { const c = limited.at(Number(s))!; return String(c.packetsA + c.packetsB); }));
    expect(cells(2).map(Number).reduce((a, b) => a + b, 0)).toBeLessThan(cells(0).map((s) => { const c = conversationTable.at(Number(s))!; return c.packetsA + c.packetsB; }).reduce((a, b) => a + b, 0));
    await w.findAll('[role=columnheader]').find((h) => h.text().startsWith('Packets'))!.find('button').trigger('click');
    expect(Number(cells(2)[0])).toBe(Math.max(...Array.from(limited.streams, (s) => limited.at(s)!.packetsA + limited.at(s)!.packetsB)));
    await w.findAll('[role=row].conv-row:not(.header)')[0].trigger('click');
    expect(useConversationsStore().selectedStream).toBe(Number(cells(0)[0]));
    await box.setValue(false);
    expect(w.find('h2 .count').text()).toBe('(2992)');
    w.unmount();
  });
});
