import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../shared/filter/lexer';

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  it('gives each token its start and end offsets', () => {
    expect(tokenize('tcp.port == 80')).toEqual([
      { kind: 'word', text: 'tcp.port', start: 0, end: 8 },
      { kind: 'op', text: '==', start: 9, end: 11 },
      { kind: 'word', text: '80', start: 12, end: 14 },
      { kind: 'end', text: '', start: 14, end: 14 },
    ]);
  });

  it('maps word operators to their symbols, case-insensitively', () => {
    expect(kinds('a eq b NE c gt d lt e ge f le g and h or not i')).toEqual([
      'word:a', 'op:==', 'word:b', 'op:!=', 'word:c', 'op:>', 'word:d', 'op:<', 'word:e', 'op:>=', 'word:f', 'op:<=',
      'word:g', 'and:&&', 'word:h', 'or:||', 'not:!', 'word:i', 'end:',
    ]);
  });

  it('knows tshark 4.0 multi-value operators: ~= and !== are any_ne, === is all_eq', () => {
    expect(kinds('a ~= b !== c === d any_ne e all_ne f all_eq g any_eq h').filter((k) => k.startsWith('op'))).toEqual([
      'op:~=', 'op:~=', 'op:===', 'op:~=', 'op:!=', 'op:===', 'op:==',
    ]);
  });

  it('keeps addresses, CIDR blocks, IPv6 and byte strings as one word', () => {
    expect(kinds('10.0.0.0/8 fe80::1/64 47:45:54 TIME-WAIT 0x1F')).toEqual([
      'word:10.0.0.0/8', 'word:fe80::1/64', 'word:47:45:54', 'word:TIME-WAIT', 'word:0x1F', 'end:',
    ]);
  });

  it('ends a word at .. so set ranges split', () => {
    expect(kinds('{80, 8000..8080}')).toEqual(['{:{', 'word:80', ',:,', 'word:8000', '..:..', 'word:8080', '}:}', 'end:']);
  });

  it('needs no spaces around symbols', () => {
    expect(kinds('!(tcp.flags&0x02)||a>=1')).toEqual([
      'not:!', '(:(', 'word:tcp.flags', '&:&', 'word:0x02', '):)', 'or:||', 'word:a', 'op:>=', 'word:1', 'end:',
    ]);
  });

  it('decodes string escapes', () => {
    expect(tokenize('"a\\"b\\\\c\\x41\\n"')[0]).toEqual({ kind: 'string', text: 'a"b\\cA\n', bytes: 'a"b\\cA\n', start: 0, end: 15 });
  });

  it('gives a string\'s bytes as tshark compares them: text as UTF-8, \\xhh as one byte', () => {
    expect(tokenize('"é\\xe9😀"')[0]).toMatchObject({ text: 'éé😀', bytes: '\xc3\xa9\xe9\xf0\x9f\x98\x80' });
  });

  it('reports an open string as an error token at the quote', () => {
    expect(tokenize('frame contains "GET').at(-1)).toMatchObject({ kind: 'error', start: 15, text: 'string is not closed: missing "' });
  });

  it('reports an unknown character and stops', () => {
    expect(tokenize('tcp $ 1').at(-1)).toEqual({ kind: 'error', text: 'unexpected character "$"', start: 4, end: 5 });
  });

  it('reads ~ as matches', () => {
    expect(kinds('frame ~ "x"')).toEqual(['word:frame', 'matches:matches', 'string:x', 'end:']);
  });
});
