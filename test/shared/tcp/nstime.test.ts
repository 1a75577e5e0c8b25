import { describe, expect, it } from 'vitest';
import { nsBetween, nstimeDelta, relativeTimeText } from '../../../shared/tcp/nstime';

/** Random capture times and spans up to ±60 years, checked against BigInt nanosecond arithmetic. */
function* pairs(n: number): Generator<[number, number, number, number]> {
  let x = 12345;
  const rnd = (): number => { x = (x * 1103515245 + 12345) % 2 ** 31; return x / 2 ** 31; };
  for (let i = 0; i < n; i++) {
    const sec0 = Math.floor(rnd() * 2 ** 33), nsec0 = Math.floor(rnd() * 1e9), nsec1 = Math.floor(rnd() * 1e9);
    const span = [0, 1, 86_400, 104 * 86_400, 25 * 365 * 86_400, 60 * 365 * 86_400][i % 6];
    yield [sec0 + Math.floor((rnd() * 2 - 1) * span), nsec1, sec0, nsec0];
  }
}

const bigNs = (sec: number, nsec: number): bigint => BigInt(sec) * 1_000_000_000n + BigInt(nsec);
const bigText = (ns: bigint): string => {
  const a = ns < 0n ? -ns : ns;
  return `${ns < 0n ? '-' : ''}${a / 1_000_000_000n}.${String(a % 1_000_000_000n).padStart(9, '0')}`;
};

describe('(seconds, ns) time differences', () => {
  it('nstimeDelta is exact at any span up to 68 years, with seconds stored modulo 2^32', () => {
    const out = { sec: 0, nsec: 0 };
    for (const [s1, n1, s0, n0] of pairs(3000)) {
      const exact = bigNs(s1, n1) - bigNs(s0, n0);
      nstimeDelta(out, s1 % 2 ** 32, n1, s0 % 2 ** 32, n0);
      expect(bigNs(out.sec, out.nsec)).toBe(exact);
      expect(out.sec === 0 || out.nsec === 0 || Math.sign(out.sec) === Math.sign(out.nsec)).toBe(true);
      expect(relativeTimeText(out.sec, out.nsec)).toBe(bigText(exact));
    }
  });

  it('nsBetween is exact below 2^53 ns (104 days)', () => {
    for (const [s1, n1, s0, n0] of pairs(3000)) {
      const exact = bigNs(s1, n1) - bigNs(s0, n0);
      if ((exact < 0n ? -exact : exact) < 2n ** 53n) expect(BigInt(nsBetween(s1 % 2 ** 32, n1, s0 % 2 ** 32, n0))).toBe(exact);
    }
  });
});
