/**
 * Follow TCP Stream: the payload of one tcp.stream put back in order, as Wireshark 4.0 does it
 * (packet-tcp.c follow_tcp_tap_listener and check_follow_fragments), so `synack-capture read -z follow,tcp,…` and
 * the app's Follow pane show what `tshark -z follow,tcp,…` and Wireshark's dialog show:
 * - the first segment's sender is the client (node 0), whatever its flags;
 * - per side, the next expected (relative) sequence number; a segment at it is appended, one that starts before it
 *   contributes only its new bytes (a retransmission with more data), one that starts after it waits in a list of
 *   fragments until the gap closes;
 * - a peer's ACK beyond the lowest waiting fragment means the receiver got bytes the capture lacks: a record
 *   "[N bytes missing in capture file]" (with its C string's NUL, as Wireshark stores it) fills the gap;
 * - a segment's captured payload is what is appended (a snaplen cut shortens it), its TCP length is what moves the
 *   sequence number on; a SYN's sequence number counts one more.
 * Sequence and ack numbers are the one-pass relative values tshark's tap sees (tcp.seq, tcp.ack; the ack raw when
 * the ACK flag is off). Records keep their payload's bytes: the caller bounds how many it feeds (FollowLimit).
 */
import { TCP_SYN } from '../wire/tcp-flag-bits';
import type { DecodedPacket } from '../wire/decoded-packet';
import { tcpDissectionStopped } from '../wire/wire-problem';
import { seqGt, seqLt } from './seq';
import { withoutSegmentLength } from './tcp-tracker';


/** One segment as the follow tap sees it. */
export interface FollowSegment {
  frame: number;
  /** Capture time (seconds since the epoch, nanoseconds). */
  tsSec: number;
  tsNsec: number;
  /** Which endpoint of the conversation sent it (0/1, the flow's A/B). */
  dir: 0 | 1;
  /** tcp.seq and tcp.ack as one-pass tshark shows them (relative; the ack raw without the ACK flag). */
  seq: number;
  ack: number;
  flags: number;
  /** tcp.len: the segment's payload length by the IP header. */
  len: number;
}

/** A piece of the followed stream, in the order Wireshark lists them. */
export interface FollowRecord {
  /** Sent by the server (node 1): the side that did not send the stream's first segment. */
  server: boolean;
  /** The frame whose payload it is (for a "missing" record, the frame whose ACK revealed the gap). */
  frame: number;
  /** The frame's capture time; 0/0 for a "missing" record (Wireshark leaves it zero). */
  tsSec: number;
  tsNsec: number;
  data: Uint8Array;
  /** Marks Wireshark's "[N bytes missing in capture file]" placeholder (its data is that text and a NUL). */
  missing: boolean;
}

/** A fragment waiting for the bytes before it. */
interface Fragment { seq: number; record: FollowRecord }

export class TcpFollow {
  readonly records: FollowRecord[] = [];
  /** Which dir sent the first segment (node 0, the client); -1 before any. */
  clientDir: -1 | 0 | 1 = -1;
  /** Payload bytes (not counting "missing" records) in `records`. */
  bytes = [0, 0];
  /** Payload bytes held in fragments that wait for a gap to close (a caller's memory bound counts them too). */
  pendingBytes = 0;
  private readonly nextSeq = [0, 0];
  private readonly written = [0, 0];
  private readonly fragments: [Fragment[], Fragment[]] = [[], []];

  /** Feeds one segment with its captured payload (possibly shorter than `s.len`, or empty). */
  add(s: FollowSegment, payload: Uint8Array): void {
    if (this.clientDir < 0) this.clientDir = s.dir;
    const side: 0 | 1 = s.dir === this.clientDir ? 0 : 1;
    let sequence = s.flags & TCP_SYN ? (s.seq + 1) >>> 0 : s.seq;
    let length = s.len;
    let data = payload;
    // Does this packet ACK fragments of the other side that the capture missed? (Wireshark bug 592)
    const peer: 0 | 1 = side === 0 ? 1 : 0;
    if (this.fragments[peer].length > 0) while (this.applyFragment(peer, s.ack, s.frame, true));
    if (this.written[side] === 0 && this.nextSeq[side] === 0) this.nextSeq[side] = sequence;
    const expected = this.nextSeq[side];
    if (seqLt(sequence, expected)) {
      const end = (sequence + length) >>> 0;
      if (seqGt(end, expected)) {          // a retransmission with more data: only the bytes not seen yet
        const offset = (expected - sequence) >>> 0;
        data = data.length <= offset ? data.subarray(0, 0) : data.subarray(offset);
        sequence = expected;
        length = (end - expected) >>> 0;
      }
    }
    if (data.length === 0 || seqLt(sequence, this.nextSeq[side])) return;
    const record: FollowRecord = { server: side === 1, frame: s.frame, tsSec: s.tsSec, tsNsec: s.tsNsec, data: data.slice(), missing: false };
    if (sequence === this.nextSeq[side]) {
      this.nextSeq[side] = (this.nextSeq[side] + length) >>> 0;
      this.written[side] += record.data.length;
      this.push(record);
      while (this.applyFragment(side, 0, s.frame, false));
    } else {
      this.fragments[side].push({ seq: sequence, record });   // out of order: earlier bytes are still to come
      this.pendingBytes += record.data.length;
    }
  }

  /**
   * check_follow_fragments: appends the first waiting fragment that now fits (or whose new part does), else, with
   * `useAck`, fills the gap below the lowest fragment when `acked` is past it. True when something was appended.
   */
  private applyFragment(side: 0 | 1, acked: number, frame: number, useAck: boolean): boolean {
    const list = this.fragments[side];
    if (list.length === 0) return false;
    let lowest = list[0].seq;
    for (let k = 0; k < list.length; k++) {
      const f = list[k];
      if (seqGt(lowest, f.seq)) lowest = f.seq;
      const expected = this.nextSeq[side];
      if (seqLt(f.seq, expected)) {
        const end = (f.seq + f.record.data.length) >>> 0;
        if (seqGt(end, expected)) {
          const newPos = (expected - f.seq) >>> 0;
          if (f.record.data.length > newPos) this.push({ ...f.record, data: f.record.data.slice(newPos) });
          this.nextSeq[side] = (expected + f.record.data.length - newPos) >>> 0;
        }
        this.drop(list, k);
        return true;
      }
      if (f.seq === expected) {
        if (f.record.data.length > 0) this.push(f.record);
        this.nextSeq[side] = (expected + f.record.data.length) >>> 0;
        this.drop(list, k);
        return true;
      }
    }
    if (useAck && seqGt(acked, lowest)) {
      const gap = (lowest - this.nextSeq[side]) | 0;   // printed as a signed int, as Wireshark's %d
      const text = `[${gap} bytes missing in capture file]`;
      const data = new Uint8Array(text.length + 1);
      for (let i = 0; i < text.length; i++) data[i] = text.charCodeAt(i);
      this.records.push({ server: side === 1, frame, tsSec: 0, tsNsec: 0, data, missing: true });
      this.nextSeq[side] = lowest;
      return true;
    }
    return false;
  }

  private drop(list: Fragment[], k: number): void {
    this.pendingBytes -= list[k].record.data.length;
    list.splice(k, 1);
  }

  private push(r: FollowRecord): void {
    this.records.push(r);
    this.bytes[r.server ? 1 : 0] += r.data.length;
  }
}

/**
 * Whether packet-tcp.c queues a packet for the follow tap: a whole segment (it has a length: not quoted in an ICMP
 * error, not an unreassembled first fragment, a header within the IP payload) whose header was dissected to its end
 * (not bogus, not cut where a dissector reads). The caller checks it is a segment of the followed stream.
 */
export function reachesFollowTap(pkt: DecodedPacket): boolean {
  return pkt.tcp && !withoutSegmentLength(pkt) && !pkt.tcpBogusHeader && !tcpDissectionStopped(pkt.problem);
}
