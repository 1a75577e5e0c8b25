/**
 * The conversation table limited to a display filter against tshark's `-z conv,tcp,FILTER` (the tap sees only the
 * packets the filter matches): same conversations, packets and bytes each way, oriented as tshark orients them (A sent
 * the first counted packet), over the renderer's stored rows and summaries as the app holds them. Also: every stream's
 * counted rows add up to its summary (ROW_BITS.CONVERSATION_COUNTED is where the tracker counted).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/filter/compile';
import { DerivedTimeColumns } from '../../../shared/filter/derived-times';
import { endpointInputs } from '../../../renderer/format/endpoint-inputs';
import { conversationTable } from '../../../renderer/stores/conversations';
import { borrowedSources, toRowSelector } from '../../../renderer/stores/filter-adapter';
import { LimitedConversations } from '../../../renderer/stores/limited-conversations';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { subsetOrder } from '../../../renderer/format/conversation-order';
import { expectConversationRows } from '../../support/tshark-conversations';
import { CORPUS, captureApp, type CaptureApp } from '../support/capture-app';

/** The rows `text` matches (every row for ''). */
function matching(text: string): Uint32Array {
  const cols = packetColumns.cols, out = new Uint32Array(Math.max(1, cols.rows));
  if (text === '') return Uint32Array.from({ length: cols.rows }, (_, i) => i);
  const r = compileFilter(text);
  if (!r.ok) throw new Error(r.error.message);
  return out.subarray(0, toRowSelector(r.filter, borrowedSources(new DerivedTimeColumns())).select(cols, 0, cols.rows, out, 0));
}

/** The limited table's rows as tshark orients them. */
function oriented(limited: LimitedConversations) {
  return endpointInputs({ conversations: limited, cols: packetColumns.cols, indexOfFrame: (f) => packetColumns.indexOfFrame(f) })
    .map((c) => ({ a: `${c.addrA}:${c.portA}`, b: `${c.addrB}:${c.portB}`, framesAtoB: c.framesAtoB, framesBtoA: c.framesBtoA, bytesAtoB: c.bytesAtoB, bytesBtoA: c.bytesBtoA }));
}

describe('conversations limited to the display filter (tshark -z conv,tcp,FILTER)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  const CASES: [string, string][] = [
    ['zeek__http__206_example_b.pcap', 'tcp.analysis.flags'],
    ['zeek__http__206_example_b.pcap', 'tcp.len > 1000'],
    ['gopacket__cip.pcap', 'tcp.flags.syn == 1'],
    ['gopacket__cip.pcap', 'frame.number > 2000 && tcp.srcport == 44818'],
    ['zeek__smtp.pcap', 'tcp.dstport == 25'],
    ['zeek__tcp__retransmit-fast009.pcap', 'tcp.analysis.retransmission || tcp.analysis.duplicate_ack'],
    ['zeek__chksums__ip6-tcp-bad-chksum.pcap', 'ipv6'],
    ['zeek__tcp__rst-inject-rae.pcap', 'tcp.flags.reset == 1'],
  ];

  it.each(CASES)('%s, %s: the same conversations, packets and bytes each way', async (file, filter) => {
    app = await captureApp(file);
    const limited = new LimitedConversations(packetColumns.cols, matching(filter), conversationTable);
    const text = execFileSync('tshark', ['-r', join(CORPUS, file), '-q', '-z', `conv,tcp,${filter}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const ours = oriented(limited);
    expect(ours.length, `${file} ${filter}`).toBeGreaterThan(0);
    expectConversationRows(ours, text, `${file} ${filter}`);
  });

  it('every stream\'s counted rows add up to its summary; a filter keeps only the streams it touches, sorted like the table', async () => {
    for (const file of ['gopacket__cip.pcap', 'zeek__smtp.pcap', 'zeek__mixed-vlan-mpls.pcap', 'zeek__tcp__truncated-header.pcap']) {
      app?.disconnect();
      app = await captureApp(file);
      const all = new LimitedConversations(packetColumns.cols, matching(''), conversationTable);
      let kept = 0;
      for (let s = 0; s < conversationTable.length; s++) {
        const c = conversationTable.at(s);
        if (!c || c.packetsA + c.packetsB === 0) { expect(all.at(s), `${file} stream ${s}`).toBeUndefined(); continue; }
        kept++;
        expect(all.at(s), `${file} stream ${s}`).toEqual(c);
      }
      expect(all.streams.length, file).toBe(kept);
    }
    app?.disconnect();
    app = await captureApp('gopacket__cip.pcap');
    const some = new LimitedConversations(packetColumns.cols, matching('tcp.len > 0'), conversationTable);
    expect(some.streams.length).toBeLessThan(conversationTable.length);
    const byPackets = subsetOrder(some.streams, (s, k) => some.sortValue(s, k), { key: 'packets', descending: true });
    const packets = Array.from(some.streams, (_, pos) => { const c = some.at(byPackets.streamAt(pos))!; return c.packetsA + c.packetsB; });
    expect(packets).toEqual([...packets].sort((x, y) => y - x));
    expect(byPackets.positionOf(byPackets.streamAt(2))).toBe(2);
    expect(byPackets.positionOf(-5)).toBe(-1);
  });
});
