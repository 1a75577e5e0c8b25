import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { displayIndex, usePacketsStore } from '../../../renderer/stores/packets';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { loadSeed } from '../support/seed-capture';
import { BatchError } from '../../../shared/ipc/batch-layout';

describe('packets store', () => {
  beforeEach(() => { setActivePinia(createPinia()); usePacketsStore().reset(); });

  it('counts the seed batch and bumps version once per batch', () => {
    const packets = usePacketsStore();
    const v0 = packets.version;
    packets.onBatch(loadSeed().batch);
    expect(packets.count).toBe(9);
    expect(packets.displayCount).toBe(9);
    expect(packets.version).toBe(v0 + 1);
    expect(packetColumns.count).toBe(9);
  });

  it('rejects a damaged batch with BatchError and keeps what it had', () => {
    const packets = usePacketsStore();
    packets.onBatch(loadSeed().batch);
    expect(() => packets.onBatch(new ArrayBuffer(8))).toThrow(BatchError);
    expect(packets.count).toBe(9);
  });

  it('filters to a stream and by a compiled predicate, then back to everything', () => {
    const packets = usePacketsStore();
    packets.onBatch(loadSeed().batch);
    packets.setRowTest((c, r) => (c.tcpFlags[r] & 0x001) !== 0);
    expect(packets.displayCount).toBe(2);
    expect([displayIndex.rowAt(0), displayIndex.rowAt(1)]).toEqual([4, 7]);
    packets.setStreamFilter(5);
    expect(packets.displayCount).toBe(0);
    packets.setStreamFilter(null);
    packets.setRowTest(null);
    expect(packets.displayCount).toBe(9);
  });

  it('sorts by a column, flips on a second click, and shift-click adds a key', () => {
    const packets = usePacketsStore();
    packets.onBatch(loadSeed().batch);
    packets.sortBy('ack');
    expect(packets.sortKeys).toEqual([{ column: 'ack', descending: false }]);
    packets.sortBy('ack');
    expect(packets.sortKeys).toEqual([{ column: 'ack', descending: true }]);
    expect(displayIndex.rowAt(0)).toBe(5);
    packets.sortBy('seq', true);
    expect(packets.sortKeys.map((k) => k.column)).toEqual(['ack', 'seq']);
    packets.clearSort();
    expect(displayIndex.rowAt(0)).toBe(0);
  });

  it('forgets rows and selection on reset', () => {
    const packets = usePacketsStore();
    packets.onBatch(loadSeed().batch);
    packets.select(4);
    packets.reset();
    expect(packets.count).toBe(0);
    expect(packets.selectedFrame).toBeNull();
  });
});
