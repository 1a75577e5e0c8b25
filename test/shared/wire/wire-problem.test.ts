import { describe, expect, it } from 'vitest';
import { ProblemSlot, WIRE_PROBLEM_NAMES, WireProblemCode, wireProblemName } from '../../../shared/wire/wire-problem';

describe('WireProblemCode', () => {
  it('numbers the codes 0..n-1 without gaps and names each one', () => {
    const codes = Object.values(WireProblemCode).sort((a, b) => a - b);
    expect(codes).toEqual(codes.map((_, i) => i));
    expect(WIRE_PROBLEM_NAMES).toHaveLength(codes.length);
    expect(wireProblemName(WireProblemCode.tcpDataOffset)).toBe('TCP data offset below 5');
  });

  it('names codes from a newer version generically', () => {
    expect(wireProblemName(999)).toBe('problem 999');
  });

  it('a ProblemSlot is refilled, not reallocated', () => {
    const slot = new ProblemSlot();
    const a = slot.set(WireProblemCode.tcpTruncated, 10);
    const b = slot.set(WireProblemCode.ipTruncated, 3);
    expect(a).toBe(b);
    expect({ code: b.code, offset: b.offset }).toEqual({ code: WireProblemCode.ipTruncated, offset: 3 });
  });
});
