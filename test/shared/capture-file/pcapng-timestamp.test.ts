import { describe, expect, it } from 'vitest';
import { PcapngTimestamp } from '../../../shared/capture-file/pcapng-timestamp';

/** Wiretap's arithmetic in BigInt: secs = ts / units, nsecs = (ts % units) · 10^9 / units. */
function reference(tsresol: number, hi: number, lo: number): [number, number] {
  const units = (tsresol & 0x80) ? 1n << BigInt(tsresol & 0x7f) : 10n ** BigInt(tsresol);
  const ts = (BigInt(hi) << 32n) | BigInt(lo);
  return [Number(ts / units), Number(((ts % units) * 1_000_000_000n) / units)];
}

describe('PcapngTimestamp', () => {
  // Decimal 0..11 and binary 0..32 use exact double arithmetic; the rest use the BigInt fallback.
  const RESOLUTIONS = [0, 1, 3, 6, 9, 10, 11, 12, 19, 0x80, 0x81, 0x88, 0x94, 0x9e, 0xa0, 0xa1, 0xbf];
  it.each(RESOLUTIONS)('matches exact 64-bit arithmetic for if_tsresol 0x%s', (tsresol) => {
    const clock = new PcapngTimestamp(tsresol, 0);
    let seed = 12345 + tsresol;
    const next = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
    const edges = [[0, 0], [0xffffffff, 0xffffffff], [0x17a2b3c4, 0xffffffff], [395812, 0x12345678], [0, 999999]];
    for (let i = 0; i < 3000; i++) {
      const [hi, lo] = i < edges.length ? edges[i] : [i % 2 ? next() >>> (i % 32) : next(), next()];
      clock.convert(hi, lo);
      const [sec, nsec] = reference(tsresol, hi, lo);
      // Seconds beyond 2^53 cannot be exact in a number; compare those approximately.
      if (sec > Number.MAX_SAFE_INTEGER) expect(clock.sec / sec).toBeCloseTo(1, 9);
      else expect([clock.sec, clock.nsec], `0x${hi.toString(16)} 0x${lo.toString(16)}`).toEqual([sec, nsec]);
    }
  });

  it('adds if_tsoffset seconds', () => {
    const clock = new PcapngTimestamp(6, 1_000_000_000);
    clock.convert(0, 2_500_000);
    expect([clock.sec, clock.nsec]).toEqual([1_000_000_002, 500_000_000]);
  });

  it('accepts the resolutions wiretap accepts', () => {
    expect([19, 20, 0xbf, 0xc0].map((r) => PcapngTimestamp.isValid(r))).toEqual([true, false, true, false]);
  });
});
