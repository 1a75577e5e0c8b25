/**
 * IPv4 and IPv6 fragment reassembly as tshark does it by default (packet-ip.c / packet-ipv6.c with reassemble.c's
 * fragment_add_check): a datagram's fragments are kept in offset order, a repeated offset after the ones already
 * there; the first fragment without "more fragments" fixes the datagram's length (a later, different one does not
 * change it); the datagram is complete once the fragments cover every byte from 0 to that length without a gap
 * (fragments past a gap do not matter). The frame that completes it shows the datagram, built by walking the
 * fragments in that order and taking from each only the bytes no earlier one gave: where fragments overlap with
 * different bytes, the one first in that order wins, and what lies past the length is dropped. The other fragments
 * show none of it.
 *
 * Bounded where reassemble.c is not: at most MAX_DATAGRAMS wait (the least recently touched is dropped), holding at
 * most MAX_WAITING_BYTES between them (fragment bytes plus FRAGMENT_OVERHEAD each), and a datagram takes at most
 * MAX_FRAGMENTS fragments (later ones are left out, so a flood of tiny or repeated fragments cannot make each new
 * one cost more than that).
 */
const MAX_DATAGRAMS = 256;
const MAX_FRAGMENTS = 8192;
const MAX_WAITING_BYTES = 64 * 1024 * 1024;
/** What a kept fragment costs besides its bytes (its record), for the MAX_WAITING_BYTES account. */
const FRAGMENT_OVERHEAD = 64;

interface Fragment {
  offset: number;
  bytes: Uint8Array;
  /** The frame it came in (0 when the caller did not say). */
  frame: number;
}

/** A fragment of a completed datagram, for showing where its bytes came from. */
export interface FragmentOrigin {
  frame: number;
  offset: number;
  length: number;
}

interface Datagram {
  /** In offset order; among equal offsets, in the order they came (reassemble.c LINK_FRAG). */
  fragments: Fragment[];
  /** The datagram's length, from the first fragment without "more fragments"; -1 until one came. */
  length: number;
  /** Bytes this datagram holds in the MAX_WAITING_BYTES account. */
  cost: number;
  touched: number;
}

export class IpReassembly {
  private readonly waiting = new Map<string, Datagram>();
  private waitingBytes = 0;
  private clock = 0;
  /** The datagram the last `add` completed (its first `length` bytes), valid until the next call. */
  datagram: Uint8Array = new Uint8Array(0);
  length = 0;
  /** Its fragments in the order they were laid out (offset, then arrival). */
  fragments: FragmentOrigin[] = [];

  /**
   * Adds a fragment's payload ([from, to) of `dv`) at byte `offset` of the datagram `key`, from frame `frame`. Returns
   * true when this fragment completes it (then `datagram`/`length`/`fragments` hold it).
   */
  add(key: string, dv: DataView, from: number, to: number, offset: number, more: boolean, frame = 0): boolean {
    let d = this.waiting.get(key);
    if (!d) {
      if (this.waiting.size >= MAX_DATAGRAMS) this.drop(this.oldest());
      d = { fragments: [], length: -1, cost: 0, touched: 0 };
      this.waiting.set(key, d);
    }
    d.touched = ++this.clock;
    const cost = to - from + FRAGMENT_OVERHEAD;
    while (this.waitingBytes + cost > MAX_WAITING_BYTES && this.waiting.size > 1) this.drop(this.oldest(d));
    if (d.fragments.length >= MAX_FRAGMENTS || this.waitingBytes + cost > MAX_WAITING_BYTES) return false;
    insertInOrder(d.fragments, { offset, bytes: new Uint8Array(dv.buffer, dv.byteOffset + from, to - from).slice(), frame });
    d.cost += cost; this.waitingBytes += cost;
    if (!more && d.length < 0) d.length = offset + to - from;
    if (d.length < 0 || contiguousEnd(d.fragments) < d.length) return false;
    this.drop(key);
    this.datagram = assemble(d.fragments, d.length);
    this.length = d.length;
    this.fragments = d.fragments.map((f) => ({ frame: f.frame, offset: f.offset, length: f.bytes.length }));
    return true;
  }

  /** The least recently touched datagram's key, other than `keep`. */
  private oldest(keep?: Datagram): string {
    let oldest = '', at = Infinity;
    for (const [k, d] of this.waiting) if (d !== keep && d.touched < at) { at = d.touched; oldest = k; }
    return oldest;
  }

  private drop(key: string): void {
    const d = this.waiting.get(key);
    if (!d) return;
    this.waitingBytes -= d.cost;
    this.waiting.delete(key);
  }
}

/** Inserts after every fragment at an offset not above its own (LINK_FRAG's `<`). */
function insertInOrder(fragments: Fragment[], f: Fragment): void {
  let k = fragments.length;
  while (k > 0 && fragments[k - 1].offset > f.offset) k--;
  fragments.splice(k, 0, f);
}

/** How far the fragments cover the datagram from byte 0 without a gap (reassemble.c's `max`). */
function contiguousEnd(fragments: Fragment[]): number {
  let max = 0;
  for (const f of fragments) if (f.offset <= max && f.offset + f.bytes.length > max) max = f.offset + f.bytes.length;
  return max;
}

/** The datagram as reassemble.c builds it: each fragment adds only bytes past those before it, none past `length`. */
function assemble(fragments: Fragment[], length: number): Uint8Array {
  const data = new Uint8Array(length);
  let pos = 0;
  for (const f of fragments) {
    if (f.offset >= length) continue;
    const end = Math.min(f.offset + f.bytes.length, length);
    if (end > pos) { data.set(f.bytes.subarray(pos - f.offset, end - f.offset), pos); pos = end; }
  }
  return data;
}
