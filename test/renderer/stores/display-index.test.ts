import { describe, expect, it } from 'vitest';
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import { PacketColumnStore } from '../../../renderer/stores/packet-columns';
import { DisplayIndex } from '../../../renderer/stores/display-index';

function store(rows: number): PacketColumnStore {
  const cols = allocateColumns(rows);
  for (let i = 0; i < rows; i++) {
    cols.frame[i] = i + 1; cols.stream[i] = i % 3; cols.payloadLen[i] = (i * 7) % 5; cols.seqRel[i] = 100 - i;
  }
  cols.rows = rows;
  const s = new PacketColumnStore();
  s.append(cols);
  return s;
}

describe('DisplayIndex', () => {
  it('shows every row in file order without an index when nothing is chosen', () => {
    const s = store(10);
    const d = new DisplayIndex();
    d.rebuild(s.cols, null, null, []);
    expect(d.rows).toBeNull();
    expect(d.count).toBe(10);
    expect(d.rowAt(7)).toBe(7);
  });

  it('keeps one conversation and a filter, and extends with appended rows', () => {
    const s = store(12);
    const d = new DisplayIndex();
    d.rebuild(s.cols, 1, (c, r) => c.payloadLen[r] !== 0, []);
    const shown = Array.from({ length: d.count }, (_, i) => d.rowAt(i));
    expect(shown.every((r) => s.cols.stream[r] === 1 && s.cols.payloadLen[r] !== 0)).toBe(true);
    const more = allocateColumns(3);
    more.frame.set([13, 14, 15]); more.stream.set([1, 1, 0]); more.payloadLen.set([1, 0, 1]); more.rows = 3;
    const before = d.count;
    s.append(more);
    d.extend(s.cols, 12);
    expect(d.count).toBe(before + 1);
    expect(d.rowAt(d.count - 1)).toBe(12);
    expect(d.positionOf(12)).toBe(d.count - 1);
    expect(d.positionOf(13)).toBe(-1);
  });

  it('sorts by several keys, ties in file order', () => {
    const s = store(10);
    const d = new DisplayIndex();
    d.rebuild(s.cols, null, null, [{ column: 'len', descending: true }, { column: 'seq', descending: false }]);
    const shown = Array.from({ length: d.count }, (_, i) => d.rowAt(i));
    for (let i = 1; i < shown.length; i++) {
      const a = shown[i - 1], b = shown[i];
      const la = s.cols.payloadLen[a], lb = s.cols.payloadLen[b];
      expect(la > lb || (la === lb && s.cols.seqRel[a] <= s.cols.seqRel[b])).toBe(true);
    }
  });
});
