/**
 * Time column text, like Wireshark's View ▸ Time Display Format (tshark -t): date and time of day, year and day of
 * year, time of day (each local or UTC), seconds since 1970, since the first packet (or the latest time reference),
 * since the previous captured packet (frame.time_delta), since the previous displayed one, or since the previous
 * packet of the same TCP conversation (tcp.time_delta, Wireshark's usual custom column for finding stalls).
 * Each row shows as many fraction digits as its record's precision (Wireshark's automatic precision: 6 for a µs
 * pcap, 9 for ns, an interface's if_tsresol in pcapng), cut, not rounded. Timestamps arrive as whole seconds +
 * nanoseconds; differences are taken on the two parts separately so nanosecond captures keep their precision.
 * Runs only for visible rows, so building a string here is fine.
 */

import { differenceText, relativeTimeText } from '../../shared/tcp/nstime';

export type TimeMode = 'datetime' | 'doy' | 'absolute' | 'epoch' | 'relative' | 'delta' | 'deltaDisplayed' | 'conversation';
export type TimeZoneMode = 'utc' | 'local';

export interface TimeFormatChoice {
  /** The mode, with "-local" / "-utc" for the clock formats (Electron's settings.json and View menu name it so). */
  id: string;
  mode: TimeMode;
  /** Only the clock formats (date and time, day of year, time of day) have a zone. */
  zone?: TimeZoneMode;
  label: string;
  title: string;
  hint: string;
  /** tshark's -t for the same format (none for the conversation delta, a SynAck column). */
  tshark?: string;
  /** Wireshark's shortcut digit: Ctrl+Alt+digit (none for the day-of-year formats, as in Wireshark, and the conversation delta). */
  key?: string;
}

/** The packet list's time formats in the order of Wireshark's menu, with the Time column's title and hint for each. */
export const TIME_FORMATS: readonly TimeFormatChoice[] = [
  { id: 'datetime-local', mode: 'datetime', zone: 'local', label: 'Date and time of day', title: 'Date and time', hint: 'Date and time of day in this computer\'s time zone (1970-01-01 01:02:03.123456)', tshark: 'ad', key: '1' },
  { id: 'doy-local', mode: 'doy', zone: 'local', label: 'Year, day of year and time of day', title: 'Year/day time', hint: 'Year, day of the year and time of day in this computer\'s time zone (1970/001 01:02:03.123456)', tshark: 'adoy' },
  { id: 'absolute-local', mode: 'absolute', zone: 'local', label: 'Time of day', title: 'Time of day', hint: 'Time of day in this computer\'s time zone', tshark: 'a', key: '2' },
  { id: 'epoch', mode: 'epoch', label: 'Seconds since 1970-01-01', title: 'Epoch time', hint: 'Seconds since 1970-01-01 00:00:00 UTC (frame.time_epoch)', tshark: 'e', key: '3' },
  { id: 'relative', mode: 'relative', label: 'Seconds since the first packet', title: 'Time', hint: 'Seconds since the first packet, or since the latest time reference before it (frame.time_relative)', tshark: 'r', key: '4' },
  { id: 'delta', mode: 'delta', label: 'Seconds since the previous packet', title: 'Δ time', hint: 'Seconds since the previous captured packet (frame.time_delta)', tshark: 'd', key: '5' },
  { id: 'deltaDisplayed', mode: 'deltaDisplayed', label: 'Seconds since the previous displayed packet', title: 'Δ shown', hint: 'Seconds since the previous packet the list shows, in file order (frame.time_delta_displayed)', tshark: 'dd', key: '6' },
  { id: 'datetime-utc', mode: 'datetime', zone: 'utc', label: 'UTC date and time of day', title: 'Date and time (UTC)', hint: 'Date and time of day in UTC', tshark: 'ud', key: '7' },
  { id: 'doy-utc', mode: 'doy', zone: 'utc', label: 'UTC year, day of year and time of day', title: 'Year/day time (UTC)', hint: 'Year, day of the year and time of day in UTC', tshark: 'udoy' },
  { id: 'absolute-utc', mode: 'absolute', zone: 'utc', label: 'UTC time of day', title: 'Time (UTC)', hint: 'Time of day in UTC', tshark: 'u', key: '8' },
  {
    id: 'conversation', mode: 'conversation', label: 'Seconds since the previous packet of its TCP conversation', title: 'Δ conv.',
    hint: 'Seconds since the previous packet of the same TCP conversation (tcp.time_delta); empty for other packets',
  },
];

/** The format entry of an id (TimeFormatChoice.id), or undefined. */
export const timeFormatById = (id: string): TimeFormatChoice | undefined => TIME_FORMATS.find((f) => f.id === id);

/** The format entry for a mode and zone (the zone matters only for the clock formats). */
export function timeFormat(mode: TimeMode, zone: TimeZoneMode): TimeFormatChoice {
  return TIME_FORMATS.find((f) => f.mode === mode && (f.zone === undefined || f.zone === zone)) ?? TIME_FORMATS[4];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The fraction of `nsec` (0 ≤ nsec < 10^9) with `digits` digits, cut, and its point ("" for whole seconds). */
function fraction(nsec: number, digits: number): string {
  return digits <= 0 ? '' : `.${pad(Math.floor(nsec / 10 ** (9 - digits)), digits)}`;
}


/**
 * A time difference in ns as seconds with `digits` decimals, cut (not rounded) as secondsBetween does; negative when
 * the capture's clock ran backwards; empty for NaN (no such difference).
 */
export function secondsText(ns: number, digits = 6): string {
  if (Number.isNaN(ns)) return '';
  const a = Math.abs(ns), sec = Math.floor(a / 1e9), sign = ns < 0 ? -1 : 1;
  return relativeTimeText(sign * sec, sign * (a - sec * 1e9), digits);
}

/** Seconds from (aSec, aNsec) to (bSec, bNsec) with the list's default six decimals (shared/tcp/nstime.ts differenceText). */
export function secondsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number, digits = 6): string {
  return differenceText(aSec, aNsec, bSec, bNsec, digits);
}

/** The calendar fields of a time in a zone. */
function clock(sec: number, zone: TimeZoneMode): { y: number; mo: number; d: number; h: number; mi: number; s: number; doy: number } {
  const t = new Date(sec * 1000);
  const utc = zone === 'utc';
  const y = utc ? t.getUTCFullYear() : t.getFullYear(), mo = utc ? t.getUTCMonth() : t.getMonth(), d = utc ? t.getUTCDate() : t.getDate();
  const doy = Math.round((Date.UTC(y, mo, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
  return { y, mo: mo + 1, d, h: utc ? t.getUTCHours() : t.getHours(), mi: utc ? t.getUTCMinutes() : t.getMinutes(), s: utc ? t.getUTCSeconds() : t.getSeconds(), doy };
}

/** "HH:MM:SS.ffffff" time of day; `digits` 6 for µs, 9 for ns captures. */
export function timeOfDay(sec: number, nsec: number, zone: TimeZoneMode, digits = 6): string {
  const c = clock(sec, zone);
  return `${pad(c.h, 2)}:${pad(c.mi, 2)}:${pad(c.s, 2)}${fraction(nsec, digits)}`;
}

/** "2020-08-02 00:35:50.265450" (tshark -t ad / ud). */
export function dateTime(sec: number, nsec: number, zone: TimeZoneMode, digits = 6): string {
  const c = clock(sec, zone);
  return `${c.y}-${pad(c.mo, 2)}-${pad(c.d, 2)} ${timeOfDay(sec, nsec, zone, digits)}`;
}

/** "2020/215 00:35:50.265450": year, day of the year and time of day (tshark -t adoy / udoy). */
export function dayOfYearTime(sec: number, nsec: number, zone: TimeZoneMode, digits = 6): string {
  const c = clock(sec, zone);
  return `${c.y}/${pad(c.doy, 3)} ${timeOfDay(sec, nsec, zone, digits)}`;
}

/** Seconds since 1970 with the record's digits (tshark -t e). */
export function epochSeconds(sec: number, nsec: number, digits = 6): string {
  return `${sec}${fraction(nsec, digits)}`;
}

/** Nanoseconds between two (sec, nsec) stamps as a float (exact to the ns for spans up to ~104 days). */
export function nsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return (bSec - aSec) * 1e9 + (bNsec - aNsec);
}
