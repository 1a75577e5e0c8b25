import { describe, expect, it } from 'vitest';
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from '../../../shared/tcp/seq';

describe('sequence arithmetic modulo 2^32', () => {
  it('0xffffffff is before 0 across the wrap', () => {
    expect(seqLt(0xffffffff, 0)).toBe(true);
    expect(seqGt(0, 0xffffffff)).toBe(true);
    expect(seqDiff(0, 0xffffffff)).toBe(1);
    expect(seqAdd(0xffffffff, 1)).toBe(0);
  });
  it('a difference of exactly 2^31 is "less than" both ways, as Wireshark LT_SEQ', () => {
    expect(seqLt(0, 0x80000000)).toBe(true);
    expect(seqLt(0x80000000, 0)).toBe(true);
    expect(seqGt(0, 0x80000000)).toBe(true);
  });
  it('equal numbers are ≤ and ≥ but not < or >', () => {
    expect(seqLe(5, 5) && seqGe(5, 5)).toBe(true);
    expect(seqLt(5, 5) || seqGt(5, 5)).toBe(false);
  });
});
