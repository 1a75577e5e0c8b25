import { describe, expect, it } from 'vitest';
import { SparseFloatColumn } from '../../../renderer/stores/sparse-column';

describe('SparseFloatColumn', () => {
  it('holds only the rows that have a value and reads the others as empty', () => {
    const c = new SparseFloatColumn(-1);
    for (let r = 0; r < 5000; r += 3) c.push(r, r * 1.5);
    expect(c.count).toBe(1667);
    expect(c.get(2997)).toBe(4495.5);
    expect(c.get(2998)).toBe(-1);
    expect(c.get(9999)).toBe(-1);
    c.trim();
    expect(c.byteLength).toBe(1667 * 12);
  });

  it('expands to a full column on demand, extends it as rows arrive, and gives it back on release', () => {
    const c = new SparseFloatColumn(-1);
    c.push(1, 10); c.push(4, 40);
    const a = c.dense(3);
    expect([...a.subarray(0, 3)]).toEqual([-1, 10, -1]);
    c.push(7, 70);
    const b = c.dense(9);
    expect([...b.subarray(0, 9)]).toEqual([-1, 10, -1, -1, 40, -1, -1, 70, -1]);
    expect(c.dense(5)).toBe(b); // big enough already: same array, nothing copied
    const sparse = c.byteLength - b.byteLength;
    c.release();
    expect(c.byteLength).toBe(sparse);
    expect([...c.dense(9)]).toEqual([-1, 10, -1, -1, 40, -1, -1, 70, -1]);
  });

  it('keeps the expansion while any holder reads it (the filter, the custom columns) and gives it back after the last', () => {
    const c = new SparseFloatColumn(NaN);
    c.push(2, 5);
    const pairs = c.byteLength;
    const a = c.dense(4, 'filter');
    expect(c.dense(4, 'columns')).toBe(a);
    c.release('filter');                                   // the columns still read it
    expect(c.byteLength).toBe(pairs + a.byteLength);
    c.release('filter');                                   // twice: no effect
    expect(c.byteLength).toBe(pairs + a.byteLength);
    c.release('columns');
    expect(c.byteLength).toBe(pairs);
  });

  it('clear forgets every value', () => {
    const c = new SparseFloatColumn(-1);
    c.push(0, 1);
    c.dense(1);
    c.clear();
    expect(c.count).toBe(0);
    expect(c.byteLength).toBe(0);
    expect([...c.dense(2)]).toEqual([-1, -1]);
  });
});
