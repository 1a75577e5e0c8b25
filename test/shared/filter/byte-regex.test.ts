/**
 * matches with PCRE2's byte meanings in JavaScript's RegExp (shared/filter/byte-regex.ts). The corpus differential
 * (filter-expressions.ts) checks the same patterns against tshark; these name each rewrite.
 */
import { describe, expect, it } from 'vitest';
import { byteRegex, bytePattern, byteSubject } from '../../../shared/filter/byte-regex';

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const test = (pattern: string, subject: string): boolean => {
  const { re, caseless } = byteRegex(pattern);
  return re.test(byteSubject(bytes(subject), caseless));
};

describe('byte regex (matches)', () => {
  it('ignores case for ASCII letters only, unless the pattern starts with (?-i)', () => {
    expect(test('get /', 'GET /index')).toBe(true);
    expect(test('\\x47ET', 'get')).toBe(true);
    expect(test('(?-i)get', 'GET')).toBe(false);
    expect(test('\\xc3', '\xe3')).toBe(false);            // ã is no Ã: PCRE2's tables fold ASCII only
    expect(test('[A-Z]{3}', 'abc')).toBe(true);
    expect(test('\\W\\D', ' a')).toBe(true);               // escapes keep their case
  });

  it('reads bytes ≥ 0x80 as themselves and the white space, dot and end as PCRE2 does', () => {
    expect(bytePattern('\xc3\xa9', true)).toBe('\\xc3\\xa9');
    expect(test('\xc3\xa9', 'caf\xc3\xa9')).toBe(true);
    expect(test('a\\sb', 'a\xa0b')).toBe(false);             // NBSP is no white space to PCRE2
    expect(test('a\\Sb', 'a\xa0b')).toBe(true);
    expect(test('[\\s]x', '\tx')).toBe(true);
    expect(test('a.b', 'a\rb')).toBe(true);                  // JavaScript's dot refuses \r, PCRE2's does not
    expect(test('a.b', 'a\nb')).toBe(false);
    expect(test('0$', 'x0\n')).toBe(true);                   // $ before a final newline
    expect(test('0$', 'x0\n\n')).toBe(false);
    expect(test('[]x]y', ']y')).toBe(true);                  // ']' first in a class is a member
    expect(test('[^]x]y', 'ay')).toBe(true);
    expect(test('[^]x]y', ']y')).toBe(false);
  });

  it('refuses what JavaScript cannot read, by throwing', () => {
    expect(() => byteRegex('a(')).toThrow(SyntaxError);
  });
});
