/**
 * The flow table (addresses and ports, sent once per flow) as typed columns instead of one FlowInfo object
 * per flow: a FlowInfo with its two address strings and two Uint8Arrays costs the renderer ~330 bytes, and a
 * capture has one flow per ~20 packets, so objects alone took 16 of the 80 bytes a packet may cost. Here a
 * flow is 14 bytes plus its address bytes (4 or 16 per end, in one slab). `at(id)` builds a FlowInfo on
 * demand — for the rows on screen, or once per flow when a display filter runs — with the same address
 * text the worker writes (shared/format/tcpdump-address.ts).
 */
import type { FlowInfo } from '../../shared/ipc/flow';
import { ipv4String, ipv6String } from '../../shared/format/tcpdump-address';
import { grownCapacity, resized } from './typed-growth';

const RECENT_MAX = 256;

export class FlowColumns {
  /** 4 or 6; 0 for an id not (yet) sent. */
  private l3 = new Uint8Array(0);
  private proto = new Uint8Array(0);
  private portA = new Uint16Array(0);
  private portB = new Uint16Array(0);
  private stream = new Int32Array(0);
  /** Offset of endpoint A's address in `addr`; B's follows it. */
  private addrAt = new Uint32Array(0);
  private addr = new Uint8Array(0);
  private addrView = new DataView(this.addr.buffer);
  private addrUsed = 0;
  private size = 0;
  /** FlowInfo objects built lately: the rows on screen share a few flows and are rebuilt every scroll frame. */
  private recent = new Map<number, FlowInfo>();

  /** One past the highest flow id sent. */
  get length(): number {
    return this.size;
  }

  /** Bytes held by the columns (with growth room). */
  get byteLength(): number {
    return this.l3.length * 14 + this.addr.length;
  }

  /** Stores (or replaces) a flow. */
  set(f: FlowInfo): void {
    const id = f.id;
    if (id >= this.l3.length) this.growRows(grownCapacity(this.l3.length, id + 1));
    const bytes = f.addrBytesA.length + f.addrBytesB.length;
    if (this.addrUsed + bytes > this.addr.length) this.growAddr(grownCapacity(this.addr.length, this.addrUsed + bytes));
    this.l3[id] = f.l3; this.proto[id] = f.proto; this.portA[id] = f.portA; this.portB[id] = f.portB; this.stream[id] = f.stream;
    this.addrAt[id] = this.addrUsed;
    this.addr.set(f.addrBytesA, this.addrUsed);
    this.addr.set(f.addrBytesB, this.addrUsed + f.addrBytesA.length);
    this.addrUsed += bytes;
    this.size = Math.max(this.size, id + 1);
    this.recent.delete(id);
  }

  /** The flow with this id as FlowInfo (shared: do not change it), or undefined. */
  at(id: number): FlowInfo | undefined {
    if (!(id >= 0 && id < this.size) || this.l3[id] === 0) return undefined;
    let f = this.recent.get(id);
    if (f === undefined) {
      if (this.recent.size >= RECENT_MAX) this.recent.clear();
      this.recent.set(id, (f = this.build(id)));
    }
    return f;
  }

  /** Gives back growth room (a file finished loading). */
  trim(): void {
    if (this.l3.length > this.size) this.growRows(this.size);
    if (this.addr.length > this.addrUsed) this.growAddr(this.addrUsed);
  }

  clear(): void {
    this.recent.clear();
    this.size = 0;
    this.addrUsed = 0;
    this.growRows(0);
    this.growAddr(0);
  }

  private build(id: number): FlowInfo {
    const l3 = this.l3[id] as 4 | 6, len = l3 === 6 ? 16 : 4, a = this.addrAt[id], b = a + len;
    const text = l3 === 6 ? ipv6String : ipv4String;
    return {
      id, l3, proto: this.proto[id], addrA: text(this.addrView, a), addrB: text(this.addrView, b),
      addrBytesA: this.addr.slice(a, b), addrBytesB: this.addr.slice(b, b + len),
      portA: this.portA[id], portB: this.portB[id], stream: this.stream[id],
    };
  }

  private growRows(capacity: number): void {
    const used = this.size;
    this.l3 = resized(this.l3, capacity, used); this.proto = resized(this.proto, capacity, used);
    this.portA = resized(this.portA, capacity, used); this.portB = resized(this.portB, capacity, used);
    this.stream = resized(this.stream, capacity, used); this.addrAt = resized(this.addrAt, capacity, used);
  }

  private growAddr(capacity: number): void {
    this.addr = resized(this.addr, capacity, this.addrUsed);
    this.addrView = new DataView(this.addr.buffer);
  }
}
