/** Index of the first of `sorted[0 … count)` (ascending) that is ≥ `value`; `count` when none is. */
export function lowerBound(sorted: ArrayLike<number>, count: number, value: number): number {
  let lo = 0, hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1; else hi = mid;
  }
  return lo;
}
