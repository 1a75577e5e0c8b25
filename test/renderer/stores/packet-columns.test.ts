import { describe, expect, it } from 'vitest';
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import { BYTES_PER_ROW, KEPT_COLUMNS, PacketColumnStore } from '../../../renderer/stores/packet-columns';
import { loadSeed } from '../support/seed-capture';

function batchOf(first: number, rows: number) {
  const cols = allocateColumns(rows);
  for (let i = 0; i < rows; i++) { cols.frame[i] = first + i; cols.seqRel[i] = (first + i) * 10; cols.stream[i] = -1; }
  cols.rows = rows;
  return cols;
}

describe('PacketColumnStore', () => {
  it('keeps the seed batch values it shows and filters on', () => {
    const seed = loadSeed();
    const store = new PacketColumnStore();
    store.append(seed.columns);
    expect(store.count).toBe(9);
    expect([...store.cols.frame.subarray(0, 9)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...store.cols.tcpFlags.subarray(0, 9)]).toEqual([0x02, 0x12, 0x10, 0x10, 0x11, 0x10, 0x10, 0x11, 0x10]);
    expect([...store.cols.ackRel.subarray(0, 9)]).toEqual([0, 1, 1, 1, 1, 2, 1, 2, 2]);
    expect(store.cols.analysis[6]).toBe(0x10);
    expect(Array.from({ length: 9 }, (_, r) => store.cols.related.get(r))).toEqual([0, 0, 0, 0, 0, 0, 3, 0, 0]);
    // tshark -2 -e tcp.analysis.acks_frame on the seed: 2 → 1, 3 → 2, 6 → 5, 9 → 8.
    expect(Array.from({ length: 9 }, (_, r) => store.cols.acked.get(r))).toEqual([0, 1, 2, 0, 0, 5, 0, 0, 8]);
  });

  it('grows across many batches without losing rows, and trim leaves exactly rows × bytes per row', () => {
    const store = new PacketColumnStore();
    for (let b = 0; b < 10; b++) store.append(batchOf(1 + b * 1000, 1000));
    expect(store.count).toBe(10_000);
    expect(store.cols.frame[9_999]).toBe(10_000);
    expect(store.cols.seqRel[5_000]).toBe(50_010);
    expect(store.byteLength).toBeGreaterThanOrEqual(10_000 * BYTES_PER_ROW);
    store.trim();
    expect(store.byteLength).toBe(10_000 * BYTES_PER_ROW);
  });

  it('stores under 80 bytes a row (the renderer budget) and keeps every column the list needs', () => {
    expect(BYTES_PER_ROW).toBeLessThanOrEqual(76);
    for (const c of ['frame', 'tsSec', 'tcpFlags', 'seqRel', 'ackRel', 'window', 'payloadLen', 'phase', 'step', 'stateA', 'stateB']) {
      expect(KEPT_COLUMNS).toContain(c);
    }
  });

  it('keeps the outer IP layer\'s flow of tunnelled and ICMP-error rows sparse (12 bytes each, not 4 on every row)', () => {
    const batch = batchOf(1, 3);
    batch.outerFlow.set([-1, 7, -1]);
    const store = new PacketColumnStore();
    store.append(batch);
    expect([0, 1, 2].map((r) => store.outerFlows.get(r))).toEqual([-1, 7, -1]);
    expect(store.outerFlows.count).toBe(1);
    expect([...store.outerFlows.dense(3)]).toEqual([-1, 7, -1]);
  });

  it('finds a row by frame number, -1 when absent', () => {
    const store = new PacketColumnStore();
    store.append(batchOf(1, 100));
    expect(store.indexOfFrame(1)).toBe(0);
    expect(store.indexOfFrame(57)).toBe(56);
    expect(store.indexOfFrame(101)).toBe(-1);
    store.clear();
    expect(store.count).toBe(0);
    expect(store.indexOfFrame(1)).toBe(-1);
  });
});

describe('PacketColumnStore ACK RTTs', () => {
  it('keeps the seed\'s ACK RTTs sparse (packets 2, 3, 6, 9, as tshark) at 12 bytes each and frame references at 8, outside BYTES_PER_ROW', () => {
    const store = new PacketColumnStore();
    store.append(loadSeed().columns);
    store.trim();
    expect(store.ackRtt.count).toBe(4);
    expect([1, 2, 5, 8].map((r) => store.ackRtt.get(r))).toEqual([135_000, 14_000, 53_000, 90_000]);
    expect(store.ackRtt.get(0)).toBeNaN();
    // + the 4 acknowledged frames and the dup ACK's related frame (Uint32 values)
    expect(store.byteLength).toBe(9 * BYTES_PER_ROW + 4 * 12 + 4 * 8 + 1 * 8);
    store.clear();
    expect(store.ackRtt.count).toBe(0);
  });
});
