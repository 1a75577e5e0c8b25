/**
 * Display-filter tokens with their positions. The language is a Wireshark subset (wireshark-filter(4),
 * tshark 4.0): words are field names, numbers, addresses, CIDR blocks, byte strings (`47:45:54`) and
 * bare values (`TIME-WAIT`); the parser decides which. A word may hold `. : - / _` inside, so
 * `10.0.0.0/8`, `fe80::1` and `tcp.analysis.flags` are one token each; `..` always ends a word (set
 * ranges `8000..8080`). Problems are values: an unknown character or an open string gives an error token.
 */

export type TokenKind =
  | 'word' | 'string' | 'op' | 'and' | 'or' | 'not' | 'in' | 'contains' | 'matches'
  | '(' | ')' | '{' | '}' | ',' | '..' | '&' | 'end' | 'error';

export interface Token {
  kind: TokenKind;
  /** Source text (for strings: the decoded value; for `op`: the canonical operator). */
  text: string;
  /**
   * Strings only: the value as the bytes tshark compares (a byte string, one character per byte): text as its UTF-8
   * bytes, `\xhh` as that one byte — where `text` holds U+00hh, which as text would be two UTF-8 bytes.
   */
  bytes?: string;
  /** Offset of the first character and one past the last, in UTF-16 units of the filter text. */
  start: number;
  end: number;
}

/** Canonical comparison operators: tshark 4.0 names. `!=` is all_ne, `~=` any_ne (see compile.ts). */
export type CompareOp = '==' | '!=' | '~=' | '===' | '>' | '<' | '>=' | '<=';

/** Word spellings of operators and connectives (case-insensitive in Wireshark). */
const KEYWORDS: Record<string, { kind: TokenKind; text: string }> = {
  eq: { kind: 'op', text: '==' }, any_eq: { kind: 'op', text: '==' },
  ne: { kind: 'op', text: '!=' }, all_ne: { kind: 'op', text: '!=' },
  any_ne: { kind: 'op', text: '~=' }, all_eq: { kind: 'op', text: '===' },
  gt: { kind: 'op', text: '>' }, lt: { kind: 'op', text: '<' },
  ge: { kind: 'op', text: '>=' }, le: { kind: 'op', text: '<=' },
  and: { kind: 'and', text: '&&' }, or: { kind: 'or', text: '||' }, not: { kind: 'not', text: '!' },
  in: { kind: 'in', text: 'in' }, contains: { kind: 'contains', text: 'contains' },
  matches: { kind: 'matches', text: 'matches' },
};

/** Symbol operators, longest first so `!==` wins over `!=` and `!`. */
const SYMBOLS: readonly [string, TokenKind, string][] = [
  ['===', 'op', '==='], ['!==', 'op', '~='],
  ['==', 'op', '=='], ['!=', 'op', '!='], ['~=', 'op', '~='], ['>=', 'op', '>='], ['<=', 'op', '<='],
  ['&&', 'and', '&&'], ['||', 'or', '||'], ['..', '..', '..'],
  ['>', 'op', '>'], ['<', 'op', '<'], ['!', 'not', '!'], ['~', 'matches', 'matches'],
  ['(', '(', '('], [')', ')', ')'], ['{', '{', '{'], ['}', '}', '}'], [',', ',', ','], ['&', '&', '&'],
];

const isWordChar = (c: string): boolean => /[A-Za-z0-9_.:\-/]/.test(c);

/** Splits filter text into tokens; always ends with an `end` token (or stops at the first `error`). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const tok = c === '"' ? readString(text, i) : isWordChar(c) && !text.startsWith('..', i) ? readWord(text, i) : readSymbol(text, i);
    out.push(tok);
    if (tok.kind === 'error') return out;
    i = tok.end;
  }
  out.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return out;
}

function readWord(text: string, start: number): Token {
  let i = start;
  while (i < text.length && isWordChar(text[i]) && !text.startsWith('..', i)) i++;
  const word = text.slice(start, i);
  const kw = KEYWORDS[word.toLowerCase()];
  return kw ? { kind: kw.kind, text: kw.text, start, end: i } : { kind: 'word', text: word, start, end: i };
}

function readSymbol(text: string, start: number): Token {
  for (const [sym, kind, canon] of SYMBOLS) {
    if (text.startsWith(sym, start)) return { kind, text: canon, start, end: start + sym.length };
  }
  return { kind: 'error', text: `unexpected character "${text[start]}"`, start, end: start + 1 };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', 0: '\0' };

/** A double-quoted string with C escapes (`\"`, `\\`, `\n`, `\xhh`), as wireshark-filter(4) allows. */
function readString(text: string, start: number): Token {
  let value = '', bytes = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return { kind: 'string', text: value, bytes, start, end: i + 1 };
    if (c !== '\\') {
      const cp = text.codePointAt(i)!, ch = String.fromCodePoint(cp);
      value += ch; bytes += utf8Bytes(cp); i += ch.length;
      continue;
    }
    const e = text[i + 1];
    if (e === 'x' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 2, i + 4))) {
      const b = String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
      value += b; bytes += b;
      i += 4;
    } else if (e !== undefined && e in ESCAPES) {
      value += ESCAPES[e]; bytes += ESCAPES[e];
      i += 2;
    } else {
      return { kind: 'error', text: `unknown escape "\\${e ?? ''}" in string`, start: i, end: Math.min(text.length, i + 2) };
    }
  }
  return { kind: 'error', text: 'string is not closed: missing "', start, end: text.length };
}

/** Text as its UTF-8 bytes, one character per byte (a quoted literal's `bytes` when only its text is known). */
export function utf8ByteString(text: string): string {
  let out = '';
  for (const ch of text) out += utf8Bytes(ch.codePointAt(0)!);
  return out;
}

/** A code point's UTF-8 bytes as a byte string (shared/ has no TextEncoder: ES2022 only). */
function utf8Bytes(c: number): string {
  const b = c < 0x80 ? [c] : c < 0x800 ? [0xc0 | (c >> 6), 0x80 | (c & 63)]
    : c < 0x10000 ? [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)]
      : [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
  return String.fromCharCode(...b);
}
