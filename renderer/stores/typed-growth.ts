/**
 * Growth for the renderer's typed-array tables (flows, conversations): a copy with room for `capacity`
 * elements, or the same array when it is already that size. Tables grow by half their size, so an append
 * costs amortised O(1) and a finished load gives the slack back with one more call (`trim`).
 */
type Typed = Uint8Array | Int8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

export function resized<T extends Typed>(a: T, capacity: number, used: number): T {
  if (a.length === capacity) return a;
  const next = new (a.constructor as new (n: number) => T)(capacity);
  next.set(a.subarray(0, Math.min(used, capacity)) as never);
  return next;
}

/** Capacity for at least `needed` elements, growing by half. */
export function grownCapacity(current: number, needed: number): number {
  return Math.max(needed, Math.ceil(current * 1.5), 256);
}
