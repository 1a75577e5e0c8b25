/**
 * Turns a literal as written into the value a field compares with: numbers in decimal or hex, seconds as
 * integer nanoseconds, named values, IPv4/IPv6 addresses with an optional CIDR prefix, byte strings.
 * Numeric kinds become closed intervals [lo, hi] (a CIDR block is one interval), so one comparison kernel
 * serves them all. Errors are values naming the literal's span, worded like tshark's where it has one.
 */
import { parseAbsoluteTime } from './absolute-time';
import { filterError, type FilterError, type Literal } from './ast';
import { closestName } from './edit-distance';
import { utf8ByteString } from './lexer';
import type { FieldDef } from './fields';
import { lookupNamedValue } from './synack-values';

export type Interval = { lo: number; hi: number };
export type Ipv6Value = { bytes: Uint8Array; prefix: number };
export type Converted<T> = { ok: true; value: T } | { ok: false; error: FilterError };

const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
const bad = (lit: Literal, message: string, suggestion: string | null = null): Converted<never> =>
  ({ ok: false, error: filterError(`column ${lit.start + 1}: ${message}`, lit, ['a value'], suggestion) });

/** Unsigned integer in decimal or 0x hex (tshark also accepts a leading 0 as octal; so do we). */
export function parseInteger(text: string): number | null {
  if (/^-?[0-9]+$/.test(text)) return /^-?0[0-7]+$/.test(text) ? parseInt(text, 8) : Number(text);
  if (/^0x[0-9a-f]+$/i.test(text)) return parseInt(text.slice(2), 16);
  return null;
}

/** Seconds ("0.290672", "2") as integer nanoseconds, exactly (no float rounding of the fraction). */
export function parseSecondsToNs(text: string): number | null {
  // A sign too: an ACK RTT is negative when the capture's clock ran backwards, and tshark compares with -1.
  const m = /^(-)?([0-9]+)?(?:\.([0-9]{0,9})[0-9]*)?$/.exec(text);
  if (!m || !/[0-9]/.test(text)) return null;
  const ns = Number(m[2] ?? '0') * 1e9 + Number((m[3] ?? '').padEnd(9, '0'));
  return m[1] ? -ns : ns;
}

/** "a.b.c.d" or "a.b.c.d/n" as an interval of u32 addresses. */
function ipv4Interval(lit: Literal): Converted<Interval> {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,3}))?$/.exec(lit.text);
  if (!m || m.slice(1, 5).some((p) => Number(p) > 255)) return bad(lit, `"${lit.text}" is not a valid IPv4 address (a.b.c.d or a.b.c.d/n)`);
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (bits > 32) return bad(lit, `Netmask bits in a CIDR IPv4 address should be <= 32, not ${bits}`);
  const addr = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const size = 2 ** (32 - bits);
  const lo = Math.floor(addr / size) * size;
  return ok({ lo, hi: lo + size - 1 });
}

/** RFC 4291 §2.2 text form (with `::` and an optional embedded IPv4 tail), plus an optional /prefix. */
export function parseIpv6(text: string): Ipv6Value | null {
  const [addr, prefixText, extra] = text.split('/');
  if (extra !== undefined || addr === '') return null;
  const prefix = prefixText === undefined ? 128 : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
  if (prefix < 0 || prefix > 128) return null;
  const halves = addr.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(g);
      if (v4) { const b = v4.slice(1).map(Number); if (b.some((x) => x > 255)) return null; out.push((b[0] << 8) | b[1], (b[2] << 8) | b[3]); continue; }
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const all = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => { bytes[2 * i] = g >> 8; bytes[2 * i + 1] = g & 0xff; });
  return { bytes, prefix };
}

/** A numeric field's literal as an interval (uint, bool, time, enum, ipv4). */
export function toInterval(def: FieldDef, lit: Literal): Converted<Interval> {
  const t = lit.text;
  switch (def.type) {
    case 'ipv4': return ipv4Interval(lit);
    case 'abstime': {
      const at = parseAbsoluteTime(t);
      // Rounded as the rows' values are (fields.ts timeEpoch), so an equal time compares equal.
      return 'error' in at ? bad(lit, at.error) : ok({ lo: at.sec * 1e9 + at.nsec, hi: at.sec * 1e9 + at.nsec });
    }
    case 'time': {
      const ns = parseSecondsToNs(t);
      return ns === null ? bad(lit, `"${t}" is not a time in seconds (like 0.5 or 2)`) : ok({ lo: ns, hi: ns });
    }
    case 'bool': {
      const v = /^true$/i.test(t) ? 1 : /^false$/i.test(t) ? 0 : parseInteger(t);
      // Any non-zero number means "set" (tshark: tcp.flags.syn == 2 matches SYNs).
      return v === null ? bad(lit, `"${t}" is not a boolean value for ${def.name}: use 1 or 0`) : ok({ lo: v !== 0 ? 1 : 0, hi: v !== 0 ? 1 : 0 });
    }
    case 'enum': {
      const named = def.values ? lookupNamedValue(def.values, t) : undefined;
      const v = named ?? parseInteger(t);
      if (v !== null) return ok({ lo: v, hi: v });
      const names = (def.values ?? []).map((x) => x.name);
      const guess = closestName(t, names);
      const hint = guess ? ` Did you mean "${guess}"?` : ` Values: ${names.join(', ')}.`;
      return bad(lit, `"${t}" is not a value of ${def.name}.${hint}`, guess);
    }
    default: {
      const v = parseInteger(t);
      if (v === null) return bad(lit, `"${t}" is not a valid number for ${def.name} (decimal or 0x hex)`);
      // tshark's words: "70000" too big for this field, maximum 65535.
      if (def.max !== undefined && v > def.max) return bad(lit, `"${t}" too big for this field, maximum ${def.max}.`);
      if (def.min !== undefined && v < def.min) return bad(lit, `"${t}" too small for this field, minimum ${def.min}.`);
      return ok({ lo: v, hi: v });
    }
  }
}

/** An IPv6 literal with an optional prefix. */
export function toIpv6(lit: Literal): Converted<Ipv6Value> {
  const v = parseIpv6(lit.text);
  return v ? ok(v) : bad(lit, `"${lit.text}" is not a valid IPv6 address (like 2001:db8::1 or 2001:db8::/32)`);
}

/** Bytes for `contains`: a quoted string (UTF-8) or unquoted hex bytes `47:45:54`, `47-45`, `47.45` or `47`. */
export function toBytes(lit: Literal): Converted<Uint8Array> {
  if (lit.quoted) return ok(Uint8Array.from(lit.bytes ?? utf8ByteString(lit.text), (c) => c.charCodeAt(0)));
  const parts = lit.text.split(/[:.-]/);
  if (parts.every((p) => /^[0-9a-f]{2}$/i.test(p))) return ok(Uint8Array.from(parts, (p) => parseInt(p, 16)));
  return bad(lit, `"${lit.text}" is not a byte string: quote text ("GET") or write bytes as hex (47:45:54)`);
}

