/**
 * Flow lookup split across two threads. A decode thread keys each packet's address/port pair in a FlowTable of
 * its own (PairKeys: one id per pair, never shadowed) and sends the id with the packet; the tracker's thread
 * maps that id to its current flow (PairFlows) with one array read, instead of hashing two endpoints and
 * comparing addresses in its own, larger table. Both tables order endpoints the same way, so the pair's
 * direction is the flow's.
 *
 * The tracker's FlowTable stays the authority: a pair not yet mapped (first seen, or first seen before the
 * decode thread took over) is looked up there, and every flow the tracker adds for a pair — port reuse adds a
 * newer one — is recorded here, so a mapped pair always names the pair's newest flow.
 */
import type { DecodedPacket } from '../wire/decoded-packet';
import { FlowTable } from './flow-table';

const IPPROTO_TCP = 6;

/** The protocol the tracker keys a packet's flow under: TCP for any TCP header (quoted or in a fragment too). */
export function flowProtocol(pkt: DecodedPacket): number {
  return pkt.tcp ? IPPROTO_TCP : pkt.ipProto;
}

/** The decode thread's side: a pair id per IP packet. */
export class PairKeys {
  private readonly table = new FlowTable();
  /** Direction of the packet in the pair of the last `pairOf` (0: its sender is endpoint A). */
  dir: 0 | 1 = 0;

  /** The pair id of the packet's address/port pair, -1 when it has no IP layer. */
  pairOf(dv: DataView, pkt: DecodedPacket): number {
    this.dir = 0;
    if (pkt.l3 === 0) return -1;
    const proto = flowProtocol(pkt);
    let id = this.table.lookup(dv, pkt, proto);
    if (id < 0) id = this.table.add(dv, pkt, proto);
    this.dir = this.table.dir;
    return id;
  }
}

/** The tracker's side: pair id → its newest flow id in the tracker's FlowTable (-1 not known yet). */
export class PairFlows {
  private flows = new Int32Array(1024).fill(-1);

  flowOf(pair: number): number {
    return pair < this.flows.length ? this.flows[pair] : -1;
  }

  set(pair: number, flow: number): void {
    if (pair >= this.flows.length) {
      let n = this.flows.length * 2;
      while (n <= pair) n *= 2;
      const next = new Int32Array(n).fill(-1);
      next.set(this.flows);
      this.flows = next;
    }
    this.flows[pair] = flow;
  }
}
