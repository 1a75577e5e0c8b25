/**
 * ICMP errors about TCP connections: each one quoting a connection's header (whole, or only its ports, which tshark
 * gives no tcp.stream) gets the ICMP note and counts for that connection; a connection that nothing followed after a
 * "destination unreachable" ended unreachable, and one that went on after "fragmentation needed" did not. The notes say
 * what each kind of message means, who sent it, and the path MTU. Through the real pipeline, with and without a
 * decode thread.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFile, type FileAnalysis } from '../../../electron/capture/pipeline';
import { Note, renderNote, type NoteValues } from '../../../shared/tcp/annotation';
import type { IcmpNoteFacts } from '../../../shared/tcp/icmp-error-note';
import { icmpFromColumn } from '../../../shared/wire/icmp-messages';
import { writeIcmpErrorCapture } from '../../fixtures/icmp-error-capture';

/** Rows (0-based) whose frame has an ICMP header. */
const icmpRows = (a: FileAnalysis): number[] => {
  const out: number[] = [];
  for (let r = 0; r < a.columns.rows; r++) if (a.columns.icmp[r] !== 0) out.push(r);
  return out;
};

describe.each([['in one thread', 'off'], ['with a decode thread', 'only']] as const)('ICMP errors about TCP connections (%s)', (_name, decodeThread) => {
  it('note every error quoting a connection\'s header, whole or its ports only, and count it for that connection', async () => {
    const a = await analyzeFile(writeIcmpErrorCapture(), { decodeThread });
    const cols = a.columns, flows = new Map(a.flows.map((f) => [f.id, f]));
    const errors = icmpRows(a).filter((r) => { const m = icmpFromColumn(cols.icmp[r])!; return m.v6 ? m.type < 128 : m.type !== 0 && m.type !== 8; });
    expect(errors.length).toBe(29 + 18 + 3);
    for (const r of errors) {
      expect(cols.note[r], `frame ${cols.frame[r]}`).toBe(Note.IcmpError);
      // A ports-only quote (an IPv4 error here) has no stream; its TCP flow still names it.
      const stream = cols.stream[r] >= 0 ? cols.stream[r] : flows.get(cols.flow[r])!.stream;
      expect(stream, `frame ${cols.frame[r]}`).toBeGreaterThanOrEqual(0);
    }
    expect(errors.filter((r) => cols.stream[r] < 0).length).toBe(29);
    for (let r = 0; r < cols.rows; r++) if (!errors.includes(r)) expect(cols.note[r] === Note.IcmpError, `frame ${cols.frame[r]}`).toBe(false);
    const counted = a.conversations.reduce((n, c) => n + c.expert.icmpErrors, 0);
    expect(counted).toBe(errors.length);
  });

  it('ends a connection unreachable when nothing followed a destination unreachable, not when it went on after fragmentation needed', async () => {
    const a = await analyzeFile(writeIcmpErrorCapture(), { decodeThread });
    const byPort = (port: number) => a.conversations.find((c) => c.portA === port || c.portB === port)!;
    expect(byPort(43000)).toMatchObject({ end: 'unreachable', expert: { icmpErrors: 2 }, packetsA: 2, packetsB: 0 });
    expect(byPort(43001)).toMatchObject({ end: 'open', expert: { icmpErrors: 1 } });
    expect(byPort(41003)).toMatchObject({ end: 'unreachable' });   // port unreachable from a router
    expect(byPort(41004)).toMatchObject({ end: 'open' });          // fragmentation needed: not undeliverable
    expect(byPort(42000)).toMatchObject({ end: 'unreachable' });   // ICMPv6 no route
    expect(byPort(42008)).toMatchObject({ end: 'open' });          // ICMPv6 packet too big
    expect(byPort(41020)).toMatchObject({ end: 'open' });          // time exceeded
  });
});

describe('ICMP error notes', () => {
  const base: NoteValues = {
    who: 'client', peer: 'server', seqRaw: 2001, seqRel: 0, ackRel: 0, len: 0, window: 0, stateSelf: 0, statePeer: 0,
    dupAckNum: 0, relatedFrame: 0, port: 43000, mslSeconds: 60,
  };
  const note = (icmp: Partial<IcmpNoteFacts>): string => renderNote(Note.IcmpError, {
    ...base, icmp: { v6: false, type: 3, code: 3, mtu: null, from: '10.0.0.2', fromPeer: true, peerPort: 80, quoted: 'syn', ...icmp },
  });

  it('tells a refusal by the server\'s own host from a router\'s, and says what fails', () => {
    expect(note({})).toBe('The server\'s host (10.0.0.2) turns away the client\'s SYN for TCP port 80 with ICMP instead of a TCP RST '
      + '(Destination unreachable (Port unreachable)): a TCP stack answers a closed port with RST, so this is most likely a '
      + 'firewall on that host that rejects with ICMP. The connection attempt fails unless the client tries elsewhere.');
    expect(note({ from: '10.0.0.254', fromPeer: false })).toContain('10.0.0.254 reports port 80 unreachable for the client\'s SYN');
    expect(note({ v6: true, type: 1, code: 4 })).toContain('turns away the client\'s SYN for TCP port 80 with ICMP');
  });

  it('gives the path MTU of fragmentation needed and packet too big, with the quoted segment\'s sequence number', () => {
    expect(note({ code: 4, mtu: 1400, from: '10.0.0.254', fromPeer: false, quoted: 'segment' })).toBe('10.0.0.254 could not forward a segment '
      + 'of the client\'s (seq 2001): it is bigger than the next link carries (MTU 1400 bytes) and may not be fragmented. The client should '
      + 'send smaller segments (path MTU discovery); where such messages are blocked, big segments vanish and the connection stalls.');
    expect(note({ v6: true, type: 2, code: 0, mtu: 1280, quoted: 'ports' })).toContain('could not forward a segment of the client\'s: it is bigger than the next link carries (MTU 1280 bytes)');
    expect(note({ code: 4, mtu: null })).toContain('bigger than the next link carries and may not');
  });

  it('names filters, missing routes, routing loops and the rest by what they mean', () => {
    expect(note({ code: 13, fromPeer: false })).toContain('says a filter forbids the client\'s SYN (Destination unreachable (Communication administratively filtered))');
    expect(note({ v6: true, type: 1, code: 1, fromPeer: false })).toContain('a filter forbids');
    expect(note({ code: 1, fromPeer: false })).toContain('cannot deliver the client\'s SYN to the server (Destination unreachable (Host unreachable))');
    expect(note({ type: 11, code: 0, from: '192.0.2.1', fromPeer: false })).toBe('The client\'s SYN ran out of hops at 192.0.2.1 '
      + '(Time-to-live exceeded (Time to live exceeded in transit)): a routing loop, or a probe sent with a small TTL on purpose (traceroute).');
    expect(note({ type: 4, code: 0 })).toContain('RFC 6633 deprecated');
    expect(note({ type: 5, code: 1 })).toContain('use another router');
    expect(note({ type: 12, code: 0 })).toContain('bad header field');
    expect(note({ type: 3, code: 2 })).toContain('does not take TCP at all');
  });
});
