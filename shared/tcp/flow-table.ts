/**
 * FlowTable: address/port pairs (TCP, UDP, ICMP, any IP protocol) → flow id, looked up per packet without
 * building a key string (node_pcap builds one per packet; we do not).
 *
 * Endpoints are put in one canonical order when a flow is created: the lower address first (bytewise), then
 * the lower port (Wireshark compares addresses, then ports, to pick a fixed direction per conversation).
 * `dir` of the last lookup is 0 when the sender is endpoint A. The bucket key is a 30-bit hash that is the
 * same in both directions: the *sum* of the two endpoint hashes, never xor (gopacket's flow hash: xor
 * makes a=b pairs collide to 0). Buckets (an Int32Array, no Map) hold chains checked byte by byte.
 *
 * A TCP 4-tuple can hold several flows over time (port reuse starts a new tcp.stream): `shadow()` adds a new
 * flow for the same pair that later lookups find first. Memory: ~56 bytes per flow in typed arrays.
 */
import type { DecodedPacket } from '../wire/decoded-packet';

const ADDR_BYTES = 16;

/** What identifies a flow: a DecodedPacket, or another layer of one (shared/wire/outer-ip.ts). */
export type FlowKey = Pick<DecodedPacket, 'l3' | 'srcAddrOffset' | 'dstAddrOffset' | 'addrLen' | 'srcPort' | 'dstPort'>;

/**
 * Hash of one endpoint (address + port): FNV-1a over 32-bit words (addresses are 4 or 16 bytes), then
 * murmur3's finalizer so the low bits used for buckets depend on every input bit; 30 bits so the sum of two
 * stays a small integer.
 */
function endpointHash(dv: DataView, at: number, len: number, port: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < len; i += 4) h = Math.imul(h ^ dv.getUint32(at + i), 16777619);
  h = Math.imul(h ^ port, 16777619);
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x3fffffff;
}

export class FlowTable {
  /** Number of flows. */
  count = 0;
  /** Direction of the packet in the last `lookup`/`add`: 0 sender is A, 1 sender is B. */
  dir: 0 | 1 = 0;
  private cap = 0;
  private addrs = new Uint8Array(0);     // 2 × 16 bytes per flow: A then B
  private addrView = new DataView(this.addrs.buffer);
  private ports = new Uint16Array(0);    // portA, portB
  private l3s = new Uint8Array(0);
  private protos = new Uint8Array(0);
  private chainNext = new Int32Array(0);
  private hashes = new Int32Array(0);
  /** Chain head per bucket (-1 empty): open hashing into a power-of-two table, ≥ 2 buckets per flow. */
  private heads = new Int32Array(0);
  private mask = 0;
  /** Caller-owned value per flow (the TCP tracker keeps the tcp.stream index here), -1 initially. */
  tag = new Int32Array(0);

  constructor(initial = 1024) { this.grow(initial); }

  /** Flow id of the packet's address/port pair (and sets `dir`), or -1 when unknown. */
  lookup(dv: DataView, pkt: FlowKey, proto: number): number {
    const h = this.hashOf(dv, pkt);
    let id = this.heads[h & this.mask];
    while (id >= 0) {
      if (this.hashes[id] === h && this.l3s[id] === pkt.l3 && this.protos[id] === proto) {
        const d = this.matchDir(id, dv, pkt);
        if (d >= 0) { this.dir = d as 0 | 1; return id; }
      }
      id = this.chainNext[id];
    }
    return -1;
  }

  /** Adds a flow for the packet's pair (in front of any older flow of the same pair); sets `dir`. */
  add(dv: DataView, pkt: FlowKey, proto: number): number {
    if (this.count === this.cap) this.grow(this.cap * 2);
    const id = this.count++;
    const h = this.hashOf(dv, pkt);
    const srcFirst = this.compareEndpoints(dv, pkt) <= 0;
    const len = pkt.addrLen;
    const base = id * 2 * ADDR_BYTES;
    const aAt = srcFirst ? pkt.srcAddrOffset : pkt.dstAddrOffset;
    const bAt = srcFirst ? pkt.dstAddrOffset : pkt.srcAddrOffset;
    for (let i = 0; i < len; i++) {
      this.addrs[base + i] = dv.getUint8(aAt + i);
      this.addrs[base + ADDR_BYTES + i] = dv.getUint8(bAt + i);
    }
    this.ports[id * 2] = srcFirst ? pkt.srcPort : pkt.dstPort;
    this.ports[id * 2 + 1] = srcFirst ? pkt.dstPort : pkt.srcPort;
    this.l3s[id] = pkt.l3;
    this.protos[id] = proto;
    this.hashes[id] = h;
    this.tag[id] = -1;
    this.chainNext[id] = this.heads[h & this.mask];
    this.heads[h & this.mask] = id;
    this.dir = srcFirst ? 0 : 1;
    return id;
  }

  /** IP version (4 or 6), protocol and ports of a flow. */
  l3(id: number): 4 | 6 { return this.l3s[id] as 4 | 6; }
  proto(id: number): number { return this.protos[id]; }
  port(id: number, side: 0 | 1): number { return this.ports[id * 2 + side]; }
  /** The address bytes of every flow (valid until the table grows) and where endpoint `side` of `id` starts. */
  get addressData(): DataView { return this.addrView; }
  addressOffset(id: number, side: 0 | 1): number { return id * 2 * ADDR_BYTES + side * ADDR_BYTES; }
  /** Copy of endpoint `side`'s address bytes (4 or 16); allocates, for summaries only. */
  addressBytes(id: number, side: 0 | 1): Uint8Array {
    const at = id * 2 * ADDR_BYTES + side * ADDR_BYTES;
    return this.addrs.slice(at, at + (this.l3s[id] === 6 ? 16 : 4));
  }
  /** Approximate bytes held per flow. */
  static readonly BYTES_PER_FLOW = 2 * ADDR_BYTES + 4 + 2 + 4 + 4 + 4 + 8;

  private hashOf(dv: DataView, pkt: FlowKey): number {
    const a = endpointHash(dv, pkt.srcAddrOffset, pkt.addrLen, pkt.srcPort);
    const b = endpointHash(dv, pkt.dstAddrOffset, pkt.addrLen, pkt.dstPort);
    return (a + b) & 0x3fffffff;
  }

  /** 0 when the packet's source is A, 1 when it is B, -1 when the flow is another pair. */
  private matchDir(id: number, dv: DataView, pkt: FlowKey): number {
    const p0 = this.ports[id * 2], p1 = this.ports[id * 2 + 1];
    const base = id * 2 * ADDR_BYTES;
    if (pkt.srcPort === p0 && pkt.dstPort === p1
      && this.sameAddr(base, dv, pkt.srcAddrOffset, pkt.addrLen)
      && this.sameAddr(base + ADDR_BYTES, dv, pkt.dstAddrOffset, pkt.addrLen)) return 0;
    if (pkt.srcPort === p1 && pkt.dstPort === p0
      && this.sameAddr(base + ADDR_BYTES, dv, pkt.srcAddrOffset, pkt.addrLen)
      && this.sameAddr(base, dv, pkt.dstAddrOffset, pkt.addrLen)) return 1;
    return -1;
  }

  private sameAddr(at: number, dv: DataView, pktAt: number, len: number): boolean {
    for (let i = 0; i < len; i += 4) if (this.addrView.getUint32(at + i) !== dv.getUint32(pktAt + i)) return false;
    return true;
  }

  /** Sign of (src endpoint − dst endpoint): address bytes first, then port. */
  private compareEndpoints(dv: DataView, pkt: FlowKey): number {
    for (let i = 0; i < pkt.addrLen; i++) {
      const d = dv.getUint8(pkt.srcAddrOffset + i) - dv.getUint8(pkt.dstAddrOffset + i);
      if (d !== 0) return d;
    }
    return pkt.srcPort - pkt.dstPort;
  }

  private grow(cap: number): void {
    const n = Math.max(cap, 16);
    const copy = <T extends Uint8Array | Uint16Array | Int32Array>(old: T, make: (len: number) => T, per: number): T => {
      const next = make(n * per);
      next.set(old as never);
      return next;
    };
    this.addrs = copy(this.addrs, (l) => new Uint8Array(l), 2 * ADDR_BYTES);
    this.addrView = new DataView(this.addrs.buffer);
    this.ports = copy(this.ports, (l) => new Uint16Array(l), 2);
    this.l3s = copy(this.l3s, (l) => new Uint8Array(l), 1);
    this.protos = copy(this.protos, (l) => new Uint8Array(l), 1);
    this.chainNext = copy(this.chainNext, (l) => new Int32Array(l), 1);
    this.hashes = copy(this.hashes, (l) => new Int32Array(l), 1);
    this.tag = copy(this.tag, (l) => new Int32Array(l), 1);
    this.cap = n;
    this.rehash(n * 2);
  }

  /** Rebuilds the bucket table with `buckets` (a power of two) entries; older flows end up behind newer ones. */
  private rehash(buckets: number): void {
    let size = 16;
    while (size < buckets) size *= 2;
    this.heads = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let id = 0; id < this.count; id++) {
      const b = this.hashes[id] & this.mask;
      this.chainNext[id] = this.heads[b];
      this.heads[b] = id;
    }
  }
}
