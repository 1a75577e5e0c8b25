/**
 * IPv4 and IPv6 fragment reassembly as tshark does it by default (packet-ip.c / packet-ipv6.c with reassemble.c):
 * fragments of one datagram (same addresses, identification and, for IPv4, protocol) are collected until every
 * byte from 0 to the end the last fragment (more-fragments clear) names is there; the frame that completes it shows
 * the datagram, the other fragments show none of it. Bounded: at most MAX_DATAGRAMS wait (the least recently
 * touched is dropped), none longer than MAX_LENGTH bytes.
 */
const MAX_DATAGRAMS = 256;
/** IPv4: fragment offset up to 65528 plus a fragment's payload; IPv6 (no jumbograms) the same order. */
const MAX_LENGTH = 0x20000;

interface Datagram {
  bytes: Uint8Array;
  /** Covered byte ranges [start, end), sorted, merged. */
  covered: number[];
  /** End of the datagram once the last fragment was seen, else -1. */
  total: number;
  touched: number;
}

export class IpReassembly {
  private readonly waiting = new Map<string, Datagram>();
  private clock = 0;
  /** The datagram the last `add` completed (its first `length` bytes), valid until the next call. */
  datagram: Uint8Array = new Uint8Array(0);
  length = 0;

  /**
   * Adds a fragment's payload ([from, to) of `dv`) at byte `offset` of the datagram `key`. Returns true when this
   * fragment completes it (then `datagram`/`length` hold it).
   */
  add(key: string, dv: DataView, from: number, to: number, offset: number, more: boolean): boolean {
    const end = offset + (to - from);
    if (end > MAX_LENGTH) return false;
    let d = this.waiting.get(key);
    if (!d) {
      if (this.waiting.size >= MAX_DATAGRAMS) this.dropOldest();
      d = { bytes: new Uint8Array(Math.max(end, 2048)), covered: [], total: -1, touched: 0 };
      this.waiting.set(key, d);
    }
    d.touched = ++this.clock;
    if (end > d.bytes.length) {
      const grown = new Uint8Array(Math.min(MAX_LENGTH, Math.max(end, d.bytes.length * 2)));
      grown.set(d.bytes);
      d.bytes = grown;
    }
    for (let k = 0; k < to - from; k++) d.bytes[offset + k] = dv.getUint8(from + k);
    cover(d.covered, offset, end);
    if (!more) d.total = end;
    if (d.total < 0 || d.covered.length !== 2 || d.covered[0] !== 0 || d.covered[1] < d.total) return false;
    this.waiting.delete(key);
    this.datagram = d.bytes;
    this.length = d.total;
    return true;
  }

  private dropOldest(): void {
    let oldest = '', at = Infinity;
    for (const [k, d] of this.waiting) if (d.touched < at) { at = d.touched; oldest = k; }
    this.waiting.delete(oldest);
  }
}

/** Adds [start, end) to sorted, merged ranges. */
function cover(ranges: number[], start: number, end: number): void {
  if (end <= start) return;
  const out: number[] = [];
  let s = start, e = end, placed = false;
  for (let k = 0; k < ranges.length; k += 2) {
    const a = ranges[k], b = ranges[k + 1];
    if (b < s) out.push(a, b);
    else if (a > e) { if (!placed) { out.push(s, e); placed = true; } out.push(a, b); }
    else { s = Math.min(s, a); e = Math.max(e, b); }
  }
  if (!placed) out.push(s, e);
  ranges.length = 0;
  ranges.push(...out);
}
