/**
 * Packet timestamps as tcpdump 4.99 writes them (util-print.c ts_print): the default "HH:MM:SS.uuuuuu" (we
 * always use UTC, i.e. tcpdump run with TZ=UTC) and -tt "SECONDS.uuuuuu". libpcap hands tcpdump microseconds,
 * so nanosecond captures are cut (not rounded) to microseconds. A time whose low 32 bits have the sign bit set
 * prints "[Error converting time]", as tcpdump's `(unsigned)sec & 0x80000000` test does.
 */

/** How the timestamp column looks: 'hms' (default) or 'epoch' (-tt). */
export type TcpdumpTimeFormat = 'hms' | 'epoch';

const ERROR = '[Error converting time]';
const DAY = 86400;

/**
 * The timestamp text for whole seconds `sec` and nanoseconds `nsec` (no trailing space). `nanoPcap`: the
 * record comes from a nanosecond pcap file, whose fraction libpcap reads as a signed 32-bit number and divides
 * by 1000 (so an invalid fraction ≥ 2^31 prints as tcpdump shows it).
 */
export function formatTcpdumpTime(sec: number, nsec: number, format: TcpdumpTimeFormat, nanoPcap = false): string {
  const low32 = sec % 0x100000000;
  if (low32 >= 0x80000000 || sec < 0) return ERROR;
  const micro = nanoPcap && nsec >= 0x80000000 ? (Math.trunc((nsec - 0x100000000) / 1000) >>> 0) : Math.floor(nsec / 1000);
  const usec = String(micro).padStart(6, '0');
  if (format === 'epoch') return `${low32}.${usec}`;
  const inDay = sec % DAY;
  const h = Math.floor(inDay / 3600), m = Math.floor((inDay % 3600) / 60), s = inDay % 60;
  return `${two(h)}:${two(m)}:${two(s)}.${usec}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
