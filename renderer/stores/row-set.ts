/**
 * A set of stored row numbers kept sorted in a typed array: marked packets and time references. Lookups are binary
 * searches (the packet list asks per visible row, the time column for the latest reference before a row); changes
 * come from the user one row or one displayed range at a time, so an insert may move the tail. Plain data, never
 * reactive: the stores that own one bump a version instead.
 */
import { lowerBound } from '../../shared/filter/lower-bound';
import { grownCapacity, resized } from './typed-growth';

export class RowSet {
  private rows = new Uint32Array(0);
  size = 0;

  /** Index of the first member ≥ row. */
  private lowerBound(row: number): number {
    return lowerBound(this.rows, this.size, row);
  }

  has(row: number): boolean {
    const i = this.lowerBound(row);
    return i < this.size && this.rows[i] === row;
  }

  /** The greatest member ≤ row, -1 for none. */
  atOrBefore(row: number): number {
    if (this.size === 0) return -1;
    const i = this.lowerBound(row + 1);
    return i === 0 ? -1 : this.rows[i - 1];
  }

  /** The greatest member < row, -1 for none. */
  before(row: number): number {
    return row <= 0 ? -1 : this.atOrBefore(row - 1);
  }

  /** The least member > row, -1 for none. */
  after(row: number): number {
    const i = this.lowerBound(row + 1);
    return i < this.size ? this.rows[i] : -1;
  }

  /** Adds or removes one row; returns whether it is a member now. */
  toggle(row: number): boolean {
    const i = this.lowerBound(row);
    if (i < this.size && this.rows[i] === row) {
      this.rows.copyWithin(i, i + 1, this.size);
      this.size--;
      return false;
    }
    if (this.size === this.rows.length) this.rows = resized(this.rows, grownCapacity(this.rows.length, this.size + 1), this.size);
    this.rows.copyWithin(i + 1, i, this.size);
    this.rows[i] = row;
    this.size++;
    return true;
  }

  /** Adds (`add` true) or removes every row of `sorted` (ascending, e.g. the shown rows in file order): one merge. */
  update(sorted: ArrayLike<number>, count: number, add: boolean): void {
    const out = new Uint32Array(add ? this.size + count : this.size);
    let i = 0, j = 0, n = 0;
    while (i < this.size || j < count) {
      const a = i < this.size ? this.rows[i] : Infinity, b = j < count ? sorted[j] : Infinity;
      if (a === b) { if (add) out[n++] = a; i++; j++; }
      else if (a < b) { out[n++] = a; i++; }
      else { if (add) out[n++] = b; j++; }
    }
    this.rows = out;
    this.size = n;
  }

  /** The members in [from, to), ascending (a view valid until the next change). */
  range(from: number, to: number): Uint32Array {
    return this.rows.subarray(this.lowerBound(from), this.lowerBound(to));
  }

  clear(): void {
    this.rows = new Uint32Array(0);
    this.size = 0;
  }
}
