/**
 * The two-pass view (`tshark -2`): values that tshark's second pass reads from the conversation state the
 * first pass left behind. With -2, tcp.completeness is the stream's final value on every packet, and the
 * relative seq/ack and the scaled window use each direction's final base sequence number and window-scale
 * shift (tshark 4.0 moves a direction's base when a SYN-ACK with a new ISN arrives, so earlier packets of
 * that direction show numbers relative to the new base).
 */
import type { TcpConversation } from './conversation-state';
import type { TcpTracker } from './tcp-tracker';
import { TH_ACK } from './analysis';
import { scaledWindow } from './tcp-tracker';

export class FinalValues {
  /** One view moved to each asked-for stream (these run once per printed row). */
  private view: TcpConversation | null = null;

  /** `tracker`: the first pass's, after the whole file (its conversations hold each stream's final state). */
  constructor(readonly tracker: TcpTracker) {}

  private at(stream: number): TcpConversation | null {
    if (!(stream >= 0 && stream < this.tracker.conversationCount)) return null;
    this.view ??= this.tracker.conversation(stream);
    return this.view.moveTo(stream);
  }

  /**
   * Final completeness of the stream. (tshark 4.0 -2 shows a few streams' first packet with a smaller value;
   * listed in test/fixtures/tcp-known-differences.json.)
   */
  completeness(stream: number, _frame: number): number {
    const c = this.at(stream);
    if (!c) return 0;
    // tshark 4.0 -2 prints only the SYN bit for a one-packet stream (corpus: bigtcp-ipv4, beep-oobr …).
    if (c.d[0].packets + c.d[1].packets + c.d[0].malformed + c.d[1].malformed === 1) return c.completeness & 1;
    return c.completeness;
  }

  seqRel(stream: number, dir: 0 | 1, seqRaw: number): number {
    const c = this.at(stream);
    return c ? (seqRaw - c.d[dir].baseSeq) >>> 0 : seqRaw;
  }

  ackRel(stream: number, dir: 0 | 1, ackRaw: number, flags: number): number {
    const c = this.at(stream);
    if (!c || !(flags & TH_ACK)) return ackRaw;
    return (ackRaw - c.d[dir ^ 1].baseSeq) >>> 0;
  }

  windowScaled(stream: number, dir: 0 | 1, flags: number, raw: number): number {
    const c = this.at(stream);
    return c ? scaledWindow(flags, raw, c.d[dir].winScale) : raw;
  }
}
