/**
 * Wiretap's timestamp precisions (WTAP_TSPREC_*): the number of fraction digits a time is shown with. A pcapng
 * interface's precision follows from its if_tsresol ticks per second (pcapng.c: ≥ 10^9 ns, ≥ 10^6 µs, ≥ 1000 ms,
 * ≥ 100 cs, ≥ 10 ds, else s; so 2^-8 s, 256 ticks, is centiseconds); a pcap file's from its magic.
 */
export const TSPREC_UNKNOWN = -2, TSPREC_PER_PACKET = -1;

const NAMES: Readonly<Record<number, string>> = {
  [TSPREC_UNKNOWN]: 'unknown', [TSPREC_PER_PACKET]: 'per-packet', 0: 'seconds', 1: 'deciseconds', 2: 'centiseconds',
  3: 'milliseconds', 6: 'microseconds', 9: 'nanoseconds',
};

/** wtap_tsprec_string. */
export function precisionName(tsprec: number): string {
  return NAMES[tsprec] ?? 'unknown';
}

/** Clock ticks per second of an if_tsresol byte (bit 7 set: a power of 2, else of 10). */
export function ticksPerSecond(tsresol: number): number {
  return tsresol & 0x80 ? 2 ** (tsresol & 0x7f) : 10 ** tsresol;
}

/** The precision wiretap gives an interface with `tsresol`. */
export function precisionOf(tsresol: number): number {
  const t = ticksPerSecond(tsresol);
  return t >= 1e9 ? 9 : t >= 1e6 ? 6 : t >= 1000 ? 3 : t >= 100 ? 2 : t >= 10 ? 1 : 0;
}
