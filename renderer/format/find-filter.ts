/**
 * Wireshark's Find Packet searches for a display filter, a hex value, a string or a regular expression in the packet
 * bytes. Here each becomes a display filter (the last three as contains/matches on `frame`, which the worker searches:
 * stores/byte-search.ts), so one evaluation serves them all: hex "47 45 54" → `frame contains 47:45:54`, a string
 * → `frame contains "…"` when case matters, else `frame matches "…"` with its regex characters escaped (Wireshark's
 * matches ignores case), a regular expression → `frame matches "…"`. A string or regular expression can be looked
 * for in the packet list's text instead (listMatcher), as Wireshark's "Packet list" search does.
 */
import { byteRegex, byteSubject } from '../../shared/filter/byte-regex';

export type FindMode = 'filter' | 'hex' | 'string' | 'regex';
/** Where a string or regular expression is looked for: the packet bytes, or the text the packet list shows. */
export type FindWhere = 'bytes' | 'list';

export const FIND_MODES: readonly { mode: FindMode; label: string; placeholder: string }[] = [
  { mode: 'filter', label: 'Display filter', placeholder: 'a display filter, e.g. tcp.analysis.retransmission' },
  { mode: 'hex', label: 'Hex value', placeholder: 'bytes in hex, e.g. 47 45 54 or 474554' },
  { mode: 'string', label: 'String', placeholder: 'text in the packet bytes, e.g. HTTP/1.1' },
  { mode: 'regex', label: 'Regular expression', placeholder: 'a regular expression over the packet bytes' },
];

/** A hex value's digits, without the separators (spaces, colons, dots, dashes) and 0x that people type. */
function hexDigits(text: string): string {
  return text.replace(/[\s:.-]/g, '').replace(/^0x/i, '');
}

/** A display-filter string literal holding `text` (backslash and double quote escaped). */
function quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

/** A regular expression matching `text` itself (its regex characters escaped; other text stands for its UTF-8 bytes). */
function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The display filter a search stands for, or a problem with what was typed. */
export function findFilter(mode: FindMode, text: string, caseSensitive: boolean): { filter: string } | { problem: string } {
  const t = mode === 'filter' || mode === 'hex' ? text.trim() : text;
  if (t === '') return { problem: 'Type what to find.' };
  switch (mode) {
    case 'filter': return { filter: t };
    case 'hex': {
      const digits = hexDigits(t);
      if (!/^[0-9a-f]+$/i.test(digits)) return { problem: `"${t}" is not hex: use the digits 0–9 and a–f, in pairs (47 45 54).` };
      if (digits.length % 2 !== 0) return { problem: `"${t}" has an odd number of hex digits: each byte takes two.` };
      return { filter: `frame contains ${digits.match(/../g)!.join(':').toLowerCase()}` };
    }
    case 'string': return { filter: caseSensitive ? `frame contains ${quoted(t)}` : `frame matches ${quoted(literalPattern(t))}` };
    case 'regex': return { filter: `frame matches ${quoted(caseSensitive ? `(?-i)${t}` : t)}` };
  }
}

/**
 * A test of one packet-list cell's text for a string or regular expression (Wireshark's "Packet list" search), or the
 * problem with the pattern.
 */
export function listMatcher(mode: 'string' | 'regex', text: string, caseSensitive: boolean): { test: (cell: string) => boolean } | { problem: string } {
  if (text === '') return { problem: 'Type what to find.' };
  if (mode === 'string') {
    const needle = caseSensitive ? text : text.toLowerCase();
    return { test: (cell) => (caseSensitive ? cell : cell.toLowerCase()).includes(needle) };
  }
  try {
    const re = new RegExp(text, caseSensitive ? '' : 'i');
    return { test: (cell) => re.test(cell) };
  } catch (e) {
    return { problem: `"${text}" is not a valid regular expression (${(e as Error).message})` };
  }
}

/** Where a byte search's first hit is in a frame's bytes (Wireshark highlights it), or null. */
export function findRange(mode: 'hex' | 'string' | 'regex', text: string, caseSensitive: boolean, bytes: Uint8Array): { start: number; length: number } | null {
  if (mode === 'regex') {
    const pattern = String.fromCharCode(...new TextEncoder().encode(text));
    let r: ReturnType<typeof byteRegex>;
    try { r = byteRegex(caseSensitive ? `(?-i)${pattern}` : pattern); } catch { return null; }
    const m = r.re.exec(byteSubject(bytes, r.caseless));
    return m ? { start: m.index, length: m[0].length } : null;
  }
  const needle = mode === 'hex' ? Uint8Array.from(hexDigits(text).match(/../g) ?? [], (h) => parseInt(h, 16))
    : new TextEncoder().encode(text);
  const fold = mode === 'string' && !caseSensitive;
  const low = (b: number): number => (fold && b >= 0x41 && b <= 0x5a ? b | 0x20 : b);
  if (needle.length === 0) return null;
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (low(bytes[i + k]) !== low(needle[k])) continue outer;
    return { start: i, length: needle.length };
  }
  return null;
}
