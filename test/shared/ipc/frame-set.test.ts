import { describe, expect, it } from 'vitest';
import { encodeFrameSet, frameSetCount, frameSetHas, frameSetLast } from '../../../shared/ipc/frame-set';

describe('frame set bitmap', () => {
  it('bit n − 1, least significant first, selects frame n', () => {
    expect([...encodeFrameSet([1])]).toEqual([0b1]);
    expect([...encodeFrameSet([8, 9])]).toEqual([0b1000_0000, 0b1]);
    expect([...encodeFrameSet([3, 1, 3])]).toEqual([0b101]);
  });

  it('answers membership, count and last frame for what it was built from', () => {
    const frames = [2, 7, 8, 9, 64, 65, 1000];
    const bits = encodeFrameSet(frames);
    for (let n = 0; n <= 1010; n++) expect(frameSetHas(bits, n), `frame ${n}`).toBe(frames.includes(n));
    expect(frameSetCount(bits)).toBe(frames.length);
    expect(frameSetLast(bits)).toBe(1000);
  });

  it('is empty for no frames, and ignores frame numbers below 1', () => {
    expect(encodeFrameSet([]).length).toBe(0);
    expect(frameSetLast(encodeFrameSet([0, -4]))).toBe(0);
    expect(frameSetCount(new Uint8Array(3))).toBe(0);
    expect(frameSetHas(new Uint8Array(1), 100)).toBe(false);
  });
});
