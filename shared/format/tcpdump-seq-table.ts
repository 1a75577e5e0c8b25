/**
 * tcpdump's relative sequence numbers (print-tcp.c, tcp_seq_hash4/tcp_seq_hash6), which differ from
 * Wireshark's: only ACK-bearing segments take part. The first ACK-bearing segment of a connection (or any
 * segment with SYN and ACK) records its own seq and ack−1 as the bases and prints its absolute numbers; later
 * segments print seq−base and ack−base. A SYN alone is printed absolute and records nothing.
 *
 * The key orders the two endpoints the way tcpdump does ("rev" when sport > dport, or the ports are equal
 * and the source address is larger byte-wise), so both directions share one entry. IPv4 and IPv6 have
 * separate tables, as in tcpdump.
 */

/** Result of `lookup`: the numbers to print and the bases SACK blocks are made relative to. */
export interface TcpdumpSeqResult {
  seq: number;
  ack: number;
  /** th->seq, th->ack and rev, which tcp_print uses for SACK edges. */
  baseSeq: number;
  baseAck: number;
  rev: boolean;
}

interface Entry { seq: number; ack: number }

export class TcpdumpSeqTable {
  private readonly v4 = new Map<string, Entry>();
  private readonly v6 = new Map<string, Entry>();
  private readonly result: TcpdumpSeqResult = { seq: 0, ack: 0, baseSeq: 0, baseAck: 0, rev: false };

  /** Forgets every connection (a new file). */
  clear(): void {
    this.v4.clear();
    this.v6.clear();
  }

  /**
   * The relative numbers for an ACK-bearing segment. Addresses are the `addrLen` bytes at `srcAt`/`dstAt`.
   * The returned object is reused by the next call.
   */
  lookup(view: DataView, srcAt: number, dstAt: number, addrLen: 4 | 16, sport: number, dport: number,
    seq: number, ack: number, syn: boolean): TcpdumpSeqResult {
    const rev = sport > dport || (sport === dport && compareBytes(view, srcAt, dstAt, addrLen) > 0);
    const key = rev
      ? `${addressKey(view, dstAt, addrLen)}${addressKey(view, srcAt, addrLen)}${dport * 65536 + sport}`
      : `${addressKey(view, srcAt, addrLen)}${addressKey(view, dstAt, addrLen)}${sport * 65536 + dport}`;
    const table = addrLen === 4 ? this.v4 : this.v6;
    let entry = table.get(key);
    const r = this.result;
    r.rev = rev;
    if (!entry || syn) {
      // "didn't find it or new conversation": record bases, print absolute numbers.
      entry = rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 };
      table.set(key, entry);
      r.seq = seq;
      r.ack = ack;
    } else if (rev) {
      r.seq = (seq - entry.ack) >>> 0;
      r.ack = (ack - entry.seq) >>> 0;
    } else {
      r.seq = (seq - entry.seq) >>> 0;
      r.ack = (ack - entry.ack) >>> 0;
    }
    r.baseSeq = entry.seq;
    r.baseAck = entry.ack;
    return r;
  }
}

/** memcmp of two addresses: negative, 0 or positive. */
function compareBytes(view: DataView, a: number, b: number, len: number): number {
  for (let i = 0; i < len; i++) {
    const d = view.getUint8(a + i) - view.getUint8(b + i);
    if (d !== 0) return d;
  }
  return 0;
}

/** The address as 32-bit words, each followed by a separator, for the map key. */
function addressKey(view: DataView, at: number, len: number): string {
  if (len === 4) return `${view.getUint32(at)}|`;
  return `${view.getUint32(at)}|${view.getUint32(at + 4)}|${view.getUint32(at + 8)}|${view.getUint32(at + 12)}|`;
}
