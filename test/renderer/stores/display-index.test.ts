import { describe, expect, it } from 'vitest';
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import { PacketColumnStore } from '../../../renderer/stores/packet-columns';
import { DisplayIndex } from '../../../renderer/stores/display-index';
import { RowSet } from '../../../renderer/stores/row-set';

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

describe('DisplayIndex: time references and the previous shown row', () => {
  it('shows the `always` rows whatever the filter and conversation say, once each and in order', () => {
    const s = store(12);
    const d = new DisplayIndex();
    const refs = new RowSet();
    refs.toggle(4); refs.toggle(6);                                 // 4: filtered out (stream 1); 6: shown anyway (stream 0)
    d.always = refs;
    d.rebuild(s.cols, 0, null, []);
    expect(Array.from({ length: d.count }, (_, i) => d.rowAt(i))).toEqual([0, 3, 4, 6, 9]);
    // With a range selector (the compiled filter's fast path) and rows arriving later.
    const selector = { select: (_c: unknown, from: number, to: number, out: Uint32Array, at: number) => { let n = 0; for (let r = from; r < to; r++) if (r % 4 === 0) out[at + n++] = r; return n; } };
    d.rebuild(s.cols, null, selector, []);
    expect(Array.from({ length: d.count }, (_, i) => d.rowAt(i))).toEqual([0, 4, 6, 8]);
    const more = allocateColumns(3);
    more.frame.set([13, 14, 15]); more.rows = 3;
    s.append(more);
    refs.toggle(13);
    d.extend(s.cols, 12);
    expect(Array.from({ length: d.count }, (_, i) => d.rowAt(i))).toEqual([0, 4, 6, 8, 12, 13]);
  });

  it('finds the previous shown row in file order, sorted or not', () => {
    const s = store(12);
    const d = new DisplayIndex();
    d.rebuild(s.cols, null, null, []);
    expect([d.previousShown(5), d.previousShown(0)]).toEqual([4, -1]);
    d.rebuild(s.cols, 2, null, []);                                   // rows 2, 5, 8, 11
    expect([d.previousShown(8), d.previousShown(7), d.previousShown(2), d.previousShown(100)]).toEqual([5, 5, -1, 11]);
    d.rebuild(s.cols, 2, null, [{ column: 'seq', descending: false }]);   // shown as 11, 8, 5, 2: file order still counts
    expect(d.rowAt(0)).toBe(11);
    expect([d.previousShown(8), d.previousShown(11), d.previousShown(2)]).toEqual([5, 8, -1]);
    expect(d.hidesRows).toBe(true);
    d.rebuild(s.cols, null, null, [{ column: 'seq', descending: false }]);
    expect(d.hidesRows).toBe(false);
  });
});
