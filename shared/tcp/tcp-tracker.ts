/**
 * TcpTracker: the per-packet driver. For every record, in file (or arrival) order:
 * flow lookup → tcp.stream (port reuse starts a new one) → base seq / window scale → completeness → iRTT →
 * Wireshark analysis → endpoint states → phase and step → note → row columns (shared/ipc/batch-layout.ts).
 * Non-TCP IP packets get a flow too (UDP/ICMP/other address pairs), so the UI can show their addresses.
 *
 * Memory: the flow table (~60 bytes per flow), the typed conversation and direction stores (~340 bytes per
 * stream; no JS object per conversation) and the shared unacked-segment pool (bounded per direction). Nothing
 * is kept per packet: "why" explanations come from `lastContext` right after `track()`, or by re-running a
 * tracker up to a frame (flag-explanation.ts). The hot path allocates nothing: one TcpConversation view is
 * moved to each packet's stream.
 */
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../wire/tcp-flag-bits';
import { FtpDataExpectations } from './ftp-data-expectations';
import { ACC_ECN_OPTION, accEcnAfterHandshake, usesAce } from './acc-ecn';
import { wiretapNsec, wiretapSec, type CaptureRecord } from '../capture-file/capture-record';
import { ROW_BITS, type PacketColumns } from '../ipc/batch-layout';
import { fillDecodedColumns } from '../ipc/decoded-columns';
import type { DecodedPacket } from '../wire/decoded-packet';
import { tcpDissectionStopped, WireProblemCode } from '../wire/wire-problem';
import { TCP_A, TCP_A_ANY_RETRANSMISSION } from './analysis-flags';
import { AnalysisContext, analyzeSegment, type SegmentIn } from './analysis';
import { addConversation, ConversationStore, DirectionStore, TcpConversation, WSCALE_NONE, WSCALE_UNKNOWN } from './conversation-state';
import { updateEndpointStates } from './endpoint-state';
import { FlowTable } from './flow-table';
import { chooseNote, Note } from './annotation';
import { icmpFromColumn, isUnreachable } from '../wire/icmp-messages';
import { nstimeDelta, nstimeIsZero, type NsTime } from './nstime';
import { OuterFlows } from './outer-flow';
import { PairFlows } from './pair-flows';
import { PhaseClassifier } from './phase';
import { SegmentPool } from './segment-pool';
import { seqAdd } from './seq';

export const COMPLETENESS = { SYN: 1, SYNACK: 2, ACK: 4, DATA: 8, FIN: 16, RST: 32 } as const;
const IPPROTO_TCP = 6;

export interface TcpTrackerOptions {
  /** Maximum segment lifetime for the TIME-WAIT end (2×MSL), seconds; default 60 as Linux. */
  mslSeconds?: number;
  /**
   * Apply Wireshark's newer SACK rules (false window update → dup ACK, late dup ACK, fast retransmission via
   * SACK; shared/tcp/sack-analysis.ts). Default false: tshark 4.0, the corpus oracle, does not.
   */
  sackRules?: boolean;
}

export class TcpTracker {
  readonly flows = new FlowTable();
  readonly pool = new SegmentPool();
  /** Typed storage of every conversation's two directions. */
  readonly directions = new DirectionStore();
  /** Typed storage of every conversation, indexed by stream. */
  readonly conversationStore = new ConversationStore();
  readonly mslSeconds: number;
  readonly sackRules: boolean;
  /** The analysis of the last TCP packet tracked (flags, refs, the numbers each rule saw). */
  readonly lastContext = new AnalysisContext();
  /** tcp.completeness before the last packet (what one-pass tshark prints for it). */
  completenessBefore = 0;
  /** Conversation and direction of the last TCP packet, or null: a view valid until the next `track()`. */
  lastConversation: TcpConversation | null = null;
  /** The view the hot path moves to each packet's stream. */
  private readonly cursor = new TcpConversation(this.conversationStore, this.directions, 0);
  lastDir: 0 | 1 = 0;
  private readonly seg: SegmentIn = {
    frame: 0, sec: 0, nsec: 0, seq: 0, ack: 0, len: 0, flags: 0, win: 0, sackCount: 0, sackEdges: new Uint32Array(0),
  };
  private readonly phases = new PhaseClassifier();
  /** The outer IP layer's flow of tunnelled and ICMP-error rows. */
  private readonly outer = new OuterFlows();
  private originSec = NaN;
  private originNsec = 0;
  /** Scratch for the iRTT difference (no allocation per packet). */
  private readonly irttScratch: NsTime = { sec: 0, nsec: 0 };
  private newFlows: number[] = [];
  /** The flow of each pair id a decode thread sends (pair-flows.ts), and the current packet's pair (-1 none). */
  private readonly pairFlows = new PairFlows();
  private readonly ftpData = new FtpDataExpectations();
  private pair = -1;
  private pairDir: 0 | 1 = 0;
  private changed: number[] = [];

  constructor(options: TcpTrackerOptions = {}) {
    this.mslSeconds = options.mslSeconds ?? 60;
    this.sackRules = options.sackRules ?? false;
  }

  /** Fills row `row` of `out` for one record and its decoded packet. */
  track(rec: CaptureRecord, pkt: DecodedPacket, out: PacketColumns, row: number): void {
    fillDecodedColumns(out, row, rec, pkt);
    this.trackDecoded(rec, pkt, out, row);
  }

  /**
   * As `track`, for a row whose decoded columns (shared/ipc/decoded-columns.ts) are already filled; `pair` is
   * the id a decode thread's PairKeys gave the packet's address/port pair (-1: none), `pairDir` its direction.
   */
  trackDecoded(rec: CaptureRecord, pkt: DecodedPacket, out: PacketColumns, row: number, pair = -1, pairDir: 0 | 1 = 0): void {
    this.pair = pair; this.pairDir = pairDir;
    out.outerFlow[row] = this.outer.flowOf(this.flows, rec.view, pkt, this.newFlows);
    out.rowBits[row] = (rec.hasTimestamp === false ? ROW_BITS.NO_TIMESTAMP : 0) | this.outer.rowBits(pkt)
      | (pkt.tcp && withoutSegmentLength(pkt) ? ROW_BITS.QUOTED : 0) | (pkt.tcp && pkt.payloadCaptured > 0 ? ROW_BITS.PAYLOAD_CAPTURED : 0)
      | (pkt.tcpPortsOnly ? ROW_BITS.TCP_PORTS_ONLY : 0) | (pkt.tcpSeqQuoted ? ROW_BITS.TCP_SEQ_QUOTED : 0) | (pkt.isLaterFragment ? ROW_BITS.IP_FRAGMENT : 0)
      | (pkt.tcp && pkt.tcpFixedHeader ? ROW_BITS.TCP_FIXED_HEADER : 0);
    this.lastConversation = null;
    if (pkt.l3 !== 0 && Number.isNaN(this.originSec)) { this.originSec = rec.tsSec; this.originNsec = rec.tsNsec; }
    if (pkt.l3 !== 0 && pkt.tcp && !withoutSegmentLength(pkt)) { this.trackTcp(rec, pkt, out, row); return; }
    clearTcpColumns(out, row);                    // a TCP segment writes every one of them in trackTcp
    if (pkt.l3 === 0) return;
    if (!pkt.tcp) { this.otherFlow(rec, pkt, out, row); return; }
    this.trackTcp(rec, pkt, out, row);            // quoted header or first fragment: writes only some columns
  }

  private otherFlow(rec: CaptureRecord, pkt: DecodedPacket, out: PacketColumns, row: number): void {
    const dv = rec.view;
    const proto = pkt.ipProto;
    let id = this.findFlow(dv, pkt, proto);
    if (id < 0) { id = this.addFlow(dv, pkt, proto); this.newFlows.push(id); }
    out.flow[row] = id;
    out.dir[row] = this.flows.dir;
    if (pkt.tcpSeqQuoted) out.seqRel[row] = pkt.seq;
    // An ICMP error quoting only a TCP header's ports: tshark gives it no stream, but it is still about the pair's.
    if (pkt.tcpPortsOnly && pkt.inIcmpError && this.flows.tag[id] >= 0) this.icmpErrorAbout(this.cursor.moveTo(this.flows.tag[id]), rec, out, row);
  }

  /** A row holding an ICMP error about conversation `c`: its note, and the conversation counts it (how it ended). */
  private icmpErrorAbout(c: TcpConversation, rec: CaptureRecord, out: PacketColumns, row: number): void {
    out.note[row] = Note.IcmpError;
    c.icmpErrors++;
    // The decoded `icmp` column, filled before tracking (a decode thread's block carries the columns, not the field).
    const m = icmpFromColumn(out.icmp[row]);
    if (m && isUnreachable(m.v6, m.type, m.code)) c.icmpUnreachableFrame = rec.frame;
    this.changedSummary(c);
  }

  private trackTcp(rec: CaptureRecord, pkt: DecodedPacket, out: PacketColumns, row: number): void {
    const dv = rec.view, flags = pkt.tcpFlags;
    const s = this.seg;
    s.frame = rec.frame; s.seq = pkt.seq; s.ack = pkt.ack; s.len = pkt.payloadLen; s.flags = flags; s.win = pkt.window;
    s.sackCount = pkt.sackCount;
    if (s.sackEdges !== pkt.sackEdges) s.sackEdges = pkt.sackEdges;   // the same array for every packet: no write barrier
    s.sec = wiretapSec(rec); s.nsec = wiretapNsec(rec);   // as tshark's time differences see it (nstime.ts)
    const id = this.findFlow(dv, pkt, IPPROTO_TCP);
    let isNew = false;
    let c: TcpConversation;
    // A data connection an FTP control line announced is no new conversation to packet-tcp.c (ftp-data-expectations.ts).
    if (id < 0) { c = this.newConversation(dv, pkt); isNew = !this.ftpData.claims(dv, pkt); }
    else if (this.flows.tag[id] < 0) {                    // the pair's flow came from a non-segment: it gets its stream now
      c = this.streamFor(id); isNew = !this.ftpData.claims(dv, pkt);
      this.newFlows.push(id);                             // announced again (flows.upsert), now with its stream
    }
    else c = this.cursor.moveTo(this.flows.tag[id]);
    let dir = this.flows.dir;
    const cx = this.lastContext;
    cx.reset();
    // A quoted header (ICMP error), a first IP fragment or a header longer than the IP payload is not a whole
    // segment: tshark (when it cannot reassemble) shows raw numbers and no analysis for it, and so do we. Its SYN still
    // starts a new stream on a new ISN, or puts nextseq back on the same one (packet-tcp.c does both when it finds
    // the conversation, before any analysis).
    const noLength = withoutSegmentLength(pkt);
    let reused = false;
    if ((flags & (TCP_SYN | TCP_ACK)) === TCP_SYN && !isNew) {
      const fwd = c.d[dir];
      if (fwd.baseSet && pkt.seq !== fwd.baseSeq) {        // tshark 4.0: a new ISN only (no RST/FIN test yet)
        c = this.newConversation(dv, pkt);                 // port reuse: packet-tcp.c, issue 15097
        dir = this.flows.dir;
        isNew = true;
        reused = true;
        cx.flags |= TCP_A.REUSED_PORTS;
        // packet-tcp.c presets the new conversation's completeness to SYN right here, before it checks the header:
        // a reusing SYN whose data offset is bogus keeps that 1 (Suricata's drop-protocol-change capture).
        c.completeness = COMPLETENESS.SYN;
      } else if (fwd.baseSet) {
        // The same ISN again: a SYN retransmission or a retried handshake. packet-tcp.c puts nextseq back to the
        // contiguous mark first (#17616), so the retried handshake's data after a hole is not a retransmission.
        // It also gives the SYN an analysis record, empty or not (where tshark -2 shows the iRTT): also a first SYN
        // that comes after its SYN-ACK, whose ack had set this side's base.
        fwd.nextseq = fwd.maxSeqToBeAcked;
        cx.synOnBase = !noLength;
      }
    }
    // Accurate ECN: whether this segment's ECN bits are the ACE counter (before its own options count), then what
    // its handshake flags and options tell of the conversation (acc-ecn.ts).
    const acc = c.accEcn;
    cx.useAce = acc !== 0 && usesAce(acc, flags);
    if (cx.useAce) out.rowBits[row] |= ROW_BITS.ACE_COUNTER;
    if (flags & TCP_SYN || pkt.accEcnOption) c.accEcn = accEcnAfterHandshake(acc, flags) | (pkt.accEcnOption ? ACC_ECN_OPTION : 0);
    if (noLength) { this.segmentWithoutLength(c, dir, rec, pkt, out, row, isNew); return; }
    const fwd = c.d[dir], rev = c.d[dir ^ 1];
    if ((flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK) && fwd.baseSet && pkt.seq !== fwd.baseSeq) {
      cx.flags |= TCP_A.REUSED_PORTS;                      // tshark 4.0: flagged, base moved, same stream
      fwd.baseSeq = pkt.seq;
      fwd.spanChanged = true;                              // the unacknowledged list's span is relative to the base
    }
    if (pkt.tcpBogusHeader) { this.bogusSegment(c, dir, rec, pkt, out, row); return; }
    this.setBases(c, dir, pkt);
    if (flags & TCP_SYN) this.synOptions(c, dir, pkt);
    this.completenessBefore = reused ? COMPLETENESS.SYN : c.completeness;   // shown before this packet's update
    // A reused port's new conversation starts at SYN (packet-tcp.c sets 1) whatever else the SYN carries, except a
    // RST, which it adds (measured on tshark 4.0: fixture syn-reuse-flags).
    const bits = reused ? COMPLETENESS.SYN | (flags & TCP_RST ? COMPLETENESS.RST : 0) : completenessBits(flags, pkt.payloadLen, isNew);
    // What tshark's second pass adds for the first packet, which it then sees as part of a known conversation.
    if (c.firstBits < 0) { c.firstBits = completenessBits(flags, pkt.payloadLen, false); c.firstSeenFrame = rec.frame; }
    c.completeness |= bits;
    const peerFinAcked = rev.finAcked, ownFinAcked = fwd.finAcked, senderNext = fwd.nextseq;
    analyzeSegment(c, dir, s, this.pool, cx, this.sackRules);
    // packet-tcp.c hands a retransmission's or keep-alive's payload to no dissector (desegment_tcp): a resent FTP
    // reply announces nothing (a fast retransmission's payload does reach it).
    if (pkt.ftpData !== 0 && (cx.flags & (TCP_A.RETRANSMISSION | TCP_A.SPURIOUS_RETRANSMISSION | TCP_A.KEEP_ALIVE)) === 0) {
      this.ftpData.expect(dv, pkt);
    }
    // After the analysis, as packet-tcp.c 4.0: the ACK that sets the iRTT was judged out-of-order against the 3 ms
    // default, not against itself (fixture irtt-after-analysis).
    this.initialRtt(c, flags, s.sec, s.nsec);
    updateEndpointStates(c, dir, pkt.seq, pkt.ack, pkt.payloadLen, flags, rec.frame, s.sec, s.nsec, senderNext);
    this.phases.classify(c, dir, pkt.ack, pkt.payloadLen, flags, ownFinAcked, peerFinAcked);
    if (this.account(c, dir, rec, pkt, cx.flags)) out.rowBits[row] |= ROW_BITS.CONVERSATION_COUNTED;
    out.stream[row] = c.stream; out.dir[row] = dir; out.flow[row] = c.flow;
    out.seqRel[row] = (pkt.seq - fwd.baseSeq) >>> 0;
    out.ackRel[row] = flags & TCP_ACK ? (pkt.ack - rev.baseSeq) >>> 0 : pkt.ack;  // tshark shows the raw ack without the ACK flag
    out.windowScaled[row] = scaledWindow(flags, pkt.window, fwd.winScale);
    // packet-tcp.c stores a window scale option's shift whatever the flags, after this segment's window was scaled:
    // one on a non-SYN scales the sender's later windows (and, with -2, all of them).
    if (pkt.windowScale >= 0 && !(flags & TCP_SYN)) fwd.winScale = Math.min(pkt.windowScale, 14);
    writeAnalysis(out, row, cx);
    out.completeness[row] = c.completeness;
    out.phase[row] = this.phases.phase; out.step[row] = this.phases.step;
    out.stateA[row] = c.d[0].state; out.stateB[row] = c.d[1].state;
    out.note[row] = chooseNote(c, dir, this.phases.phase, this.phases.step, flags, pkt.payloadLen, cx.flags);
    this.lastConversation = c; this.lastDir = dir;
  }

  /**
   * packet-tcp.c: a pure SYN sets ts_mru_syn; the first pure ACK after it sets ts_first_rtt to the exact
   * (seconds, ns) difference. Both count as unset while zero (nstime_is_zero), as in Wireshark.
   */
  private initialRtt(c: TcpConversation, flags: number, sec: number, nsec: number): void {
    if ((flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) { c.mruSynSec = sec; c.mruSynNsec = nsec; return; }
    if ((flags & (TCP_SYN | TCP_ACK)) !== TCP_ACK || c.hasIrtt || nstimeIsZero(c.mruSynSec, c.mruSynNsec)) return;
    const d = nstimeDelta(this.irttScratch, sec, nsec, c.mruSynSec, c.mruSynNsec);
    c.irttSec = d.sec; c.irttNsec = d.nsec;
  }

  /**
   * TCP header without a segment length (withoutSegmentLength): same stream, raw numbers, no analysis (tshark shows
   * no tcp.len). packet-tcp.c still fills the stream's completeness from its flags, its length unknown (so an ACK
   * counts as a pure ACK), and its SYN time or first ACK for the iRTT: checked against tshark 4.0 on ICMP quotes and
   * first fragments (test/fixtures/tcp 'icmp-quoted-completeness', 'ip-fragments').
   */
  private segmentWithoutLength(c: TcpConversation, dir: 0 | 1, rec: CaptureRecord, pkt: DecodedPacket, out: PacketColumns, row: number, isNew: boolean): void {
    this.completenessBefore = c.completeness;              // one-pass tcp.completeness: the stream's value so far
    // packet-tcp.c forgets the sender's stored SACK blocks at each of its headers, whole segment or not (an analysed
    // segment sets them from its own SACK option: bytes-in-flight.ts).
    c.d[dir].sackInFlight = false;
    // A bogus data offset gives up before any of it (a damaged first fragment in nDPI's ip_fragmented_garbage).
    if (pkt.tcpBogusHeader) { if (c.firstBits < 0) { c.firstBits = 0; c.firstSeenFrame = rec.frame; } }
    else if (this.headerWithoutLength(c, dir, rec, pkt, isNew)) out.rowBits[row] |= ROW_BITS.CONVERSATION_COUNTED;
    out.stream[row] = c.stream; out.dir[row] = dir; out.flow[row] = c.flow;
    out.seqRel[row] = pkt.seq; out.ackRel[row] = pkt.ack;
    out.windowScaled[row] = pkt.window;
    out.completeness[row] = c.completeness;
    out.stateA[row] = c.d[0].state; out.stateB[row] = c.d[1].state;
    if (pkt.inIcmpError) this.icmpErrorAbout(c, rec, out, row);
    this.lastConversation = null;
  }

  /** What segmentWithoutLength takes from a header that is not bogus; whether the conversation table counted it. */
  private headerWithoutLength(c: TcpConversation, dir: 0 | 1, rec: CaptureRecord, pkt: DecodedPacket, isNew: boolean): boolean {
    if (c.firstBits < 0) { c.firstBits = completenessBits(pkt.tcpFlags, 0, false); c.firstSeenFrame = rec.frame; }
    const before = c.completeness, hadIrtt = c.hasIrtt;
    c.completeness |= completenessBits(pkt.tcpFlags, 0, isNew);
    this.initialRtt(c, pkt.tcpFlags, wiretapSec(rec), wiretapNsec(rec));
    // Its options are dissected: a window scale option sets the sender's shift, as on any segment. A short segment
    // whose option walk finished reaches verify_tcp_window_scaling too.
    if (pkt.windowScale >= 0) c.d[dir].winScale = Math.min(pkt.windowScale, 14);
    if (pkt.shortSegmentFinished && (pkt.tcpFlags & TCP_SYN)) verifyWindowScaling(c, dir, pkt.tcpFlags);
    // A first fragment's header (not reassembled) is a whole dissection to tshark: its conversation table counts it;
    // so is a short segment whose option walk stopped before the IP payload's end.
    if ((pkt.isFirstFragment && !pkt.inIcmpError) || pkt.shortSegmentFinished) return this.account(c, dir, rec, pkt, 0);
    if (c.completeness !== before || c.hasIrtt !== hadIrtt) this.changedSummary(c);
    return false;
  }

  /** The packet's newest flow (sets flows.dir), -1 when its pair has none: by pair id when known, else hashed. */
  private findFlow(dv: DataView, pkt: DecodedPacket, proto: number): number {
    const pair = this.pair;
    if (pair >= 0) {
      const id = this.pairFlows.flowOf(pair);
      if (id >= 0) { this.flows.dir = this.pairDir; return id; }
    }
    const id = this.flows.lookup(dv, pkt, proto);
    if (id >= 0 && pair >= 0) this.pairFlows.set(pair, id);
    return id;
  }

  /** Adds a flow for the packet's pair, newer than any the pair had (sets flows.dir). */
  private addFlow(dv: DataView, pkt: DecodedPacket, proto: number): number {
    const id = this.flows.add(dv, pkt, proto);
    if (this.pair >= 0) this.pairFlows.set(this.pair, id);
    return id;
  }

  /**
   * A data offset below 5 ("Bogus TCP header length"): packet-tcp.c gives up after the sequence number, but by then it
   * has found the stream, set the bases and run the sequence analysis on the segment (its length: IP payload minus the
   * bogus header length), so later segments see it as sent. Nothing of it is shown (flags, ack, analysis), and it adds
   * no completeness bits, no SYN time for the iRTT, no options and no endpoint states; tshark's conversation table
   * does not count it.
   */
  private bogusSegment(c: TcpConversation, dir: 0 | 1, rec: CaptureRecord, pkt: DecodedPacket, out: PacketColumns, row: number): void {
    this.setBases(c, dir, pkt);
    this.completenessBefore = c.completeness;
    if (c.firstBits < 0) { c.firstBits = 0; c.firstSeenFrame = rec.frame; }
    analyzeSegment(c, dir, this.seg, this.pool, this.lastContext, this.sackRules);
    const counted = this.account(c, dir, rec, pkt, 0);
    clearTcpColumns(out, row);
    if (counted) out.rowBits[row] |= ROW_BITS.CONVERSATION_COUNTED;
    out.stream[row] = c.stream; out.dir[row] = dir; out.flow[row] = c.flow;
    out.seqRel[row] = (pkt.seq - c.d[dir].baseSeq) >>> 0; out.ackRel[row] = pkt.ack;
    out.completeness[row] = c.completeness;
    out.stateA[row] = c.d[0].state; out.stateB[row] = c.d[1].state;
    // Its length still counts toward the sender's bytes since the last PSH, which the window replays from the rows.
    if (this.lastContext.bifTracked) out.rowBits[row] |= ROW_BITS.BIF_TRACKED;
    this.lastConversation = null;
  }

  private newConversation(dv: DataView, pkt: DecodedPacket): TcpConversation {
    const id = this.addFlow(dv, pkt, IPPROTO_TCP);
    this.newFlows.push(id);
    return this.streamFor(id);
  }

  /**
   * A new tcp.stream on flow `id`. Also for a TCP flow that has none yet: one first seen in a packet that was not a
   * segment (IP said TCP but the header was cut short or broken), which gets a flow and no stream, as in tshark.
   */
  private streamFor(id: number): TcpConversation {
    const c = this.cursor.moveTo(addConversation(this.conversationStore, this.directions));
    c.flow = id;
    this.flows.tag[id] = c.stream;
    return c;
  }

  /** packet-tcp.c: base seq per direction (bug 1542: first non-SYN shows 1), peer base from the first ACK. */
  private setBases(c: TcpConversation, dir: 0 | 1, pkt: DecodedPacket): void {
    const fwd = c.d[dir], rev = c.d[dir ^ 1], flags = pkt.tcpFlags;
    if (!fwd.baseSet) {
      fwd.baseSeq = flags & TCP_SYN ? pkt.seq : seqAdd(pkt.seq, -1);
      fwd.baseSet = true;
    }
    if (flags & TCP_SYN) { if (flags & TCP_ACK) fwd.sawSynAck = true; else fwd.sawSyn = true; }
    if (!rev.baseSet && (flags & TCP_ACK)) { rev.baseSeq = seqAdd(pkt.ack, -1); rev.baseSet = true; }
  }

  /** Options of a SYN / SYN-ACK, and verify_tcp_window_scaling(). */
  private synOptions(c: TcpConversation, dir: 0 | 1, pkt: DecodedPacket): void {
    const fwd = c.d[dir];
    if (pkt.windowScale >= 0) fwd.winScale = Math.min(pkt.windowScale, 14);
    if (pkt.mss >= 0) fwd.mss = pkt.mss;
    fwd.sackPermitted ||= pkt.sackPermitted;
    fwd.timestamps ||= pkt.hasTimestamp;
    if (pkt.tcpFlags & 0xc0) fwd.ecnSetup = true;
    if (pkt.payloadLen > 0) fwd.tfo = true;
    fwd.isFirstAck = true;
    if ((pkt.tcpFlags & TCP_ACK) === 0 && c.clientDir < 0) c.clientDir = dir;
    // packet-tcp.c dissects the options first and verifies the scaling after them: when the dissection stopped in the
    // header (a cut where a dissector reads, or a too-short option), the check never runs, so a shift announced
    // before the stop stays and a missing one stays unknown.
    if (!tcpDissectionStopped(pkt.problem)) verifyWindowScaling(c, dir, pkt.tcpFlags);
  }

  /** Counts the packet in its conversation's summary; whether tshark's conv,tcp tap would count it. */
  private account(c: TcpConversation, dir: 0 | 1, rec: CaptureRecord, pkt: DecodedPacket, a: number): boolean {
    const d = c.d[dir];
    // tshark's conv,tcp tap does not see a segment whose dissection stopped on a malformed (cut) header; a bad option
    // length is only an expert note to it, also where it ends a short segment's option walk.
    const counted = pkt.problem === 0 || pkt.problem === WireProblemCode.tcpOptionLength || pkt.shortSegmentFinished;
    if (counted) {
      d.packets++; d.bytes += rec.origLen; d.payload += pkt.payloadLen;
      if (c.firstFrame === 0) { c.firstDir = dir; c.firstFrame = rec.frame; c.firstSec = rec.tsSec; c.firstNsec = rec.tsNsec; }
      c.lastFrame = rec.frame; c.lastSec = rec.tsSec; c.lastNsec = rec.tsNsec;
    } else d.malformed++;
    if (pkt.tcpFlags & TCP_RST && c.rstDir < 0) { c.rstDir = dir; c.rstFrame = rec.frame; }
    if (a) countExpert(c, a);
    this.changedSummary(c);
    return counted;
  }

  /** Marks the conversation's summary as changed (sent with the next update). */
  private changedSummary(c: TcpConversation): void {
    if (!c.dirty) { c.dirty = true; this.changed.push(c.stream); }
  }

  /** Flow ids first seen since the last call (build FlowInfo with flow-info.ts). */
  takeNewFlowIds(): number[] { const f = this.newFlows; this.newFlows = []; return f; }
  /** Streams whose summary changed since the last call. */
  takeChangedStreams(): number[] {
    const s = this.changed; this.changed = [];
    for (const i of s) this.conversationStore.clearDirty(i);
    return s;
  }
  /** Number of TCP streams so far (tcp.stream values 0 … n − 1). */
  get conversationCount(): number { return this.conversationStore.count; }
  /** A new view of stream `stream` (for callers outside the hot path; it stays on that stream). */
  conversation(stream: number): TcpConversation {
    if (!(stream >= 0 && stream < this.conversationStore.count)) throw new RangeError(`no tcp.stream ${stream}`);
    return new TcpConversation(this.conversationStore, this.directions, stream);
  }
  /** Capture time of the file's first IP packet. */
  get origin(): { sec: number; nsec: number } { return { sec: this.originSec, nsec: this.originNsec }; }
}

/** The analysis columns of an analysed segment's row (its expert flags, references, ACK RTT, bytes in flight). */
function writeAnalysis(out: PacketColumns, row: number, cx: AnalysisContext): void {
  out.analysis[row] = cx.flags;
  out.dupAckNum[row] = cx.dupAckNum;
  out.relatedFrame[row] = cx.flags & TCP_A.DUPLICATE_ACK ? cx.dupAckFrame : cx.originalFrame;
  out.rtoFrame[row] = cx.rtoFrame;
  out.ackedFrame[row] = cx.ackedFrame;
  // packet-tcp.c shows an ACK RTT whenever the ACK matched a segment and the difference is not zero: negative
  // too, when the capture's clock ran backwards. NaN: none.
  out.ackRttNs[row] = cx.ackedFrame !== 0 && cx.ackRtt !== 0 ? cx.ackRtt : NaN;
  out.bytesInFlight[row] = cx.bytesInFlight;
  if (hasAnalysisRecord(cx)) out.rowBits[row] |= ROW_BITS.ANALYSIS_RECORD;
  if (cx.bifTracked) out.rowBits[row] |= ROW_BITS.BIF_TRACKED;
}

/**
 * Whether packet-tcp.c keeps an analysis record for the segment just analysed (ROW_BITS.ANALYSIS_RECORD), besides one
 * with an expert flag: its ACK matched a segment (whatever the RTT, zero included) or lies beyond the peer's
 * contiguous mark, it is a pure SYN on its side's known ISN, or it carries data whose bytes in flight are tracked
 * (bytes-in-flight.ts: not after a lost segment until the peer ACKs again).
 */
function hasAnalysisRecord(cx: AnalysisContext): boolean {
  return cx.flags !== 0 || cx.ackedFrame !== 0 || cx.beyondPeerMark || cx.synOnBase || cx.bifTracked;
}

/** The per-packet TCP columns at their "not a tracked segment" values. */
function clearTcpColumns(out: PacketColumns, row: number): void {
  out.stream[row] = -1; out.dir[row] = 0; out.flow[row] = -1;
  out.seqRel[row] = 0; out.ackRel[row] = 0; out.windowScaled[row] = -1; out.analysis[row] = 0;
  out.dupAckNum[row] = 0; out.relatedFrame[row] = 0; out.rtoFrame[row] = 0; out.ackedFrame[row] = 0; out.ackRttNs[row] = NaN; out.bytesInFlight[row] = 0; out.completeness[row] = 0;
  out.phase[row] = 0; out.step[row] = 0; out.stateA[row] = 0; out.stateB[row] = 0; out.note[row] = 0;
}

/**
 * A TCP header tshark knows no segment length for, so runs no SEQ/ACK analysis on: quoted in an ICMP error, held by a
 * first IP fragment that is not reassembled, or longer than the IP payload ("Short segment", th_have_seglen false). It shows
 * raw seq and ack and no tcp.len; its flags still fill the completeness and the iRTT (the tracker's
 * segmentWithoutLength). The decoder records a header longer than the IP payload before a capture cut of it.
 */
export function withoutSegmentLength(pkt: DecodedPacket): boolean {
  return pkt.inIcmpError || pkt.isFirstFragment || pkt.problem === WireProblemCode.tcpHeaderBeyondIp;
}

/**
 * packet-tcp.c verify_tcp_window_scaling, after a SYN's options: a SYN or SYN-ACK without the option means no scaling
 * either way; a SYN-ACK with it after a SYN without it, none for the SYN-ACK's sender either.
 */
function verifyWindowScaling(c: TcpConversation, dir: 0 | 1, flags: number): void {
  const fwd = c.d[dir], rev = c.d[dir ^ 1];
  if ((flags & TCP_ACK) === 0 || fwd.winScale === WSCALE_UNKNOWN) {
    if (fwd.winScale === WSCALE_UNKNOWN) { fwd.winScale = WSCALE_NONE; rev.winScale = WSCALE_NONE; }
  } else if (rev.winScale === WSCALE_NONE) fwd.winScale = WSCALE_NONE;
}

/** tcp.completeness bits one packet contributes (packet-tcp.c conversation_completeness_fill). */
export function completenessBits(flags: number, len: number, isNew: boolean): number {
  // packet-tcp.c (4.0): a new conversation's first packet counts only if it is a pure SYN (with data: TCP Fast
  // Open); a stream caught mid-connection gets nothing from its first packet.
  if (isNew) return (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN ? COMPLETENESS.SYN | (len > 0 ? COMPLETENESS.DATA : 0) : 0;
  let b = 0;
  if ((flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) b |= COMPLETENESS.SYNACK;
  if ((flags & (TCP_SYN | TCP_ACK)) === TCP_ACK) b |= len > 0 ? COMPLETENESS.DATA : COMPLETENESS.ACK;
  if ((flags & (TCP_FIN | TCP_ACK)) === (TCP_FIN | TCP_ACK)) b |= COMPLETENESS.FIN;
  if (flags & TCP_RST) b |= COMPLETENESS.RST;
  return b;
}

/** tcp.window_size: raw << shift, never for a SYN; raw when the shift is unknown or unused. */
export function scaledWindow(flags: number, win: number, winScale: number): number {
  return (flags & TCP_SYN) || winScale < 0 ? win : win * (1 << winScale);   // shift ≤ 14: no int32 overflow
}

function countExpert(c: TcpConversation, a: number): void {
  if (a & TCP_A_ANY_RETRANSMISSION) c.retrans++;
  if (a & TCP_A.FAST_RETRANSMISSION) c.fastRetrans++;
  if (a & TCP_A.SPURIOUS_RETRANSMISSION) c.spurious++;
  if (a & TCP_A.OUT_OF_ORDER) c.outOfOrder++;
  if (a & TCP_A.LOST_PACKET) c.lost++;
  if (a & TCP_A.ACK_LOST_PACKET) c.ackedUnseen++;
  if (a & TCP_A.DUPLICATE_ACK) c.dupAcks++;
  if (a & TCP_A.ZERO_WINDOW) c.zeroWindows++;
  if (a & TCP_A.WINDOW_FULL) c.windowFull++;
  if (a & TCP_A.KEEP_ALIVE) c.keepAlives++;
  if (a & TCP_A.REUSED_PORTS) c.reusedPorts++;
}
