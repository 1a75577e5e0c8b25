import { describe, expect, it } from 'vitest';
import { allocateColumns, decodeBatch, encodeBatch } from '../shared/ipc/batch-layout';

describe('batch layout', () => {
  it('round-trips rows through one flat buffer', () => {
    const cols = allocateColumns(8);
    cols.frame[0] = 1; cols.frame[1] = 2; cols.tsSec[1] = 1700000000; cols.stream[0] = -1; cols.rows = 2;
    const back = decodeBatch(encodeBatch(cols));
    expect(back.rows).toBe(2);
    expect([...back.frame]).toEqual([1, 2]);
    expect(back.tsSec[1]).toBe(1700000000);
    expect(back.stream[0]).toBe(-1);
  });
  it('rejects a buffer whose length does not match its row count', () => {
    const buf = encodeBatch(Object.assign(allocateColumns(4), { rows: 3 }));
    expect(() => decodeBatch(buf.slice(0, buf.byteLength - 8))).toThrow(/needs/);
  });
});
