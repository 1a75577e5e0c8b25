import { allocateColumns } from '../../shared/ipc/batch-layout';
import { FinalValues } from '../../shared/tcp/final-values';
import { TcpTracker } from '../../shared/tcp/tcp-tracker';
import { StreamTimes } from '../../shared/tcp/stream-times';
import { FrameTimes } from '../../shared/tcp/frame-times';
import { TSHARK_FIELDS, advanceFieldRow, type FieldRow } from '../../shared/tcp/tshark-fields';
import { PacketDecoder } from '../../shared/wire/packet-decoder';
import { forEachRecord } from './read-capture';

/** The tshark fields the differential tests compare (tcp-corpus.test.ts, tcp-corpus-variants.test.ts). */
export const COMPARED_TCP_FIELDS = ['tcp.stream', 'tcp.flags', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.window_size', 'tcp.completeness',
  'tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission', 'tcp.analysis.spurious_retransmission',
  'tcp.analysis.out_of_order', 'tcp.analysis.lost_segment', 'tcp.analysis.duplicate_ack', 'tcp.analysis.zero_window',
  'tcp.analysis.window_update', 'tcp.analysis.window_full', 'tcp.analysis.keep_alive', 'tcp.analysis.keep_alive_ack',
  'tcp.analysis.ack_rtt', 'tcp.analysis.reused_ports'];

/** Whether our value agrees with tshark's: flags by presence, the rest (ack_rtt too: exact to the ns) exactly. */
export function sameField(name: string, tshark: string, ours: string): boolean {
  if (name.startsWith('tcp.analysis.') && name !== 'tcp.analysis.ack_rtt') return (tshark !== '') === (ours !== '');
  return tshark === ours;
}

/**
 * Test helper: runs reader → decoder → TcpTracker over a file and returns, per TCP frame, the tshark field
 * values (`-2` semantics when `twoPass`: a first tracker's final state feeds the second pass, like tshark).
 */
export function tcpFieldRows(path: string, fields: readonly string[], twoPass = true): Map<number, string[]> {
  let final: FinalValues | null = null;
  if (twoPass) {
    const first = runTracker(path, () => {});
    final = new FinalValues(first);
  }
  const rows = new Map<number, string[]>();
  runTracker(path, (fr, isTcp) => {
    if (!isTcp) return;
    rows.set(fr.cols.frame[0], fields.map((f) => TSHARK_FIELDS[f](fr)));
    fr.frameTimes?.displayed();                           // -Y tcp: the TCP rows are the displayed ones
  }, false, final);
  return rows;
}

/**
 * Runs a fresh tracker over the file, calling `onRow` with a one-row FieldRow after each packet. `final` (-2): the
 * first pass's values, given from the first row on, as `read -2` does (each row advances the second pass).
 */
export function runTracker(path: string, onRow: (r: FieldRow, isTcp: boolean) => void, verifyChecksums = false,
  final: FinalValues | null = null): TcpTracker {
  const tracker = new TcpTracker();
  const decoder = new PacketDecoder({ verifyChecksums, reassemble: true });
  const cols = allocateColumns(1);
  cols.rows = 1;
  let fr: FieldRow | null = null;
  const times = new StreamTimes(), frameTimes = new FrameTimes();
  forEachRecord(path, (frame) => {
    const pkt = decoder.decode(frame.view, frame.at, frame.capLen, frame.origLen, frame.linkType);
    const r = decoder.frameRecord(frame);
    cols.frame[0] = r.frame; cols.tsSec[0] = r.tsSec; cols.tsNsec[0] = r.tsNsec;
    cols.capLen[0] = r.capLen; cols.origLen[0] = r.origLen;
    tracker.track(r, pkt, cols, 0);
    fr ??= { cols, row: 0, record: r, packet: pkt, tracker, completenessBefore: 0, final, times, frameTimes };
    advanceFieldRow(fr, r, pkt);
    onRow(fr, pkt.tcp || pkt.tcpPortsOnly);   // a header cut after its ports is `tcp` to tshark too
  });
  return tracker;
}
