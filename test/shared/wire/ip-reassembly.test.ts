import { describe, expect, it } from 'vitest';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';
import { writeReassemblyCapture } from '../../fixtures/ip-reassembly-capture';

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
});
