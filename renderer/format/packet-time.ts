/**
 * Time column text, like Wireshark's View ▸ Time Display Format: absolute time of day (UTC or local),
 * seconds since the first packet, since the previous captured packet (frame.time_delta), or since the previous
 * packet of the same TCP conversation (tcp.time_delta, Wireshark's usual custom column for finding stalls).
 * Timestamps arrive as whole seconds + nanoseconds; differences are taken on the two parts separately so
 * nanosecond captures keep their precision. Runs only for visible rows, so building a string here is fine.
 */

export type TimeMode = 'absolute' | 'relative' | 'delta' | 'conversation';
export type TimeZoneMode = 'utc' | 'local';

/** The choices of the packet list's time format, with the Time column's title and hint for each. */
export const TIME_FORMATS: readonly { mode: TimeMode; zone?: TimeZoneMode; label: string; title: string; hint: string }[] = [
  { mode: 'relative', label: 'Seconds since the first packet', title: 'Time', hint: 'Seconds since the first packet (frame.time_relative)' },
  { mode: 'delta', label: 'Seconds since the previous packet', title: 'Δ time', hint: 'Seconds since the previous captured packet (frame.time_delta)' },
  {
    mode: 'conversation', label: 'Seconds since the previous packet of its TCP conversation', title: 'Δ conv.',
    hint: 'Seconds since the previous packet of the same TCP conversation (tcp.time_delta); empty for other packets',
  },
  { mode: 'absolute', zone: 'local', label: 'Time of day, local', title: 'Time of day', hint: 'Time of day in this computer\'s time zone' },
  { mode: 'absolute', zone: 'utc', label: 'Time of day, UTC', title: 'Time (UTC)', hint: 'Time of day in UTC' },
];

/** The format entry for a mode and zone (the zone matters only for time of day). */
export function timeFormat(mode: TimeMode, zone: TimeZoneMode): (typeof TIME_FORMATS)[number] {
  return TIME_FORMATS.find((f) => f.mode === mode && (f.zone === undefined || f.zone === zone)) ?? TIME_FORMATS[0];
}


const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A time difference in ns as seconds with 6 decimals, cut (not rounded) as secondsBetween does; negative when the
 * capture's clock ran backwards; empty for NaN (no such difference).
 */
export function secondsText(ns: number): string {
  if (Number.isNaN(ns)) return '';
  const a = Math.abs(ns), sec = Math.floor(a / 1e9);
  return `${ns < 0 ? '-' : ''}${sec}.${pad(Math.floor((a - sec * 1e9) / 1e3), 6)}`;
}

/** Seconds from (aSec, aNsec) to (bSec, bNsec), as "1.000123" with `digits` decimals. */
export function secondsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number, digits = 6): string {
  let sec = bSec - aSec;
  let nsec = bNsec - aNsec;
  if (nsec < 0) { sec -= 1; nsec += 1e9; }
  if (sec < 0) {
    // Time went backwards (reordered capture): show a negative interval the way Wireshark does.
    const total = -(sec + nsec / 1e9);
    return `-${total.toFixed(digits)}`;
  }
  const frac = Math.floor(nsec / 10 ** (9 - digits));
  return digits === 0 ? String(sec) : `${sec}.${pad(frac, digits)}`;
}

/** tcpdump's "HH:MM:SS.ffffff" time of day; `digits` 6 for µs, 9 for ns captures. */
export function timeOfDay(sec: number, nsec: number, zone: TimeZoneMode, digits = 6): string {
  const d = new Date(sec * 1000);
  const h = zone === 'utc' ? d.getUTCHours() : d.getHours();
  const m = zone === 'utc' ? d.getUTCMinutes() : d.getMinutes();
  const s = zone === 'utc' ? d.getUTCSeconds() : d.getSeconds();
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(Math.floor(nsec / 10 ** (9 - digits)), digits)}`;
}

/** "2020-08-02 00:35:50.265450" for tooltips and the status bar. */
export function dateTime(sec: number, nsec: number, zone: TimeZoneMode, digits = 6): string {
  const d = new Date(sec * 1000);
  const date = zone === 'utc'
    ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`
    : `${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
  return `${date} ${timeOfDay(sec, nsec, zone, digits)}`;
}

/** Nanoseconds as a short human duration: "14 µs", "2.3 ms", "20 min 49.95 s". */
export function humanDuration(ns: number): string {
  if (ns < 0) return '—';
  if (ns < 1e3) return `${Math.round(ns)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 1 : 0)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
  const s = ns / 1e9;
  if (s < 60) return `${s.toFixed(3)} s`;
  const min = Math.floor(s / 60);
  return `${min} min ${(s - min * 60).toFixed(2)} s`;
}

/** Nanoseconds between two (sec, nsec) stamps as a float (exact to the ns for spans up to ~104 days). */
export function nsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return (bSec - aSec) * 1e9 + (bNsec - aNsec);
}
