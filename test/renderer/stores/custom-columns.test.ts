/**
 * Custom columns in the window's stores: corpus captures played through the real pipeline and stores, a column added
 * for every field the list can show, and each row's cells (as the packet list, Find and Copy read them) compared with
 * tshark -2's %Cus columns — so the sparse columns' expansions, the time differences, the conversation summaries'
 * final completeness and iRTT all reach the cells. Then sorting by a custom column, its Apply as Filter, hiding and
 * removing it (the sort goes, the expansions are given back), and Apply as Column from a detail field.
 */
import { tsharkCustomColumns } from '../../support/tshark-custom-columns';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS } from '../../../shared/filter/fields';
import { compileFilter } from '../../../shared/filter/compile';
import { cellText, rowText } from '../../../renderer/format/packet-row';
import { columnFieldOf } from '../../../renderer/format/column-field';
import { applyAsColumn } from '../../../renderer/stores/apply-as-column';
import { customCellFilter, customColumnSource, shownCustomColumns } from '../../../renderer/stores/custom-columns';
import { toRowSelector } from '../../../renderer/stores/filter-adapter';
import { listRowContext, shownListColumns } from '../../../renderer/stores/list-rows';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { displayIndex, usePacketsStore } from '../../../renderer/stores/packets';
import { useViewSettingsStore } from '../../../renderer/stores/view-settings';
import { requireTool } from '../../support/require-tool';
import { captureApp, CORPUS, type CaptureApp } from '../support/capture-app';

const hasTshark = requireTool('tshark');
const ZONE = 'America/New_York';
const NAMES = [...FIELDS.keys()].filter((n) => !n.startsWith('synack') && n !== 'tcp.payload');
const FILES = ['../seed/seed-lo0.pcap', 'zeek__tcp__retransmit-fast009.pcap', 'tcpdump__gso-ipv6-geneve-ipv4.pcap', 'zeek__http__206_example_b.pcap'];

/** tshark -2's cells for `fields`, by frame number. */
const tsharkCells = (path: string, fields: readonly string[]): Map<number, string[]> => tsharkCustomColumns(path, fields, ZONE);

let app: CaptureApp | null = null;
let savedZone: string | undefined;
beforeAll(() => { savedZone = process.env.TZ; process.env.TZ = ZONE; });
afterAll(() => { if (savedZone === undefined) delete process.env.TZ; else process.env.TZ = savedZone; });
afterEach(() => { app?.disconnect(); app = null; });

/** The shown rows' frame numbers. */
const shownFrames = (): number[] => Array.from({ length: displayIndex.count }, (_, i) => packetColumns.cols.frame[displayIndex.rowAt(i)]);

describe.skipIf(!hasTshark)('custom columns in the packet list', () => {
  it.each(FILES)('%s: every field\'s cells are tshark\'s', async (name) => {
    app = await captureApp(name);
    const view = useViewSettingsStore();
    const diffs: string[] = [];
    // At most 32 custom columns at once: the fields a group at a time.
    for (let g = 0; g < NAMES.length; g += 32) {
      const group = NAMES.slice(g, g + 32);
      for (const f of group) expect(view.addCustomColumn(f), f).toBeNull();
      const columns = shownListColumns().filter((c) => c.id.startsWith('custom-'));
      expect(columns.map((c) => c.hint)).toEqual(group.map((f) => `Custom column: ${f}`));
      const expected = tsharkCells(resolve(CORPUS, name), group);
      const ctx = listRowContext(), cols = packetColumns.cols;
      for (let row = 0; row < cols.rows; row++) {
        const t = rowText(ctx, row), theirs = expected.get(cols.frame[row])!;
        columns.forEach((c, k) => { if (cellText(t, c.id) !== theirs[k]) diffs.push(`frame ${cols.frame[row]} ${group[k]}: ${cellText(t, c.id)} | ${theirs[k]}`); });
      }
      for (const c of [...view.custom]) view.removeCustomColumn(c.id);
    }
    expect(diffs.slice(0, 20)).toEqual([]);
  });

  it('sorts by a custom column, rows without a value first; hiding or removing it drops that sort and gives its expansion back', async () => {
    app = await captureApp('zeek__tcp__retransmit-fast009.pcap');
    const view = useViewSettingsStore(), packets = usePacketsStore();
    view.addCustomColumn('tcp.analysis.ack_rtt', 0, 'RTT');
    const [rtt] = shownCustomColumns();
    expect(rtt.setting).toMatchObject({ title: 'RTT', fields: 'tcp.analysis.ack_rtt' });
    packets.sortBy(rtt.id);
    packets.sortBy(rtt.id);   // again: descending
    const expected = tsharkCells(resolve(CORPUS, 'zeek__tcp__retransmit-fast009.pcap'), ['tcp.analysis.ack_rtt']);
    const value = (frame: number): number => (expected.get(frame)![0] === '' ? -Infinity : Number(expected.get(frame)![0]));
    const order = shownFrames();
    expect(order.map(value)).toEqual([...order.map(value)].sort((a, b) => b - a));
    expect(value(order[0])).toBeGreaterThan(0);
    const expanded = packetColumns.ackRtt.byteLength;
    view.toggleCustomColumn(rtt.setting.id);                      // hidden: the list goes back to file order
    listRowContext();                                              // the list draws again
    expect(packets.sortKeys).toEqual([]);
    expect(shownFrames()).toEqual([...shownFrames()].sort((a, b) => a - b));
    expect(packetColumns.ackRtt.byteLength).toBeLessThan(expanded);   // nobody reads the expanded ack_rtt column now
    view.removeCustomColumn(rtt.setting.id);
    expect(view.custom).toEqual([]);
  });

  it('applies a custom cell as a filter that finds its row', async () => {
    app = await captureApp('../seed/seed-lo0.pcap');
    const view = useViewSettingsStore();
    view.addCustomColumn('tcp.analysis.ack_rtt');
    view.addCustomColumn('tcp.analysis.flags || tcp.flags.syn');
    const [rtt, flags] = shownCustomColumns(), source = customColumnSource(shownCustomColumns());
    expect(customCellFilter(rtt, source, 1)).toEqual({ field: 'tcp.analysis.ack_rtt == 0.000135000', label: 'The RTT to ACK the segment was' });
    expect(customCellFilter(rtt, source, 0)).toBeNull();                       // the SYN has no ACK RTT
    expect(customCellFilter(flags, source, 3)?.field).toBe('tcp.analysis.flags');
    expect(customCellFilter(flags, source, 0)?.field).toBe('tcp.flags.syn == 1');
    const f = compileFilter(customCellFilter(rtt, source, 1)!.field);
    if (!f.ok) throw new Error(f.error.message);
    usePacketsStore().setRowTest(toRowSelector(f.filter));
    expect(shownFrames()).toEqual([2]);
  });

  it('applies a detail field as a column (titled with its Wireshark name) and says why it cannot', async () => {
    app = await captureApp('../seed/seed-lo0.pcap');
    expect(columnFieldOf('tcp.window_size == 408288')).toBe('tcp.window_size');
    expect(columnFieldOf('tcp.analysis.duplicate_ack')).toBe('tcp.analysis.duplicate_ack');
    expect(columnFieldOf('http.request.method == "GET"')).toBeNull();         // not a field the list knows
    expect(columnFieldOf('tcp.payload')).toBeNull();                          // bytes stay in the worker
    expect(columnFieldOf(null)).toBeNull();
    expect(applyAsColumn('tcp.window_size')).toBe(true);
    expect(shownListColumns().map((c) => c.title)).toContain('Calculated window size');
    const view = useViewSettingsStore();
    for (let i = 1; i < 32; i++) view.addCustomColumn('tcp.seq');
    expect(applyAsColumn('tcp.ack')).toBe(false);
    const { useCaptureStore } = await import('../../../renderer/stores/capture');
    expect(useCaptureStore().error?.message).toBe('Apply as Column: At most 32 custom columns; remove one first.');
  });
});
