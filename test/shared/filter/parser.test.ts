import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../shared/filter/parser';
import type { FilterNode } from '../../../shared/filter/ast';

function ast(text: string): FilterNode {
  const r = parseFilter(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.ast;
}

function error(text: string) {
  const r = parseFilter(text);
  if (r.ok) throw new Error(`"${text}" parsed`);
  return r.error;
}

/** Compact shape of a tree: (and a b), (not a), field==value … */
function shape(n: FilterNode): string {
  switch (n.kind) {
    case 'and': case 'or': return `(${n.kind} ${shape(n.left)} ${shape(n.right)})`;
    case 'not': return `(not ${shape(n.operand)})`;
    case 'exists': return n.field;
    case 'compare': return `${n.field}${n.mask ? `&${n.mask.text}` : ''}${n.op}${n.value.text}`;
    case 'compareFields': return `${n.field}${n.op}$${n.other}`;
    case 'in': return `${n.field} in {${n.members.map((m) => (m.hi ? `${m.lo.text}..${m.hi.text}` : m.lo.text)).join(',')}}`;
    case 'contains': case 'matches': return `${n.field} ${n.kind} ${n.value.quoted ? `"${n.value.text}"` : n.value.text}`;
  }
}

describe('parseFilter: grammar', () => {
  it('reads a bare field name on the right as a field (two fields compared), a quoted one as a value', () => {
    expect(shape(ast('frame.cap_len < frame.len'))).toBe('frame.cap_len<$frame.len');
    expect(shape(ast('tcp.srcport ne tcp.dstport && tcp'))).toBe('(and tcp.srcport!=$tcp.dstport tcp)');
    expect(shape(ast('tcp.srcport == "tcp.dstport"'))).toBe('tcp.srcport==tcp.dstport');
    expect(shape(ast('tcp.flags & 0x02 == tcp.flags'))).toBe('tcp.flags&0x02==tcp.flags');   // a mask keeps a value
  });

  it('parses each comparison operator, in symbols and in words', () => {
    for (const [op, canon] of [['==', '=='], ['!=', '!='], ['>', '>'], ['<', '<'], ['>=', '>='], ['<=', '<='],
      ['eq', '=='], ['ne', '!='], ['gt', '>'], ['lt', '<'], ['ge', '>='], ['le', '<='], ['~=', '~='], ['===', '===']]) {
      expect(shape(ast(`tcp.port ${op} 80`))).toBe(`tcp.port${canon}80`);
    }
  });

  it('gives && precedence over || (Wireshark 4.0 grammar)', () => {
    expect(shape(ast('tcp || ip && udp'))).toBe('(or tcp (and ip udp))');
    expect(shape(ast('tcp and ip or udp'))).toBe('(or (and tcp ip) udp)');
  });

  it('binds ! and not tightest', () => {
    expect(shape(ast('!tcp && ip'))).toBe('(and (not tcp) ip)');
    expect(shape(ast('not tcp.flags.syn == 1 or udp'))).toBe('(or (not tcp.flags.syn==1) udp)');
    expect(shape(ast('!!tcp'))).toBe('(not (not tcp))');
  });

  it('groups with parentheses and keeps their span', () => {
    const n = ast('(tcp || ip) && udp');
    expect(shape(n)).toBe('(and (or tcp ip) udp)');
    expect(n.kind === 'and' && [n.left.start, n.left.end]).toEqual([0, 11]);
  });

  it('parses field presence tests', () => {
    expect(shape(ast('tcp.analysis.flags'))).toBe('tcp.analysis.flags');
  });

  it('parses sets with values and ranges (tshark 4.0 wants the commas)', () => {
    expect(shape(ast('tcp.port in {80, 443, 8000..8080}'))).toBe('tcp.port in {80,443,8000..8080}');
  });

  it('parses contains and matches with strings and byte strings', () => {
    expect(shape(ast('frame contains "GET"'))).toBe('frame contains "GET"');
    expect(shape(ast('tcp.payload contains 47:45:54'))).toBe('tcp.payload contains 47:45:54');
    expect(shape(ast('tcp.payload matches "^GET /"'))).toBe('tcp.payload matches "^GET /"');
  });

  it('parses a bitwise mask, alone (non-zero test) or compared', () => {
    expect(shape(ast('tcp.flags & 0x02'))).toBe('tcp.flags&0x02!=0');
    expect(shape(ast('tcp.flags & 0x12 == 0x12'))).toBe('tcp.flags&0x12==0x12');
  });

  it('records field and value spans', () => {
    const n = ast('  tcp.port == 80');
    expect(n).toMatchObject({ kind: 'compare', start: 2, end: 16, fieldSpan: { start: 2, end: 10 }, value: { start: 14, end: 16 } });
  });
});

describe('parseFilter: errors name the column and what was expected', () => {
  it('an empty filter', () => {
    expect(error('   ')).toMatchObject({ message: 'column 1: the filter is empty', start: 3 });
  });

  it('a misspelt field, with a suggestion', () => {
    expect(error('tcp.prt == 1')).toEqual({
      message: 'column 1: "tcp.prt" is not a field SynAck knows. Did you mean "tcp.port"?',
      start: 0, end: 7, expected: ['a field name'], suggestion: 'tcp.port',
    });
    expect(error('tcp.port == 1 && tcp.analysis.retransmision').suggestion).toBe('tcp.analysis.retransmission');
    expect(error('synack.phsae == data').suggestion).toBe('synack.phase');
  });

  it('an unknown field with nothing close', () => {
    expect(error('http.request')).toMatchObject({ message: 'column 1: "http.request" is not a field SynAck knows.', suggestion: null });
  });

  it('a value on the left', () => {
    expect(error('80 == tcp.port').message).toBe('column 1: expected a field name on the left, found the value "80".');
  });

  it('a missing value', () => {
    expect(error('tcp.port ==')).toMatchObject({ message: 'column 12: expected a value after "==", the filter ends here', start: 11, expected: ['a value'] });
    expect(error('tcp.port == )').message).toBe('column 13: expected a value after "==", found ")"');
  });

  it('a dangling && or ||', () => {
    expect(error('tcp &&')).toMatchObject({ message: 'column 7: the filter ends here: expected a field name, "!" or "("', start: 6 });
    expect(error('tcp || || ip').message).toBe('column 8: expected a field name, "!" or "(", found "||"');
  });

  it('an unclosed parenthesis names where it opened', () => {
    expect(error('(tcp || ip')).toMatchObject({ message: 'column 11: expected ")" to close the "(" at column 1, found the end of the filter', expected: [')', '&&', '||'] });
  });

  it('an extra closing parenthesis', () => {
    expect(error('tcp )').message).toBe('column 5: ")" has no matching "("');
  });

  it('two tests without && or ||', () => {
    expect(error('tcp ip').message).toBe('column 5: expected an operator (==, !=, >, <, >=, <=, in, contains, matches) or && / || after "tcp", found "ip"');
    expect(error('tcp.port == 1 ip').message).toBe('column 15: "ip" was unexpected here: join tests with && or ||');
  });

  it('a set without commas (as tshark 4.0)', () => {
    expect(error('tcp.port in {80 443}')).toMatchObject({ message: 'column 17: expected "," or "}" in the set, found "443"', expected: [',', '}', '..'] });
  });

  it('in without a set', () => {
    expect(error('tcp.port in 80').message).toBe('column 13: expected "{" after "in", found "80"');
  });

  it('an open string', () => {
    expect(error('frame contains "GET').message).toBe('column 16: string is not closed: missing "');
  });

  it('an unknown character', () => {
    expect(error('tcp.port $ 1')).toMatchObject({ message: 'column 10: unexpected character "$"', start: 9, end: 10 });
  });
});
