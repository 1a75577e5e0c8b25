import { describe, expect, it } from 'vitest';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';
import { IpReassembly } from '../../../shared/wire/ip-reassembly';
import { writeReassemblyCapture, writeReassemblyConflictCapture } from '../../fixtures/ip-reassembly-capture';

/**
 * IP fragments reassembled as tshark does by default (Zeek's ipv4_fragmented, GTP-over-fragmented-IP and ERSPAN
 * traces): the frame that completes a datagram shows its TCP segment whole, the other fragments none; fragments
 * may come in any order and repeat; a datagram never completed shows no TCP at all; a fragment the capture cut
 * short is not reassembled (its first fragment shows the TCP header, as without reassembly).
 */
describe('IP reassembly', () => {
  it('shows each datagram\'s segment on the frame that completes it, whole, and nothing on the other fragments', () => {
    const rows = tcpFieldRows(writeReassemblyCapture(), ['tcp.seq_raw', 'tcp.len']);
    expect([...rows].map(([frame, v]) => `${frame}:${v.join('/')}`))
      .toEqual(['1:100/0', '2:500/0', '5:101/300', '8:401/300', '12:701/300', '15:100/300']);
  });

  it.skipIf(!requireTool('tshark'))('agrees with tshark (reassembly on, its default) on every -T fields field and -z conv,tcp', () => {
    expectSameAsTshark(writeReassemblyCapture(), 'IP reassembly');
  });

  it('settles fragments that disagree as reassemble.c does: offset order, first bytes win, first last fragment sets the length', () => {
    const rows = tcpFieldRows(writeReassemblyConflictCapture(), ['tcp.seq_raw', 'tcp.len']);
    expect([...rows].map(([frame, v]) => `${frame}:${v.join('/')}`)).toEqual([
      '1:100/0', '2:500/0', '6:101/300', '10:8001/300', '14:701/244', '18:1001/300', '21:1301/300', '26:1601/300', '27:7001/300', '32:1901/300',
    ]);
  });

  it.skipIf(!requireTool('tshark'))('settles them as tshark does on every -T fields field and -z conv,tcp', () => {
    expectSameAsTshark(writeReassemblyConflictCapture(), 'IP reassembly conflicts');
  });

  it('stays bounded under a flood of fragments that never complete, and still reassembles the next datagram', () => {
    const r = new IpReassembly();
    const dv = new DataView(Uint8Array.from({ length: 64 }, (_, k) => k).buffer);
    expect(r.add('flood', dv, 0, 8, 65528, false)).toBe(false);                 // its end is known, byte 0 never comes
    for (let k = 0; k < 20_000; k++) expect(r.add('flood', dv, 8, 16, 8 * (1 + (k % 3)), true)).toBe(false);
    for (let k = 0; k < 300; k++) r.add(`other ${k}`, dv, 0, 8, 8, true);        // more datagrams than are kept waiting
    expect(r.add('next', dv, 16, 24, 8, false)).toBe(false);
    expect(r.add('next', dv, 0, 8, 0, true)).toBe(true);
    expect([...r.datagram.subarray(0, r.length)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
  });
});
