/**
 * A frame.time literal (FT_ABSOLUTE_TIME) as tshark 4.0 reads it (epan/ftypes/ftype-time.c
 * absolute_val_from_string): first ISO 8601 — "2011-07-04 12:34:56.789", a T or spaces between date and time,
 * seconds and fraction optional, a zone "Z" or "+02:00" / "+0200" / "+02" right after it — then the legacy forms
 * "Nov 12, 1999 08:55:44.123" (seconds required) and "2011-07-04" with an optional " 12:34:56", " 12:34" or " 12",
 * each optionally followed by " UTC". Without a zone the time is local, as mktime(3) reads it (the process's or the
 * browser's zone: the same one tshark would use on this machine).
 *
 * Returns whole seconds since the epoch and nanoseconds, or the error text tshark prints. Years have four digits
 * (tshark's legacy path also takes fewer, with results that do not look intended).
 */
export type AbsoluteTime = { sec: number; nsec: number } | { error: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const GENERIC = (s: string): string => `"${s}" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`;

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d*))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
/** The legacy date forms up to where the time ends; what follows is checked apart (fraction, " UTC", junk). */
const LEGACY_MONTH = /^([A-Za-z]{3}) +(\d{1,2}), (\d{4}) +(\d{1,2}):(\d{1,2}):(\d{1,2})/;
const LEGACY_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})/;
/** strptime's " %H:%M:%S", " %H:%M" and " %H", tried in that order: the first whose fields are in range. */
const LEGACY_TIMES = [/^\s+(\d{1,2}):(\d{1,2}):(\d{1,2})/, /^\s+(\d{1,2}):(\d{1,2})/, /^\s+(\d{1,2})/];

interface Fields { y: number; mo: number; d: number; h: number; mi: number; s: number }

const inRange = (f: Fields): boolean => f.mo >= 1 && f.mo <= 12 && f.d >= 1 && f.d <= 31 && f.h <= 23 && f.mi <= 59 && f.s <= 60;

/** Seconds since the epoch of calendar fields, in UTC or in local time (out-of-range days and seconds roll over, as mktime). */
function epochSeconds(f: Fields, utc: boolean): number {
  const d = new Date(0);
  if (utc) { d.setUTCFullYear(f.y, f.mo - 1, f.d); d.setUTCHours(f.h, f.mi, f.s, 0); } else { d.setFullYear(f.y, f.mo - 1, f.d); d.setHours(f.h, f.mi, f.s, 0); }
  return Math.floor(d.getTime() / 1000);
}

/** get_nsecs: digits after the point as nanoseconds; a non-zero digit past the ninth makes it invalid (null). */
function nanoseconds(digits: string): number | null {
  if (/[1-9]/.test(digits.slice(9))) return null;
  return Number(digits.slice(0, 9).padEnd(9, '0'));
}

function fromIso(m: RegExpExecArray): AbsoluteTime | null {
  const f: Fields = { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h: Number(m[4] ?? 0), mi: Number(m[5] ?? 0), s: Number(m[6] ?? 0) };
  // A date alone, or a zone after a date alone, is the legacy path's.
  if (!inRange(f) || m[4] === undefined) return null;
  const nsec = Number((m[7] ?? '').slice(0, 9).padEnd(9, '0'));
  const zone = m[8];
  if (zone === undefined) return { sec: epochSeconds(f, false), nsec };
  let offset = 0;
  if (zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    offset = (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60 * (z[1] === '-' ? -1 : 1);
  }
  return { sec: epochSeconds(f, true) - offset, nsec };
}

export function parseAbsoluteTime(text: string): AbsoluteTime {
  const s = text.trim();
  const iso = ISO.exec(s);
  const isoTime = iso ? fromIso(iso) : null;
  if (isoTime) return isoTime;
  let f: Fields | null = null, hasSeconds = false, rest = '';
  const month = LEGACY_MONTH.exec(s);
  if (month && MONTHS.includes(month[1].toLowerCase())) {
    f = { y: Number(month[3]), mo: MONTHS.indexOf(month[1].toLowerCase()) + 1, d: Number(month[2]), h: Number(month[4]), mi: Number(month[5]), s: Number(month[6]) };
    hasSeconds = true;
    rest = s.slice(month[0].length);
  } else {
    const date = LEGACY_DATE.exec(s);
    if (date) {
      f = { y: Number(date[1]), mo: Number(date[2]), d: Number(date[3]), h: 0, mi: 0, s: 0 };
      rest = s.slice(date[0].length);
      for (const re of LEGACY_TIMES) {
        const t = re.exec(rest);
        const timed = t && { ...f, h: Number(t[1]), mi: Number(t[2] ?? 0), s: Number(t[3] ?? 0) };
        if (!timed || !inRange(timed)) continue;
        f = timed; hasSeconds = t[3] !== undefined; rest = rest.slice(t[0].length);
        break;
      }
    }
  }
  if (!f || !inRange(f)) return { error: GENERIC(text) };
  let nsec = 0;
  if (rest.startsWith('.')) {
    if (!hasSeconds) return { error: 'Subsecond precision requires a seconds field.' };
    const digits = /^\.(\d*)/.exec(rest)![1];
    if (digits === '') return { error: 'Subseconds value is not a number.' };
    const ns = nanoseconds(digits);
    if (ns === null) return { error: 'Subseconds value is invalid.' };
    nsec = ns;
    rest = rest.slice(1 + digits.length);
  }
  rest = rest.trim();
  if (rest !== '' && rest !== 'UTC') return { error: 'Unexpected data after time value.' };
  return { sec: epochSeconds(f, rest === 'UTC'), nsec };
}
