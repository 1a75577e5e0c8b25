/**
 * Unacknowledged segments of every conversation direction, in one pool of typed arrays (Wireshark's
 * `tcp_unacked` list, `segments` in tcp_analyze_seq_flow_info_t, without an allocation per segment).
 * Each direction owns a singly linked list, newest first, of at most MAX_UNACKED entries, Wireshark's
 * TCP_MAX_UNACKED_SEGMENTS: a segment sent when that many are outstanding is not remembered, so its ACK gets no
 * RTT. A smaller bound differed from tshark whenever more segments were in flight (a fast bulk transfer) or the
 * peer's ACKs were not captured. Memory stays bounded by the data segments read (25 bytes each at most).
 * Freed entries go to a free list.
 */
export const MAX_UNACKED = 10000;

export class SegmentPool {
  seq = new Uint32Array(0);
  nextseq = new Uint32Array(0);
  frame = new Uint32Array(0);
  /** Capture time of the segment: seconds (mod 2^32) and ns, so ACK RTTs are exact (nstime.ts). */
  tsSec = new Uint32Array(0);
  tsNsec = new Uint32Array(0);
  /** Karn's rule: the segment was sent more than once (RTT from its ACK is ambiguous). */
  karn = new Uint8Array(0);
  next = new Int32Array(0);
  /**
   * The span of an entry and every older one in its list (lowest seq, highest nextseq relative to the direction's
   * base), for the bytes in flight (bytes-in-flight.ts); `spanOk` 0 until worked out.
   */
  spanFirst = new Uint32Array(0);
  spanLast = new Uint32Array(0);
  spanOk = new Uint8Array(0);
  private free = -1;
  private used = 0;
  private cap = 0;
  /** Entries in use (for memory reports). */
  live = 0;

  constructor(initial = 4096) { this.grow(initial); }

  /** A fresh entry linked in front of `head`; returns its index. */
  push(head: number, seq: number, nextseq: number, frame: number, sec: number, nsec: number, karn: boolean): number {
    let i = this.free;
    if (i >= 0) this.free = this.next[i];
    else {
      if (this.used === this.cap) this.grow(this.cap * 2);
      i = this.used++;
    }
    this.seq[i] = seq; this.nextseq[i] = nextseq; this.frame[i] = frame;
    this.tsSec[i] = sec; this.tsNsec[i] = nsec;
    this.karn[i] = karn ? 1 : 0; this.next[i] = head; this.spanOk[i] = 0;
    this.live++;
    return i;
  }

  /** Returns entry `i` to the free list; the caller unlinks it first. */
  release(i: number): void {
    this.next[i] = this.free;
    this.free = i;
    this.live--;
  }

  /** Bytes held by the pool's arrays. */
  get bytes(): number { return this.cap * (4 + 4 + 4 + 4 + 4 + 1 + 4 + 4 + 4 + 1); }

  private grow(cap: number): void {
    const n = Math.max(cap, 64);
    const g = <T extends Uint32Array | Float64Array | Uint8Array | Int32Array>(old: T, fresh: T): T => {
      fresh.set(old as never);
      return fresh;
    };
    this.seq = g(this.seq, new Uint32Array(n));
    this.nextseq = g(this.nextseq, new Uint32Array(n));
    this.frame = g(this.frame, new Uint32Array(n));
    this.tsSec = g(this.tsSec, new Uint32Array(n));
    this.tsNsec = g(this.tsNsec, new Uint32Array(n));
    this.karn = g(this.karn, new Uint8Array(n));
    this.next = g(this.next, new Int32Array(n));
    this.spanFirst = g(this.spanFirst, new Uint32Array(n));
    this.spanLast = g(this.spanLast, new Uint32Array(n));
    this.spanOk = g(this.spanOk, new Uint8Array(n));
    this.cap = n;
  }
}
