/**
 * `matches` as Wireshark 4.0 runs it: PCRE2 over the field's bytes, not in UTF mode, caseless unless the pattern starts
 * with (?-i). So a pattern is a string of bytes (a non-ASCII character in it stands for its UTF-8 bytes, as the filter
 * text is UTF-8; the string escape "\xc3" is that one byte), the regex escape `\xc3` is the byte 0xc3, and case is
 * ignored for ASCII letters only (PCRE2's default tables): an "ã" byte never matches "Ã". JavaScript's RegExp works on UTF-16 text and its `i` flag folds Latin-1 letters too, so the
 * bytes are read as Latin-1 text (one character per byte), caselessness is done by lowering the ASCII letters of
 * both the subject and the pattern's literals (escapes such as \W or \S keep their case), and where JavaScript's
 * syntax means other bytes than PCRE2's (`.`, `$`, \s) the pattern says PCRE2's. Left as JavaScript reads them: \S
 * inside a character class (it also refuses 0xa0 there) and PCRE-only syntax, which JavaScript refuses or reads otherwise.
 */

/** The two hex digits of a \xHH escape. */
const HEX = /^[0-9a-fA-F]{2}/;

/**
 * The pattern — a byte string, one character per byte (lexer.ts Token.bytes) — as a RegExp over Latin-1 text of the
 * bytes; a SyntaxError names what JavaScript could not read.
 */
export function byteRegex(pattern: string): { re: RegExp; caseless: boolean } {
  const caseless = !pattern.startsWith('(?-i)');
  const body = caseless ? pattern : pattern.slice(5);
  return { re: new RegExp(bytePattern(body, caseless)), caseless };
}

/** PCRE2's \s in its default tables: space and \t \n \v \f \r (JavaScript's adds NBSP, 0xa0, among others). */
const SPACE = '\\t\\n\\v\\f\\r ';

/**
 * The pattern in JavaScript's terms with PCRE2's byte meanings: bytes ≥ 0x80 as \xHH escapes; `.` as anything but
 * \n (JavaScript's also refuses \r); `$` also before a final \n; \s and \S as PCRE2's ASCII white space; with
 * `caseless`, ASCII letters outside escapes (and \x41–\x5a) in lower case.
 */
export function bytePattern(pattern: string, caseless: boolean): string {
  let out = '';
  let inClass = false, classStart = -1;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1];
      const hex = next === 'x' ? HEX.exec(pattern.slice(i + 2)) : null;
      if (hex) {
        const b = parseInt(hex[0], 16);
        out += `\\x${(caseless && b >= 0x41 && b <= 0x5a ? b + 0x20 : b).toString(16).padStart(2, '0')}`;
        i += 3;
        continue;
      }
      if (next === 's') out += inClass ? SPACE : `[${SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${SPACE}]`;
      else out += ch + next;
      i++;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code >= 0x80) { out += `\\x${(code & 0xff).toString(16).padStart(2, '0')}`; continue; }
    if (inClass) {
      // A ']' right after '[' or '[^' is a member to PCRE, not the end (JavaScript reads "[]" as an empty class).
      if (ch === ']' && i === classStart) { out += '\\]'; continue; }
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true; classStart = pattern[i + 1] === '^' ? i + 2 : i + 1;
      if (pattern[i + 1] === '^') { out += '[^'; i++; continue; }
    } else if (ch === '.') { out += '[^\\n]'; continue; }
    else if (ch === '$') { out += '(?=\\n?$)'; continue; }
    out += caseless && code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : ch;
  }
  return out;
}

/** Scratch for the subject's bytes with ASCII letters lowered (grown, never shrunk). */
let lowered = new Uint8Array(2048);

/** The bytes as Latin-1 text, ASCII letters lowered when `caseless`. */
export function byteSubject(bytes: Uint8Array, caseless: boolean): string {
  let src = bytes;
  if (caseless) {
    if (lowered.length < bytes.length) lowered = new Uint8Array(Math.max(bytes.length, lowered.length * 2));
    for (let i = 0; i < bytes.length; i++) { const b = bytes[i]; lowered[i] = b >= 0x41 && b <= 0x5a ? b | 0x20 : b; }
    src = lowered.subarray(0, bytes.length);
  }
  return latin1(src);
}

/** Bytes as Latin-1 text (one char per byte); apply() on the typed array, not a spread, which builds an array first. */
function latin1(b: Uint8Array): string {
  if (b.length <= 8192) return String.fromCharCode.apply(null, b as unknown as number[]);
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  return s;
}
