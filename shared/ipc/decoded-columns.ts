/**
 * The batch columns a record and its decoded packet fill by themselves, with no tracker state: the record's
 * numbers and the raw TCP/IP fields. The pipeline writes them per row (pipeline.ts); a decode thread writes
 * them into its blocks (decoded-block.ts), so the tracker's thread copies them into a batch a block at a time.
 * One function for both, so the two paths cannot disagree.
 */
import type { CaptureRecord } from '../capture-file/capture-record';
import type { DecodedPacket } from '../wire/decoded-packet';
import { icmpColumnValue } from '../wire/icmp-messages';
import type { PacketColumns } from './batch-layout';

export const DECODED_COLUMN_NAMES = [
  'frame', 'tsSec', 'tsNsec', 'tsPrec', 'capLen', 'origLen', 'fileOffset', 'iface', 'linkType',
  'l3', 'proto', 'decodeProblem', 'tcpFlags', 'seqRaw', 'ackRaw', 'payloadLen', 'window', 'colorFacts', 'icmp',
] as const;

export type DecodedColumnName = (typeof DECODED_COLUMN_NAMES)[number];
export type DecodedColumns = Pick<PacketColumns, DecodedColumnName>;

/** Row `row` of the decoded columns for one record and its packet. */
export function fillDecodedColumns(cols: DecodedColumns, row: number, rec: CaptureRecord, pkt: DecodedPacket): void {
  cols.frame[row] = rec.frame;
  cols.tsSec[row] = rec.tsSec;
  cols.tsNsec[row] = rec.tsNsec;
  cols.tsPrec[row] = rec.tsPrec ?? 6;
  cols.capLen[row] = rec.capLen;
  cols.origLen[row] = rec.origLen;
  cols.fileOffset[row] = rec.fileOffset;
  cols.iface[row] = rec.iface;
  cols.linkType[row] = rec.linkType;
  cols.l3[row] = pkt.l3;
  cols.proto[row] = pkt.l3 ? pkt.ipProto : 0;
  cols.decodeProblem[row] = pkt.problem;
  cols.tcpFlags[row] = pkt.tcp ? pkt.tcpFlags : 0;
  cols.seqRaw[row] = pkt.tcp ? pkt.seq : 0;
  cols.ackRaw[row] = pkt.tcp ? pkt.ack : 0;
  cols.payloadLen[row] = pkt.payloadLen;
  cols.window[row] = pkt.tcp ? pkt.window : 0;
  cols.colorFacts[row] = pkt.colorFacts;
  cols.icmp[row] = icmpColumnValue(pkt.icmpTypeCode, pkt.icmpV6);
}
