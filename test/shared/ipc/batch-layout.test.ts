import { describe, expect, it } from 'vitest';
import { allocateBatchColumns, allocateColumns, batchBytes, COLUMNS, decodeBatch, encodeBatch, takeFullBatch, type PacketColumns } from '../../../shared/ipc/batch-layout';

/** Writes a distinct value into every cell (row r of column c: c·1000 + r), rows 0 … rows − 1. */
function fill(cols: PacketColumns, rows: number): PacketColumns {
  COLUMNS.forEach((c, i) => { for (let r = 0; r < rows; r++) (cols[c.name] as Uint32Array)[r] = i * 1000 + r; });
  cols.rows = rows;
  return cols;
}

const values = (cols: PacketColumns): number[][] => COLUMNS.map((c) => Array.from(cols[c.name] as ArrayLike<number>).slice(0, cols.rows));

describe('batch layout', () => {
  it('full batch columns hand over their own buffer, byte for byte what encodeBatch copies', () => {
    const cols = fill(allocateBatchColumns(8), 8);
    const copy = encodeBatch(cols);
    const own = takeFullBatch(cols);
    expect(own).toBe(cols.frame.buffer);
    expect(new Uint8Array(own!)).toEqual(new Uint8Array(copy));
    expect(values(decodeBatch(own!))).toEqual(values(cols));
  });

  it('fresh batch columns say "no outer flow" and "no ACK RTT" in every row, as allocateColumns does', () => {
    const cols = allocateBatchColumns(4);
    expect([...cols.outerFlow]).toEqual([-1, -1, -1, -1]);
    expect([...cols.ackRttNs].every(Number.isNaN)).toBe(true);
  });

  it('a spare buffer of a sent batch is filled again from scratch, as a fresh one; one of another size is not taken', () => {
    const sent = takeFullBatch(fill(allocateBatchColumns(4), 4))!;
    expect(sent.byteLength).toBe(batchBytes(4));
    const again = allocateBatchColumns(4, sent);
    expect(again.frame.buffer).toBe(sent);
    expect(values({ ...again, rows: 4 })).toEqual(values({ ...allocateBatchColumns(4), rows: 4 }));
    expect(allocateBatchColumns(8, sent).frame.buffer).not.toBe(sent);
  });

  it('copies instead when the columns are not a full batch in the encoded layout', () => {
    expect(takeFullBatch(fill(allocateBatchColumns(8), 5))).toBeNull();    // rows short of the capacity
    expect(takeFullBatch(fill(allocateColumns(8), 8))).toBeNull();         // separate arrays
  });

  it('a received batch is its own encoding', () => {
    const buf = encodeBatch(fill(allocateColumns(3), 3));
    expect(takeFullBatch(decodeBatch(buf))).toBe(buf);
  });
});
