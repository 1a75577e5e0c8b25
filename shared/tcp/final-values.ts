/**
 * The two-pass view (`tshark -2`): values that tshark's second pass reads from the conversation state the
 * first pass left behind. With -2, tcp.completeness is the stream's final value on every packet, and the
 * relative seq/ack and the scaled window use each direction's final base sequence number and window-scale
 * shift. tshark 4.0 also moves a direction's base when a SYN-ACK with a new ISN arrives (port reuse), and does
 * so again on its second pass: a direction's base starts at its final value and moves at each such SYN-ACK as
 * the second pass reaches it. `advance()` replays that; call it for every TCP packet in file order, before
 * reading its values.
 */
import { TCP_ACK, TCP_SYN } from '../wire/tcp-flag-bits';
import { ROW_BITS, type PacketColumns } from '../ipc/batch-layout';
import type { TcpConversation } from './conversation-state';
import type { TcpTracker } from './tcp-tracker';
import { TCP_A } from './analysis-flags';
import { scaledWindow } from './tcp-tracker';
import { accEcnAfterHandshake, usesAce } from './acc-ecn';
import { nstimeDelta, nstimeIsZero, type NsTime } from './nstime';

/** The columns the -2 view replaces, and the ones it reads them from. */
export type SecondPassColumns = Pick<PacketColumns, 'completeness' | 'seqRel' | 'ackRel' | 'windowScaled' | 'analysis' | 'rowBits'>;
type TrackedColumns = Pick<PacketColumns, 'stream' | 'dir' | 'tcpFlags' | 'seqRaw' | 'ackRaw' | 'window' | 'frame' | 'analysis' | 'rowBits'>;

export class FinalValues {
  /** One view moved to each asked-for stream (these run once per printed row). */
  private view: TcpConversation | null = null;
  /** Second-pass base of the directions (stream × 2 + side) a SYN-ACK moved; the rest keep their final base. */
  private readonly moved = new Map<number, number>();
  /** The frame of the SYN-ACK that last moved each such base (a second call on that row says moved). */
  private readonly movedBy = new Map<number, number>();
  /** Per stream whose first pass set no iRTT: the second pass's SYN time so far and the iRTT once it set one. */
  private readonly irtt = new Map<number, { syn: NsTime; rtt: NsTime | null; frame: number }>();
  /** The first pass's iRTT of the stream last asked for (reused: one read per row). */
  private readonly firstPassIrtt: NsTime = { sec: 0, nsec: 0 };
  /** Per stream, the second pass's AccECN bits after its last packet so far, that packet's frame and its answer. */
  private readonly accEcn = new Map<number, { bits: number; frame: number; ace: boolean }>();

  /** `tracker`: the first pass's, after the whole file (its conversations hold each stream's final state). */
  constructor(readonly tracker: TcpTracker) {}

  private at(stream: number): TcpConversation | null {
    if (!(stream >= 0 && stream < this.tracker.conversationCount)) return null;
    this.view ??= this.tracker.conversation(stream);
    return this.view.moveTo(stream);
  }

  /**
   * tcp.completeness as tshark 4.0's second pass shows it: the field is shown before a packet updates it, and
   * the second pass updates it again. So the stream's first packet shows the first pass's final value, and
   * every later one that value plus what the first packet adds when seen as part of a known conversation
   * (the first pass counted a first packet only if it was a pure SYN: completenessBits).
   */
  completeness(stream: number, frame: number): number {
    const c = this.at(stream);
    if (!c) return 0;
    return frame === c.firstSeenFrame ? c.completeness : c.completeness | Math.max(0, c.firstBits);
  }

  /**
   * Row `row` of `cols` as tshark's second pass shows it, written to row `at` of `out` (which may be `cols`):
   * completeness always; seq, ack and the scaled window unless the TCP header is quoted in an ICMP error or is a
   * first IP fragment (those keep their raw numbers). Advances the second pass to the row first.
   */
  secondPassRow(cols: TrackedColumns, row: number, quoted: boolean, out: SecondPassColumns, at: number): void {
    const stream = cols.stream[row];
    if (stream < 0) return;
    const dir = cols.dir[row] as 0 | 1, flags = cols.tcpFlags[row];
    const moved = this.advance(stream, dir, flags, cols.seqRaw[row], cols.frame[row], quoted);
    out.analysis[at] = cols.analysis[row] | (moved ? TCP_A.REUSED_PORTS : 0);
    out.completeness[at] = this.completeness(stream, cols.frame[row]);
    const ace = this.usesAce(stream, flags, cols.frame[row]);
    out.rowBits[at] = (cols.rowBits[row] & ~ROW_BITS.ACE_COUNTER) | (ace ? ROW_BITS.ACE_COUNTER : 0);
    if (quoted) return;
    out.seqRel[at] = this.seqRel(stream, dir, cols.seqRaw[row]);
    out.ackRel[at] = this.ackRel(stream, dir, cols.ackRaw[row], flags);
    out.windowScaled[at] = this.windowScaled(stream, dir, flags, cols.window[row]);
  }

  /**
   * The second pass reaches a packet: a SYN-ACK whose sequence number is not its direction's base moves that
   * base (packet-tcp.c sets base_seq on every pass there) and is flagged as reusing the ports, in the second pass
   * too. Returns whether this row is so flagged: it moved the base, now or when first reached (so two readers of one
   * row may both call it). A header without a segment length (`noLength`) moves the base too, but shows no analysis.
   */
  advance(stream: number, dir: 0 | 1, flags: number, seqRaw: number, frame: number, noLength: boolean): boolean {
    if ((flags & (TCP_SYN | TCP_ACK)) !== (TCP_SYN | TCP_ACK)) return false;
    const c = this.at(stream);
    if (!c || !c.d[dir].baseSet) return false;
    const key = stream * 2 + dir;
    if (seqRaw !== this.base(c, dir)) { this.moved.set(key, seqRaw); this.movedBy.set(key, frame); return !noLength; }
    return !noLength && this.movedBy.get(key) === frame;
  }

  /**
   * Whether the second pass reads this packet's AE/CWR/ECE bits as the AccECN ACE counter: it starts from the first
   * pass's final bits (an AccECN option, once seen, counts from the stream's first packet) and reassigns the setup
   * bits at each SYN and SYN-ACK it reaches, as packet-tcp.c does on every pass. Idempotent per frame.
   */
  usesAce(stream: number, flags: number, frame: number): boolean {
    const c = this.at(stream);
    if (!c) return false;
    const s = this.accEcn.get(stream);
    if (s && s.frame === frame) return s.ace;
    const bits = s ? s.bits : c.accEcn;
    const next = { bits: accEcnAfterHandshake(bits, flags), frame, ace: usesAce(bits, flags) };
    this.accEcn.set(stream, next);
    return next.ace;
  }

  /**
   * The iRTT tshark's second pass shows at this packet (null: none). packet-tcp.c keeps the SYN time and sets the
   * iRTT at the first pure ACK on every pass: a stream whose first pass set none (its SYN came after its ACKs)
   * gets one in the second pass, from the first pure ACK on, measured against the last SYN (negative, then). Call for
   * every TCP row in order; `synOrAck`: the row's header reached that part of the dissection (not a bogus length).
   */
  initialRtt(stream: number, flags: number, sec: number, nsec: number, frame: number, synOrAck: boolean): NsTime | null {
    const c = this.at(stream);
    if (!c) return null;
    if (c.hasIrtt) { this.firstPassIrtt.sec = c.irttSec; this.firstPassIrtt.nsec = c.irttNsec; return this.firstPassIrtt; }
    if (nstimeIsZero(c.mruSynSec, c.mruSynNsec)) return null;
    let s = this.irtt.get(stream);
    if (!s) { s = { syn: { sec: c.mruSynSec, nsec: c.mruSynNsec }, rtt: null, frame: -1 }; this.irtt.set(stream, s); }
    if (s.frame === frame || !synOrAck) return s.rtt;
    s.frame = frame;
    if ((flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) { s.syn = { sec, nsec }; return s.rtt; }
    if ((flags & (TCP_SYN | TCP_ACK)) === TCP_ACK && s.rtt === null) {
      const d = nstimeDelta({ sec: 0, nsec: 0 }, sec, nsec, s.syn.sec, s.syn.nsec);
      if (!nstimeIsZero(d.sec, d.nsec)) s.rtt = d;      // zero is packet-tcp.c's "not set": the next pure ACK tries again
    }
    return s.rtt;
  }

  seqRel(stream: number, dir: 0 | 1, seqRaw: number): number {
    const c = this.at(stream);
    return c ? (seqRaw - this.base(c, dir)) >>> 0 : seqRaw;
  }

  ackRel(stream: number, dir: 0 | 1, ackRaw: number, flags: number): number {
    const c = this.at(stream);
    if (!c || !(flags & TCP_ACK)) return ackRaw;
    return (ackRaw - this.base(c, (dir ^ 1) as 0 | 1)) >>> 0;
  }

  private base(c: TcpConversation, dir: 0 | 1): number {
    return (this.moved.size > 0 ? this.moved.get(c.stream * 2 + dir) : undefined) ?? c.d[dir].baseSeq;
  }

  windowScaled(stream: number, dir: 0 | 1, flags: number, raw: number): number {
    const c = this.at(stream);
    return c ? scaledWindow(flags, raw, c.d[dir].winScale) : raw;
  }
}
