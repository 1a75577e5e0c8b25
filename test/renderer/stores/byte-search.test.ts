/**
 * contains/matches in the app: the filter store hands them to the worker (`filter.bytes`, served here by the worker's
 * own byte-match.ts) and shows what `tshark -2 -Y` shows, also for a filter mixing them with column fields; a capture
 * still loading is searched again as its rows arrive; a worker that cannot answer says why.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../electron/capture/pipeline';
import { allocateColumns, COLUMNS, encodeBatch, type PacketColumns } from '../../../shared/ipc/batch-layout';
import { connectStores } from '../../../renderer/stores/connect';
import { useByteSearchStore } from '../../../renderer/stores/byte-search';
import { useFilterStore } from '../../../renderer/stores/filter';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { CORPUS } from '../support/capture-app';
import { ReplayBackend } from '../support/replay-backend';
import { requireTool } from '../../support/require-tool';

const hasTshark = requireTool('tshark');

function tsharkCount(path: string, filter: string): number {
  const out = execFileSync('tshark', ['-2', '-r', path, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' }).trim();
  return out === '' ? 0 : out.split('\n').length;
}

/** Rows [from, to) of `cols` as their own columns. */
function slice(cols: PacketColumns, from: number, to: number): PacketColumns {
  const out = allocateColumns(to - from);
  for (const c of COLUMNS) (out[c.name] as Uint32Array).set((cols[c.name] as Uint32Array).subarray(from, to));
  out.rows = to - from;
  return out;
}

/** The capture replayed through the real stores, its rows in `parts` batches; only the first is sent. */
async function app(name: string, parts = 1) {
  const path = resolve(CORPUS, name);
  const a = await analyzeFile(path);
  const n = a.columns.rows, cut = Math.ceil(n / parts);
  const batches = Array.from({ length: parts }, (_, i) => encodeBatch(slice(a.columns, i * cut, Math.min(n, (i + 1) * cut))));
  setActivePinia(createPinia());
  const backend = new ReplayBackend({ path, flows: a.flows, batches, conversations: a.conversations, details: new Map() });
  const disconnect = connectStores(backend, (cb) => cb());
  return { path, backend, disconnect, rows: n };
}

const settled = async (): Promise<void> => {
  for (let i = 0; i < 200 && useByteSearchStore().status === 'searching'; i++) await new Promise((r) => setTimeout(r, 20));
};

describe('byte search (contains/matches in the display filter)', () => {
  let close: (() => void) | null = null;
  afterEach(() => { close?.(); close = null; });

  it.skipIf(!hasTshark)('shows what tshark -2 -Y shows, byte tests mixed with column fields', async () => {
    const a = await app('zeek__http__206_example_b.pcap');
    close = a.disconnect;
    a.backend.play();
    const filter = useFilterStore(), packets = usePacketsStore(), search = useByteSearchStore();
    for (const text of ['frame contains "GET"', 'tcp.payload matches "^http/1\\\\.1 206" && tcp.stream == 0', '!(frame contains "Range") && tcp.len > 0',
      'tcp.srcport == 80 || frame matches "mozilla"']) {
      filter.setText(text);
      expect(filter.apply()).toBe(true);
      await settled();
      expect(search.status, text).toBe('done');
      expect(search.searched).toBe(a.rows);
      expect(packets.displayCount, text).toBe(tsharkCount(a.path, text));
    }
    expect(a.backend.requests.filter((r) => r.name === 'filter.bytes')).toHaveLength(4);
    // The same file opened again: a new source, searched anew.
    a.backend.play();
    await new Promise((r) => setTimeout(r, 0));
    await settled();
    expect(a.backend.requests.filter((r) => r.name === 'filter.bytes')).toHaveLength(5);
    expect(packets.displayCount).toBe(tsharkCount(a.path, 'tcp.srcport == 80 || frame matches "mozilla"'));
    // A filter without contains/matches asks for nothing and forgets the search.
    filter.setText('tcp.port == 80');
    filter.apply();
    expect(search.status).toBe('idle');
    expect(a.backend.requests.filter((r) => r.name === 'filter.bytes')).toHaveLength(5);
  });

  it('searches again as a loading capture brings more rows, in parts a request may hold', async () => {
    const a = await app('zeek__smtp.pcap', 3);
    close = a.disconnect;
    const search = useByteSearchStore(), packets = usePacketsStore(), filter = useFilterStore();
    search.partFrames = 10;
    a.backend.playBatches(0, 1);
    const first = packets.count;
    filter.setText('frame contains "SMTP"');
    filter.apply();
    await settled();
    expect(search.searched).toBe(first);
    const asked = a.backend.requests.filter((r) => r.name === 'filter.bytes').map((r) => r.payload);
    expect(asked[0]).toEqual({ filter: 'frame contains "SMTP"', fromFrame: 1, throughFrame: 10 });
    expect(asked).toHaveLength(Math.ceil(first / 10));
    const shownBefore = packets.displayCount;
    expect(shownBefore).toBeGreaterThan(0);
    a.backend.playBatches(1, 3);
    expect(packets.count).toBe(a.rows);
    await new Promise((r) => setTimeout(r, 1100));   // at most one search a second
    await settled();
    expect(search.searched).toBe(a.rows);
    const all = await analyzeFile(a.path);
    expect(all.columns.rows).toBe(a.rows);
    expect(packets.displayCount).toBeGreaterThan(shownBefore);
    if (hasTshark) expect(packets.displayCount).toBe(tsharkCount(a.path, 'frame contains "SMTP"'));
  });

  it('says why when the worker cannot search, and keeps the filter', async () => {
    const a = await app('zeek__smtp.pcap');
    close = a.disconnect;
    a.backend.play();
    a.backend.refuse.set('filter.bytes', { code: 'file.unreadable', message: 'cannot open smtp.pcap: ENOENT', fatal: false });
    const filter = useFilterStore(), search = useByteSearchStore();
    filter.setText('frame contains "SMTP"');
    expect(filter.apply()).toBe(true);
    await settled();
    expect(search.status).toBe('failed');
    expect(search.error).toBe('Could not search the packet bytes for contains/matches: cannot open smtp.pcap: ENOENT');
    expect(filter.appliedText).toBe('frame contains "SMTP"');
    expect(usePacketsStore().displayCount).toBe(0);
    filter.clear();
    expect(search.status).toBe('idle');
    expect(usePacketsStore().displayCount).toBe(a.rows);
  });
});
