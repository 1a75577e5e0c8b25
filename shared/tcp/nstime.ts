/**
 * Capture times as (seconds, nanoseconds) pairs, like Wireshark's nstime_t. The tracker keeps every time it
 * stores as such a pair in two 32-bit typed-array columns, never as one double counting ns since the file's
 * start: that double is exact below 2^53 ns (104 days) only, so a capture stitched from several years lost up to
 * ~100 ns in every time difference. Seconds may be stored modulo 2^32 (Uint32 columns, as many bytes as the one
 * double they replace); a difference takes its seconds modulo 2^32 too, so it is exact for spans under 68 years
 * whatever the absolute times: `nsBetween` as one number while below 104 days, `nstimeDelta` as a pair
 * (for tshark's text: ack_rtt, initial_rtt, time_relative).
 */

/** A time or a time difference: whole seconds and nanoseconds, both with the sign of the whole (nstime_t). */
export interface NsTime {
  sec: number;
  nsec: number;
}

const NS_PER_S = 1e9;

/** Seconds from sec0 to sec1, either possibly stored modulo 2^32: exact within ±68 years. */
const secondsBetween = (sec1: number, sec0: number): number => (sec1 - sec0) | 0;

/**
 * ns from (sec0, nsec0) to (sec1, nsec1); exact whenever the result is below 2^53 ns (104 days) in size. Nanoseconds
 * are read as wiretap's 32-bit signed nsecs (a damaged pcap fraction is kept unnormalised: capture-record.ts
 * wiretapNsec), in 64-bit arithmetic as packet-tcp.c's threshold tests do.
 */
export function nsBetween(sec1: number, nsec1: number, sec0: number, nsec0: number): number {
  return secondsBetween(sec1, sec0) * NS_PER_S + ((nsec1 | 0) - (nsec0 | 0));
}

/**
 * Wireshark's nstime_delta: writes (sec1, nsec1) − (sec0, nsec0) into `out` and returns it. Nanoseconds are 32-bit
 * signed and their arithmetic wraps as in C, which shows only with wiretap's unnormalised damaged fractions.
 */
export function nstimeDelta(out: NsTime, sec1: number, nsec1: number, sec0: number, nsec0: number): NsTime {
  let sec = secondsBetween(sec1, sec0), nsec = ((nsec1 | 0) - (nsec0 | 0)) | 0;
  if (sec > 0 && nsec < 0) { sec--; nsec = (nsec + NS_PER_S) | 0; }
  else if (sec < 0 && nsec > 0) { sec++; nsec = (nsec - NS_PER_S) | 0; }
  out.sec = sec; out.nsec = nsec;
  return out;
}

/** Whether a pair is zero: Wireshark's nstime_is_zero, its "not set" mark for ts_mru_syn and ts_first_rtt. */
export const nstimeIsZero = (sec: number, nsec: number): boolean => sec === 0 && nsec === 0;

/**
 * A time difference (both parts of the same sign) as Wireshark's display_signed_time writes it: "-" before the
 * absolute value when negative, the fraction cut to `digits` (9 in -T fields: "0.000001000" for 1 µs; the Time
 * column uses the record's precision), no point for 0 digits.
 */
export function relativeTimeText(sec: number, nsec: number, digits = 9): string {
  const neg = sec < 0 || nsec < 0 ? '-' : '';
  const frac = digits <= 0 ? '' : `.${String(Math.floor(Math.abs(nsec) / 10 ** (9 - digits))).padStart(digits, '0')}`;
  return `${neg}${Math.abs(sec)}${frac}`;
}

/**
 * Seconds from (aSec, aNsec) to (bSec, bNsec), exactly (the parts apart: a difference from time 0 is ~10^18 ns, past a
 * double's integers), as "1.000123" with `digits` decimals: Wireshark's nstime_delta, then display_signed_time.
 */
export function differenceText(aSec: number, aNsec: number, bSec: number, bNsec: number, digits = 9): string {
  let sec = bSec - aSec, nsec = bNsec - aNsec;
  // Both parts get the same sign, as nstime_delta leaves them.
  if (sec > 0 && nsec < 0) { sec--; nsec += 1e9; } else if (sec < 0 && nsec > 0) { sec++; nsec -= 1e9; }
  return relativeTimeText(sec, nsec, digits);
}
