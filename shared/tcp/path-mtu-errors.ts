/**
 * Path MTU discovery in a tracking pass: the last ICMP "fragmentation needed" (RFC 1191) or ICMPv6 "packet too big"
 * (RFC 8201) about each stream's segments, by direction, and the retransmissions that answer it — the sender resending
 * the too-big segment's data in segments that fit, which is not a loss, and "Why was this flagged?" says so.
 *
 * A retransmission answers the error when its data was first sent before the error and it continues the resend from
 * the quoted segment's sequence number on; data resent a second time after that is a loss again. Kept by an
 * explaining pass (the window's packet.why, read --explain), never by the pipeline; bounded by the number of such
 * messages, at most MAX_KEPT stream directions.
 */
import type { CaptureRecord } from '../capture-file/capture-record';
import type { PacketColumns } from '../ipc/batch-layout';
import { icmpFromColumn } from '../wire/icmp-messages';
import { ipv4Text } from '../wire/ipv4';
import { ipv6Text } from '../wire/ipv6';
import type { DecodedPacket } from '../wire/decoded-packet';
import { TCP_A_ANY_RETRANSMISSION } from './analysis-flags';
import { Note } from './annotation';
import type { TcpTracker } from './tcp-tracker';
import { seqGe } from './seq';

export interface PathMtuError {
  /** The ICMP message's frame. */
  frame: number;
  /** The MTU it gives (0: none given, as old routers send). */
  mtu: number;
  /** Its sender (a router on the path). */
  from: string;
  v6: boolean;
}

interface Kept extends PathMtuError {
  /** Absolute sequence number the resend has reached (it starts at the quoted segment's; -1: not quoted). */
  resentTo: number;
}

const MAX_KEPT = 1 << 16;

export class PathMtuErrors {
  private readonly last = new Map<number, Kept>();
  /** The error the row last seen answers, or null. */
  answered: PathMtuError | null = null;

  /** Call after tracking each row (before explaining it): notes a path-MTU error, or a retransmission answering one. */
  see(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, tracker: TcpTracker): void {
    this.answered = null;
    if (cols.note[0] === Note.IcmpError) { this.keep(rec, pkt, cols, tracker); return; }
    const stream = cols.stream[0];
    if (stream < 0 || !(cols.analysis[0] & TCP_A_ANY_RETRANSMISSION) || !pkt.tcp) return;
    const e = this.last.get(stream * 2 + cols.dir[0]);
    if (!e || tracker.lastContext.originalFrame >= e.frame) return;
    if (e.resentTo >= 0 && !seqGe(pkt.seq, e.resentTo)) return;
    e.resentTo = (pkt.seq + pkt.payloadLen) >>> 0;
    this.answered = e;
  }

  private keep(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, tracker: TcpTracker): void {
    const m = icmpFromColumn(cols.icmp[0]);
    if (!m || !(m.v6 ? m.type === 2 : m.type === 3 && m.code === 4)) return;
    // A quote of only the ports has no tcp.stream (as in tshark); its flow still names the stream.
    const stream = cols.stream[0] >= 0 ? cols.stream[0] : tracker.flows.tag[cols.flow[0]];
    if (stream < 0) return;
    const key = stream * 2 + cols.dir[0];
    if (!this.last.has(key) && this.last.size >= MAX_KEPT) return;
    const ip = pkt.outerIpOffset, view = rec.view;
    const from = view.getUint8(ip) >> 4 === 6 ? ipv6Text(view, ip + 8) : ipv4Text(view, ip + 12);
    const quotedSeq = pkt.tcp || pkt.tcpSeqQuoted ? pkt.seq : -1;
    this.last.set(key, { frame: rec.frame, mtu: Math.max(pkt.icmpMtu, 0), from, v6: m.v6, resentTo: quotedSeq });
  }
}
