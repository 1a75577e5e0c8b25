/**
 * pcapng timestamps → (seconds, nanoseconds) with exact integer arithmetic and no allocation per packet.
 * A pcapng timestamp is a 64-bit count of units of 10^-n or 2^-n seconds (if_tsresol, default 10^-6),
 * plus if_tsoffset seconds. Doubles hold integers exactly only below 2^53, and today's nanosecond counts
 * are ~2^61, so the 64-bit value is divided in 16-bit digits (units ≤ 10^11) or shifted (2^-n, n ≤ 32);
 * other resolutions fall back to BigInt per packet (no real file uses them). Nanoseconds are truncated,
 * as wiretap does (ts % units * 10^9 / units).
 */
export class PcapngTimestamp {
  /** Results of the last `convert`. */
  sec = 0;
  nsec = 0;
  private readonly mode: 'decimal' | 'binary' | 'bigint';
  private readonly exponent: number;
  private readonly units: number;
  private readonly offset: number;
  /** Exact units per second for the BigInt fallback (the double is inexact for 10^n, n > 22). */
  private readonly unitsBig: bigint;

  /** `tsresol` is the if_tsresol byte (valid: 10^-0..10^-19, 2^-0..2^-63); `offset` is if_tsoffset in seconds. */
  constructor(tsresol: number, offset: number) {
    const binary = (tsresol & 0x80) !== 0;
    this.exponent = tsresol & 0x7f;
    this.units = binary ? 2 ** this.exponent : 10 ** this.exponent;
    this.offset = offset;
    this.unitsBig = binary ? 1n << BigInt(this.exponent) : 10n ** BigInt(this.exponent);
    if (!binary && this.exponent <= 11) this.mode = 'decimal';
    else if (binary && this.exponent <= 32) this.mode = 'binary';
    else this.mode = 'bigint';
  }

  /** Whether an if_tsresol byte names a resolution wiretap supports. */
  static isValid(tsresol: number): boolean {
    return (tsresol & 0x80) !== 0 ? (tsresol & 0x7f) < 64 : tsresol < 20;
  }

  /** Converts the timestamp whose high and low 32-bit words are given; read `sec`/`nsec` after. */
  convert(hi: number, lo: number): void {
    if (this.mode === 'decimal') this.decimal(hi, lo);
    else if (this.mode === 'binary') this.binary(hi, lo);
    else this.big(hi, lo);
    this.sec += this.offset;
  }

  /** Long division of the 64-bit count by 10^n in base 2^16: every intermediate stays below 2^53. */
  private decimal(hi: number, lo: number): void {
    const u = this.units;
    let q = 0, r = 0;
    for (let i = 0; i < 4; i++) {
      const digit = i === 0 ? hi >>> 16 : i === 1 ? hi & 0xffff : i === 2 ? lo >>> 16 : lo & 0xffff;
      const cur = r * 65536 + digit;
      let qd = Math.floor(cur / u);
      r = cur - qd * u;
      if (r < 0) { qd -= 1; r += u; } // float division rounded up to the next integer
      q = q * 65536 + qd;
    }
    this.sec = q;
    const n = this.exponent;
    this.nsec = n <= 9 ? r * 10 ** (9 - n) : Math.floor(r / 10 ** (n - 9));
  }

  /** 2^-n with n ≤ 32: seconds are a shift; 10^9 = 2^9 · 1953125 keeps rem · 1953125 below 2^53. */
  private binary(hi: number, lo: number): void {
    const n = this.exponent;
    const low = Math.floor(lo / this.units);
    this.sec = hi * 2 ** (32 - n) + low;
    const rem = lo - low * this.units;
    this.nsec = n >= 9 ? Math.floor((rem * 1953125) / 2 ** (n - 9)) : rem * 1953125 * 2 ** (9 - n);
  }

  private big(hi: number, lo: number): void {
    const ts = (BigInt(hi) << 32n) | BigInt(lo);
    this.sec = Number(ts / this.unitsBig);
    this.nsec = Number(((ts % this.unitsBig) * 1_000_000_000n) / this.unitsBig);
  }
}
