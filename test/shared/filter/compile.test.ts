import { describe, expect, it } from 'vitest';
import { compileFilter, type CompiledFilter } from '../../../shared/filter/compile';
import type { FilterContext } from '../../../shared/filter/filter-context';
import type { PacketColumns } from '../../../shared/ipc/batch-layout';
import { columnsOf, flow4, flow6 } from './filter-rows';

const SYN = 0x002, ACK = 0x010, FIN = 0x001, RST = 0x004, PSH = 0x008;
const v6 = (last: number, first = 0x20): Uint8Array => { const b = new Uint8Array(16); b[0] = first; b[1] = 0x01; b[2] = 0x0d; b[3] = 0xb8; b[15] = last; return b; };

// Flows: 0 = TCP 10.0.0.1:50000 <-> 192.168.1.2:80, 1 = UDP 10.0.0.1:5353 <-> 8.8.8.8:53, 2 = TCP over IPv6.
const FLOWS = [
  flow4(0, 6, '10.0.0.1', 50000, '192.168.1.2', 80, 0),
  flow4(1, 17, '10.0.0.1', 5353, '8.8.8.8', 53),
  flow6(2, 6, v6(1), 443, v6(2), 51000, 1),
];
const TCP4 = { flow: 0, stream: 0, l3: 4, proto: 6 };
const TCP6 = { flow: 2, stream: 1, l3: 6, proto: 6 };
/** A UDP datagram with its header captured (ROW_BITS.UDP_SEEN: the tracker sets it from the decoder's layers). */
const UDP4 = { flow: 1, l3: 4, proto: 17, rowBits: 64 };
// Rows (frame = index + 1).
const COLS = columnsOf([
  /* 1 */ { ...TCP4, dir: 0, tcpFlags: SYN, origLen: 74, window: 65535, phase: 1, step: 1, stateA: 3, stateB: 2, completeness: 1, tsSec: 100, tsNsec: 0 },
  /* 2 */ { ...TCP4, dir: 1, tcpFlags: SYN | ACK, ackRel: 1, origLen: 74, window: 65160, phase: 1, step: 2, stateA: 3, stateB: 4, completeness: 3, tsSec: 100, tsNsec: 290_672_000, ackRttNs: 290_672_000 },
  /* 3 */ { ...TCP4, dir: 0, tcpFlags: ACK, seqRel: 1, ackRel: 1, origLen: 66, window: 502, windowScaled: 64256, phase: 1, step: 3, stateA: 5, stateB: 4, completeness: 7, tsSec: 100, tsNsec: 500_000_000 },
  /* 4 */ { ...TCP4, dir: 0, tcpFlags: PSH | ACK, seqRel: 1, ackRel: 1, payloadLen: 100, rowBits: 4 /* payload captured */, origLen: 166, window: 502, windowScaled: 64256, phase: 2, stateA: 5, stateB: 5, analysis: 0x0001 | 0x0400, completeness: 15, tsSec: 101, tsNsec: 0 },
  /* 5 */ { ...TCP4, dir: 1, tcpFlags: ACK, seqRel: 1, ackRel: 101, window: 0, windowScaled: 0, phase: 2, stateA: 5, stateB: 5, analysis: 0x0010 | 0x0020, dupAckNum: 2, completeness: 15, tsSec: 101, tsNsec: 1 },
  /* 6 */ { ...TCP4, dir: 0, tcpFlags: FIN | ACK, seqRel: 101, ackRel: 1, phase: 3, step: 1, stateA: 6, stateB: 5, completeness: 31, tsSec: 102, tsNsec: 0 },
  /* 7 */ { ...TCP4, dir: 1, tcpFlags: RST, seqRel: 1, phase: 4, stateA: 11, stateB: 1, completeness: 63, tsSec: 102, tsNsec: 5 },
  /* 8 */ { ...UDP4, dir: 0, payloadLen: 40, origLen: 82, tsSec: 103 },
  /* 9 */ { ...UDP4, dir: 1, payloadLen: 90, origLen: 132, tsSec: 103 },
  /* 10 */ { l3: 0, origLen: 42, tsSec: 104 },
  /* 11 */ { ...TCP6, dir: 0, tcpFlags: SYN, origLen: 94, phase: 1, step: 1, stateA: 3, stateB: 2, tsSec: 105 },
  /* 12 */ { ...TCP6, dir: 1, tcpFlags: SYN | ACK | 0x040 | 0x080, ackRel: 1, origLen: 94, phase: 1, step: 2, stateA: 3, stateB: 4, tsSec: 105 },
]);
const CTX: FilterContext = { flows: FLOWS };

function compiled(text: string): CompiledFilter {
  const r = compileFilter(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.filter;
}

/** Frame numbers the filter selects. */
function frames(text: string, cols: PacketColumns = COLS, ctx: FilterContext = CTX): number[] {
  const out = new Uint32Array(cols.rows);
  const n = compiled(text).select(cols, ctx, 0, cols.rows, out);
  return Array.from(out.subarray(0, n), (row) => cols.frame[row]);
}

function compileError(text: string) {
  const r = compileFilter(text);
  if (r.ok) throw new Error(`"${text}" compiled`);
  return r.error;
}

describe('compiled filter: comparison operators', () => {
  it('== != > < >= <= on a number field', () => {
    expect(frames('frame.len == 74')).toEqual([1, 2]);
    expect(frames('frame.len != 74')).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(frames('frame.len > 94')).toEqual([4, 9]);
    expect(frames('frame.len < 66')).toEqual([5, 6, 7, 10]);
    expect(frames('frame.len >= 94')).toEqual([4, 9, 11, 12]);
    expect(frames('frame.len <= 66')).toEqual([3, 5, 6, 7, 10]);
  });

  it('word operators mean the same', () => {
    expect(frames('frame.len eq 74')).toEqual(frames('frame.len == 74'));
    expect(frames('frame.len ne 74')).toEqual(frames('frame.len != 74'));
    expect(frames('frame.len gt 94')).toEqual(frames('frame.len > 94'));
    expect(frames('frame.len lt 66')).toEqual(frames('frame.len < 66'));
    expect(frames('frame.len ge 94')).toEqual(frames('frame.len >= 94'));
    expect(frames('frame.len le 66')).toEqual(frames('frame.len <= 66'));
  });

  it('numbers in hex and octal', () => {
    expect(frames('frame.len == 0x4a')).toEqual([1, 2]);
    expect(frames('frame.len == 0112')).toEqual([1, 2]);
  });

  it('an absent field fails every comparison, including !=', () => {
    expect(frames('tcp.len != 100')).toEqual([1, 2, 3, 5, 6, 7, 11, 12]);
    expect(frames('!(tcp.len == 100)')).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('compiled filter: logic', () => {
  it('&& || ! and or not, with parentheses', () => {
    expect(frames('tcp.flags.syn == 1 && tcp.flags.ack == 0')).toEqual([1, 11]);
    expect(frames('tcp.flags.syn == 1 and not tcp.flags.ack == 1')).toEqual([1, 11]);
    expect(frames('tcp.flags.fin == 1 || tcp.flags.reset == 1')).toEqual([6, 7]);
    expect(frames('udp or ipv6')).toEqual([8, 9, 11, 12]);
    expect(frames('!(tcp || udp)')).toEqual([10]);
    expect(frames('(frame.len == 74 || frame.len == 94) && ipv6')).toEqual([11, 12]);
    expect(frames('frame.len == 74 || frame.len == 94 && ipv6')).toEqual([1, 2, 11, 12]);
  });
});

describe('compiled filter: membership', () => {
  it('in {values, lo..hi}', () => {
    expect(frames('frame.len in {42, 80..100}')).toEqual([8, 10, 11, 12]);
    expect(frames('tcp.port in {80, 443, 8000..8080}')).toEqual([1, 2, 3, 4, 5, 6, 7, 11, 12]);
    expect(frames('udp.port in {1..100}')).toEqual([8, 9]);
    expect(frames('synack.state in {TIME-WAIT, SYN-RECEIVED}')).toEqual([2, 3, 7, 12]);
    expect(frames('ip.addr in {8.8.8.8, 192.168.0.0/16}')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(frames('ipv6.src in {2001:db8::2}')).toEqual([12]);
  });
});

describe('compiled filter: presence', () => {
  it('protocols', () => {
    expect(frames('frame')).toHaveLength(12);
    expect(frames('tcp')).toEqual([1, 2, 3, 4, 5, 6, 7, 11, 12]);
    expect(frames('ip')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(frames('ipv6')).toEqual([11, 12]);
    expect(frames('udp')).toEqual([8, 9]);
    expect(frames('synack')).toEqual(frames('tcp'));
  });

  it('tcp.analysis flags and tcp.analysis.flags', () => {
    expect(frames('tcp.analysis.flags')).toEqual([4, 5]);
    expect(frames('tcp.analysis.retransmission')).toEqual([4]);
    expect(frames('tcp.analysis.fast_retransmission')).toEqual([4]);
    expect(frames('tcp.analysis.duplicate_ack')).toEqual([5]);
    expect(frames('tcp.analysis.zero_window')).toEqual([5]);
    expect(frames('!tcp.analysis.flags && tcp')).toEqual([1, 2, 3, 6, 7, 11, 12]);
  });

  it('each analysis flag reads its Wireshark TCP_A_* bit', () => {
    const names = ['retransmission', 'lost_segment', 'ack_lost_segment', 'keep_alive', 'duplicate_ack', 'zero_window',
      'zero_window_probe', 'zero_window_probe_ack', 'keep_alive_ack', 'out_of_order', 'fast_retransmission',
      'window_update', 'window_full', 'reused_ports', 'spurious_retransmission'];
    const cols = columnsOf(names.map((_, i) => ({ ...TCP4, analysis: 1 << i })));
    names.forEach((name, i) => expect(frames(`tcp.analysis.${name}`, cols), name).toEqual(name === 'retransmission' ? [1, 11, 15] : [i + 1]));
  });

  it('tcp.analysis.retransmission includes fast and spurious ones; tcp.analysis.flags includes reused ports (as tshark)', () => {
    const cols = columnsOf([{ ...TCP4, analysis: 0x0400 }, { ...TCP4, analysis: 0x4000 }, { ...TCP4, analysis: 0x2000 }, { ...TCP4, analysis: 0x2001 }]);
    expect(frames('tcp.analysis.retransmission', cols)).toEqual([1, 2, 4]);
    expect(frames('tcp.analysis.flags', cols)).toEqual([1, 2, 3, 4]);
  });

  it('fields that exist only sometimes', () => {
    expect(frames('tcp.ack')).toEqual([1, 2, 3, 4, 5, 6, 7, 11, 12]); // on every TCP packet, as tshark 4.0
    expect(frames('tcp.payload')).toEqual([4]);
    expect(frames('tcp.analysis.duplicate_ack_num')).toEqual([5]);
    expect(frames('tcp.analysis.ack_rtt')).toEqual([2]);
    expect(frames('udp.srcport')).toEqual([8, 9]);
    expect(frames('ip.src')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(frames('ipv6.addr')).toEqual([11, 12]);
  });
});

describe('compiled filter: fields', () => {
  it('frame.number and frame.time_relative (exact nanoseconds from the first packet)', () => {
    expect(frames('frame.number >= 11')).toEqual([11, 12]);
    expect(frames('frame.time_relative == 0.290672')).toEqual([2]);
    expect(frames('frame.time_relative > 1 && frame.time_relative <= 2.000000005')).toEqual([5, 6, 7]);
    expect(frames('frame.time_relative < 0.5', COLS, { flows: FLOWS, timeOrigin: { sec: 101, nsec: 0 } })).toEqual([1, 2, 3, 4, 5]);
  });

  it('ip.src / ip.dst follow the sender, ip.addr is either end', () => {
    expect(frames('ip.src == 10.0.0.1')).toEqual([1, 3, 4, 6, 8]);
    expect(frames('ip.dst == 10.0.0.1')).toEqual([2, 5, 7, 9]);
    expect(frames('ip.addr == 8.8.8.8')).toEqual([8, 9]);
    expect(frames('ip.src == 192.168.0.0/16')).toEqual([2, 5, 7]);
    expect(frames('ip.addr == 10.0.0.0/8 && tcp')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(frames('ip.src > 11.0.0.0')).toEqual([2, 5, 7]);
  });

  it('!= on a two-valued field means "neither value" (tshark 4.0 all_ne); ~= and !== mean "some value differs"', () => {
    expect(frames('ip.addr != 8.8.8.8')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(frames('ip.addr != 10.0.0.1')).toEqual([]);
    expect(frames('ip.addr ~= 10.0.0.1')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(frames('ip.addr !== 10.0.0.1')).toEqual(frames('ip.addr ~= 10.0.0.1'));
    expect(frames('tcp.port != 80')).toEqual([11, 12]);
    expect(frames('ip.addr === 10.0.0.0/8')).toEqual([]);
    expect(frames('ip.addr === 0.0.0.0/0')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('ipv6 addresses and prefixes', () => {
    expect(frames('ipv6.src == 2001:db8::1')).toEqual([11]);
    expect(frames('ipv6.dst == 2001:db8::1')).toEqual([12]);
    expect(frames('ipv6.addr == 2001:db8::/32')).toEqual([11, 12]);
    expect(frames('ipv6.addr == 2001:db8:0:0:0:0:0:2')).toEqual([11, 12]);
    expect(frames('ipv6.addr != 2001:db8::2')).toEqual([]);
    expect(frames('ipv6.src > 2001:db8::1')).toEqual([12]);
  });

  it('tcp and udp ports', () => {
    expect(frames('tcp.srcport == 80')).toEqual([2, 5, 7]);
    expect(frames('tcp.dstport == 80')).toEqual([1, 3, 4, 6]);
    expect(frames('tcp.port == 443')).toEqual([11, 12]);
    expect(frames('udp.srcport == 53')).toEqual([9]);
    expect(frames('udp.dstport == 53')).toEqual([8]);
    expect(frames('udp.port == 5353')).toEqual([8, 9]);
    expect(frames('tcp.port == 53')).toEqual([]);
  });

  it('tcp numbers', () => {
    expect(frames('tcp.stream == 1')).toEqual([11, 12]);
    expect(frames('tcp.seq == 101')).toEqual([6]);
    expect(frames('tcp.ack == 1')).toEqual([2, 3, 4, 6, 12]);
    // Without the ACK flag tcp.ack is the raw field (tshark shows e.g. an RST's stale ack as sent).
    expect(frames('tcp.ack == 0')).toEqual([1, 7, 11]);
    expect(frames('tcp.ack == 77', columnsOf([{ ...TCP4, tcpFlags: RST, ackRaw: 77 }]))).toEqual([1]);
    expect(frames('tcp.len > 0')).toEqual([4]);
    expect(frames('tcp.len == 0')).toEqual([1, 2, 3, 5, 6, 7, 11, 12]);
    expect(frames('tcp.window_size_value == 502')).toEqual([3, 4]);
    expect(frames('tcp.window_size == 64256')).toEqual([3, 4]);
    expect(frames('tcp.window_size == 65535')).toEqual([1]); // unknown scale: the raw window
    expect(frames('tcp.analysis.duplicate_ack_num == 2')).toEqual([5]);
    expect(frames('tcp.analysis.ack_rtt >= 0.29')).toEqual([2]);
  });

  it('tcp.flags, masks and each flag bit', () => {
    expect(frames('tcp.flags == 0x012')).toEqual([2]);
    expect(frames('tcp.flags & 0x02')).toEqual([1, 2, 11, 12]);
    expect(frames('tcp.flags & 0x12 == 0x12')).toEqual([2, 12]);
    expect(frames('tcp.flags.syn == 1')).toEqual([1, 2, 11, 12]);
    expect(frames('tcp.flags.syn == 2')).toEqual([1, 2, 11, 12]); // any non-zero value is "set", as tshark
    expect(frames('tcp.flags.ack == 0')).toEqual([1, 7, 11]);
    expect(frames('tcp.flags.fin == 1')).toEqual([6]);
    expect(frames('tcp.flags.reset == 1')).toEqual([7]);
    expect(frames('tcp.flags.push == 1')).toEqual([4]);
    expect(frames('tcp.flags.ece == 1 && tcp.flags.cwr == 1')).toEqual([12]);
    expect(frames('tcp.flags.urg == 1 || tcp.flags.ae == 1 || tcp.flags.res == 1')).toEqual([]);
    expect(frames('tcp.flags.syn')).toEqual(frames('tcp')); // a boolean is present on every TCP packet, as in tshark
  });

  it('tcp.completeness: the running value, or the stream\'s final one when the context has it (tshark -2)', () => {
    expect(frames('tcp.completeness == 15')).toEqual([4, 5]);
    expect(frames('tcp.completeness == 63', COLS, { flows: FLOWS, streamCompleteness: [63, 3] })).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('synack.phase, synack.step and synack.state (either endpoint)', () => {
    expect(frames('synack.phase == handshake')).toEqual([1, 2, 3, 11, 12]);
    expect(frames('synack.phase == "data"')).toEqual([4, 5]);
    expect(frames('synack.phase == close || synack.phase == reset')).toEqual([6, 7]);
    expect(frames('synack.phase == handshake && synack.step == 2')).toEqual([2, 12]);
    expect(frames('synack.state == TIME-WAIT')).toEqual([7]);
    expect(frames('synack.state == time_wait')).toEqual([7]);
    expect(frames('synack.state == ESTABLISHED')).toEqual([3, 4, 5, 6]);
    expect(frames('synack.state != ESTABLISHED')).toEqual([1, 2, 7, 11, 12]);
    expect(frames('synack.state === ESTABLISHED')).toEqual([4, 5]);
    expect(frames('synack.state ~= ESTABLISHED')).toEqual([1, 2, 3, 6, 7, 11, 12]);
    expect(frames('synack.state == 11')).toEqual([7]);
  });

  it('tcp.analysis.ack_rtt is absent when the columns do not carry ackRttNs (the renderer drops it)', () => {
    const { ackRttNs: _dropped, ...rest } = COLS;
    expect(frames('tcp.analysis.ack_rtt', rest as PacketColumns)).toEqual([]);
  });
});

describe('compiled filter: contains and matches', () => {
  const payload = new TextEncoder().encode('GET /index.html HTTP/1.1\r\n');
  const ctx: FilterContext = { flows: FLOWS, bytes: (row, field) => (row === 3 ? (field === 'frame' ? Uint8Array.of(1, 2, ...payload) : payload) : null) };

  it('reports that it needs bytes', () => {
    expect(compiled('frame contains "GET"').needsBytes).toBe(true);
    expect(compiled('tcp.port == 80').needsBytes).toBe(false);
  });

  it('contains a string or hex bytes; case-sensitive', () => {
    expect(frames('frame contains "GET"', COLS, ctx)).toEqual([4]);
    expect(frames('tcp.payload contains 47:45:54', COLS, ctx)).toEqual([4]);
    expect(frames('frame contains 01:02:47', COLS, ctx)).toEqual([4]);
    expect(frames('tcp.payload contains 01:02', COLS, ctx)).toEqual([]);
    expect(frames('frame contains "get"', COLS, ctx)).toEqual([]);
    expect(frames('tcp contains "HTTP"', COLS, ctx)).toEqual([4]);
  });

  it('matches a regular expression, case-insensitive as Wireshark\'s PCRE default; (?-i) makes it case-sensitive', () => {
    expect(frames('tcp.payload matches "^get /"', COLS, ctx)).toEqual([4]);
    expect(frames('tcp.payload matches "(?-i)^get"', COLS, ctx)).toEqual([]);
    expect(frames('frame ~ "HTTP/1\\\\.[01]"', COLS, ctx)).toEqual([4]);
  });

  it('matches nothing without a bytes callback', () => {
    expect(frames('frame contains "GET"')).toEqual([]);
    expect(frames('!(frame contains "GET")')).toHaveLength(12);
  });
});

describe('compiled filter: two fields compared (tshark 4.0: every value of one against every value of the other)', () => {
  it('compares numbers, ports and addresses pair by pair; an absent field fails', () => {
    expect(frames('tcp.srcport > tcp.dstport')).toEqual(frames('tcp.srcport > 50000 || (tcp.srcport == 50000 && tcp.dstport < 50000)'));
    expect(frames('frame.len == frame.len')).toHaveLength(12);
    expect(frames('frame.len != frame.len')).toEqual([]);
    expect(frames('tcp.port == tcp.srcport')).toEqual(frames('tcp'));          // some value of tcp.port is the source port
    expect(frames('tcp.port === tcp.srcport')).toEqual([]);                    // not both
    expect(frames('tcp.port ~= tcp.srcport')).toEqual(frames('tcp'));
    expect(frames('ip.addr != ip.src')).toEqual([]);                           // ip.src is one of ip.addr's values
    expect(frames('ip.src == ip.dst')).toEqual([]);
    expect(frames('udp.srcport < udp.dstport')).toEqual([9]);                  // frame 9: 53 → 5353
    expect(frames('tcp.srcport == udp.srcport')).toEqual([]);                 // never both on a row
  });

  it('refuses fields of different types, as tshark words it, and IPv6 pairs', () => {
    expect(compileError('ip.proto == tcp').message).toBe('column 1: ip.proto and tcp are not of compatible types');
    expect(compileError('frame.len < frame.time_relative').message).toBe('column 1: frame.len and frame.time_relative are not of compatible types');
    expect(compileError('ipv6.src == ipv6.dst').message).toMatch(/comparing two IPv6 address fields .* is not supported/);
    expect(compileError('tcp.srcport == "tcp.dstport"').message).toMatch(/"tcp.dstport" is not a valid number/);   // quoted: a value
  });
});

describe('compiled filter: compile errors', () => {
  it('a flag or protocol compared with a value', () => {
    expect(compileError('tcp.analysis.retransmission == 1').message).toBe(
      'column 1: tcp.analysis.retransmission is a flag with no value: test it alone ("tcp.analysis.retransmission") or negate it ("!tcp.analysis.retransmission")');
    expect(compileError('tcp == 1').message).toBe('column 1: tcp is a protocol: test it alone ("tcp") or search its bytes with contains/matches');
    expect(compileError('tcp.payload == 1').message).toBe('column 1: tcp.payload is bytes: search it with contains or matches');
  });

  it('values that do not fit the field', () => {
    expect(compileError('tcp.port == 80.5')).toMatchObject({ message: 'column 13: "80.5" is not a valid number for tcp.port (decimal or 0x hex)', start: 12, end: 16 });
    expect(compileError('ip.addr == 10.0.0').message).toBe('column 12: "10.0.0" is not a valid IPv4 address (a.b.c.d or a.b.c.d/n)');
    expect(compileError('ip.addr == 10.0.0.256').message).toBe('column 12: "10.0.0.256" is not a valid IPv4 address (a.b.c.d or a.b.c.d/n)');
    expect(compileError('ip.addr == 10.0.0.0/33').message).toBe('column 12: Netmask bits in a CIDR IPv4 address should be <= 32, not 33');
    expect(compileError('ipv6.addr == 2001:db8:::1').message).toBe('column 14: "2001:db8:::1" is not a valid IPv6 address (like 2001:db8::1 or 2001:db8::/32)');
    expect(compileError('frame.time_relative > soon').message).toBe('column 23: "soon" is not a time in seconds (like 0.5 or 2)');
    expect(compileError('tcp.flags.syn == yes').message).toBe('column 18: "yes" is not a boolean value for tcp.flags.syn: use 1 or 0');
  });

  it('a number too big for the field, in tshark 4.0\'s words (ports and tcp.flags 16 bits, completeness 8, the rest 32)', () => {
    expect(compileError('tcp.port == 70000')).toMatchObject({ message: 'column 13: "70000" too big for this field, maximum 65535.', start: 12, end: 17 });
    expect(compileError('tcp.port in {80, 1..70000}').message).toBe('column 21: "70000" too big for this field, maximum 65535.');
    expect(compileError('tcp.flags == 0x10000').message).toBe('column 14: "0x10000" too big for this field, maximum 65535.');
    expect(compileError('tcp.seq == 4294967296').message).toBe('column 12: "4294967296" too big for this field, maximum 4294967295.');
    expect(compileError('tcp.completeness == 300').message).toBe('column 21: "300" too big for this field, maximum 255.');
    expect(frames('tcp.port == 65535 || tcp.seq == 4294967295')).toEqual([]);
  });

  it('a misspelt named value, with a suggestion', () => {
    expect(compileError('synack.state == ESTABLISHD')).toMatchObject({
      message: 'column 17: "ESTABLISHD" is not a value of synack.state. Did you mean "ESTABLISHED"?', suggestion: 'ESTABLISHED',
    });
    expect(compileError('synack.phase == xyzzy').message).toBe(
      'column 17: "xyzzy" is not a value of synack.phase. Values: none, handshake, data, close, reset.');
  });

  it('contains/matches on a non-bytes field, a bad regex, bad hex bytes', () => {
    expect(compileError('tcp.port contains 80').message).toBe('column 1: contains works on frame, tcp and tcp.payload, not on tcp.port');
    expect(compileError('frame matches "("').message).toMatch(/^column 15: "\(" is not a valid regular expression/);
    expect(compileError('frame contains GET').message).toBe('column 16: "GET" is not a byte string: quote text ("GET") or write bytes as hex (47:45:54)');
  });

  it('a mask on a non-number field, a range of IPv6 addresses', () => {
    expect(compileError('ip.addr & 0xff').message).toBe('column 11: "&" works on number fields such as tcp.flags, not on ip.addr');
    expect(compileError('ipv6.addr in {::1..::2}').message).toBe('column 15: ranges (a..b) work on numbers and IPv4 addresses, not IPv6');
  });

  it('passes parse errors through', () => {
    expect(compileError('tcp.prt == 1').suggestion).toBe('tcp.port');
  });
});

describe('CompiledFilter evaluation', () => {
  it('select writes matching row indices after outAt for a sub-range', () => {
    const out = new Uint32Array(20).fill(99);
    expect(compiled('tcp').select(COLS, CTX, 3, 8, out, 5)).toBe(4);
    expect(Array.from(out.subarray(5, 9))).toEqual([3, 4, 5, 6]);
    expect(out[4]).toBe(99);
  });

  it('count and test agree with select', () => {
    const f = compiled('tcp.port == 80 && tcp.flags.ack == 1');
    expect(f.count(COLS, CTX, 0, COLS.rows)).toBe(5);
    expect(Array.from({ length: COLS.rows }, (_, r) => f.test(COLS, CTX, r))).toEqual(
      [false, true, true, true, true, true, false, false, false, false, false, false]);
  });

  it('works across chunk boundaries (many rows)', () => {
    const n = 10_000;
    const cols = columnsOf(Array.from({ length: n }, (_, i) => ({ ...TCP4, dir: i % 2, payloadLen: i % 7 })));
    expect(frames('tcp.len == 3 && tcp.srcport == 80', cols)).toEqual(
      Array.from({ length: n }, (_, i) => i + 1).filter((f) => (f - 1) % 7 === 3 && (f - 1) % 2 === 1));
  });

  it('sees flows added after a first run (live capture), and a new flow table', () => {
    const flows = [FLOWS[0]];
    const f = compiled('ip.addr == 8.8.8.8');
    const out = new Uint32Array(COLS.rows);
    expect(f.select(COLS, { flows }, 0, COLS.rows, out)).toBe(0);
    flows.push(FLOWS[1]);
    expect(f.select(COLS, { flows }, 0, COLS.rows, out)).toBe(2);
    expect(f.select(COLS, { flows: [FLOWS[0]] }, 0, COLS.rows, out)).toBe(0);
  });
});

describe('compiled filter: fields on several layers (tunnels, ICMP errors), as tshark matches any occurrence', () => {
  // Flows: 0 = the inner TCP 10.0.0.1:50000 <-> 192.168.1.2:80, 1 = an outer IPv6/UDP (Geneve) pair,
  // 2 = an outer ICMP pair 172.16.0.1 <-> 10.0.0.1 (a router's error about the TCP flow).
  const flows = [
    flow4(0, 6, '10.0.0.1', 50000, '192.168.1.2', 80, 0),
    flow6(1, 17, v6(0xb), 22155, v6(0xd), 6081),
    flow4(2, 1, '10.0.0.1', 0, '172.16.0.1', 0),
  ];
  const OUTER_DIR = 8, IPV4_SEEN = 16, IPV6_SEEN = 32, UDP_SEEN = 64;
  const cols = columnsOf([
    /* 1: TCP alone */ { ...TCP4, dir: 0, rowBits: IPV4_SEEN },
    /* 2: TCP in Geneve, outer 2001:db8::b -> ::d */ { ...TCP4, dir: 0, outerFlow: 1, rowBits: IPV4_SEEN | IPV6_SEEN | UDP_SEEN },
    /* 3: TCP header quoted in an ICMP error sent by 172.16.0.1 */ { ...TCP4, dir: 0, outerFlow: 2, rowBits: IPV4_SEEN | OUTER_DIR },
    /* 4: an IPv6 header with a wrong version: no flow, still ipv6 */ { l3: 0, rowBits: IPV6_SEEN },
  ]);
  const ctx: FilterContext = { flows };
  const at = (text: string): number[] => frames(text, cols, ctx);

  it('ipv6.addr matches the outer header of a Geneve tunnel', () => {
    expect(at('ipv6.addr == 2001:db8::d')).toEqual([2]);
    expect(at('ipv6.dst == 2001:db8::d')).toEqual([2]);
    expect(at('ipv6.src == 2001:db8::d')).toEqual([]);
    expect(at('ipv6.addr != ::1')).toEqual([2]);
    expect(at('ip.addr == 192.168.1.2')).toEqual([1, 2, 3]);
  });

  it('udp and udp.port match the outer UDP header of a tunnel; tcp.port stays on the TCP header', () => {
    expect(at('udp')).toEqual([2]);
    expect(at('udp.port == 6081')).toEqual([2]);
    expect(at('udp.srcport == 22155 && tcp.dstport == 80')).toEqual([2]);
    expect(at('tcp.port == 6081')).toEqual([]);
  });

  it('ip.src matches the sender of an ICMP error as well as the quoted header\'s source', () => {
    expect(at('ip.src == 172.16.0.1')).toEqual([3]);
    expect(at('ip.src == 10.0.0.1')).toEqual([1, 2, 3]);
    expect(at('ip.dst == 10.0.0.1')).toEqual([3]);
  });

  it('!= is "no occurrence equals" (all_ne), ~= "some occurrence differs", === "every occurrence equals"', () => {
    expect(at('ip.addr != 172.16.0.1')).toEqual([1, 2]);
    expect(at('ip.src != 10.0.0.1')).toEqual([]);
    expect(at('ip.src ~= 10.0.0.1')).toEqual([3]);
    expect(at('ip.src === 10.0.0.1')).toEqual([1, 2]);
    expect(at('ip.addr === 10.0.0.0/8')).toEqual([]);
    expect(at('ip.addr in {172.16.0.0/12}')).toEqual([3]);
  });

  it('ip and ipv6 count a header tshark shows at any layer, even one the decoder could not read', () => {
    expect(at('ipv6')).toEqual([2, 4]);
    expect(at('ip')).toEqual([1, 2, 3]);
    expect(at('not ip and not ipv6')).toEqual([]);
  });
});

describe('compiled filter: frame.time_relative origin', () => {
  it('counts from time 0 when tshark\'s frame 1 is a pcapng Custom Block (the first row is frame 2)', () => {
    const cols = columnsOf([{ tsSec: 1340954905, tsNsec: 298_858_000 }, { tsSec: 1340954905, tsNsec: 301_858_000 }]);
    cols.frame.set([2, 3]);
    expect(frames('frame.time_relative == 1340954905.298858', cols)).toEqual([2]);
    expect(frames('frame.time_relative < 1', cols)).toEqual([]);
    cols.frame.set([1, 2]);
    expect(frames('frame.time_relative == 0.003', cols)).toEqual([2]);
  });
});
