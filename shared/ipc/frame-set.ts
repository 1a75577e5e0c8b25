/**
 * A set of frame numbers as a bitmap, the form `file.export` carries them in: bit (n - 1) of the array,
 * least significant bit first in byte ⌊(n - 1) / 8⌋, selects frame n. One bit per frame keeps any selection
 * small (a conversation scattered over a 6-million-frame capture is 750 KB, where a JSON list of numbers
 * would be 8 bytes a frame), and membership is one shift in the worker's read loop.
 */

/** The bitmap for `frames` (frame numbers ≥ 1, any order; duplicates are harmless). */
export function encodeFrameSet(frames: ArrayLike<number>): Uint8Array {
  let last = 0;
  for (let i = 0; i < frames.length; i++) if (frames[i] > last) last = frames[i];
  const bits = new Uint8Array(Math.ceil(last / 8));
  for (let i = 0; i < frames.length; i++) {
    const n = frames[i] - 1;
    if (n >= 0) bits[n >> 3] |= 1 << (n & 7);
  }
  return bits;
}

/** Whether frame `n` is in the set. */
export function frameSetHas(bits: Uint8Array, n: number): boolean {
  const i = n - 1;
  return i >= 0 && (i >> 3) < bits.length && (bits[i >> 3] & (1 << (i & 7))) !== 0;
}

/** How many frames the set holds. */
export function frameSetCount(bits: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bits.length; i++) {
    let b = bits[i];
    while (b) { b &= b - 1; count++; }
  }
  return count;
}

/** The highest frame number in the set, 0 when it is empty. */
export function frameSetLast(bits: Uint8Array): number {
  for (let i = bits.length - 1; i >= 0; i--) {
    const b = bits[i];
    if (b) return i * 8 + (31 - Math.clz32(b)) + 1;
  }
  return 0;
}
