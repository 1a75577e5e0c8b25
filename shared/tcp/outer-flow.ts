/**
 * The row facts of a frame's other layers, which tshark's fields see and the row's flow does not: the flow
 * of the outer IP layer when there are two (a tunnel's outer IP/UDP header, an ICMP error's own IP header
 * around the quoted datagram), and which protocols the frame holds at any layer. Rows with one IP layer cost
 * one comparison. An outer flow is an ordinary flow-table entry (stream -1): it reaches the renderer with the
 * other flows, and the display filter matches `ip.src`, `ipv6.addr`, `udp.port` … on either flow, as tshark
 * matches any occurrence of a field.
 */
import { ROW_BITS } from '../ipc/batch-layout';
import { LAYER_SEEN, type DecodedPacket } from '../wire/decoded-packet';
import { OuterIpReader } from '../wire/outer-ip';
import type { FlowTable } from './flow-table';

export class OuterFlows {
  private readonly reader = new OuterIpReader();
  /** Direction of the packet in the flow of the last `flowOf` (0: its sender is endpoint A). */
  private dir: 0 | 1 = 0;

  /** Flow id of the packet's outer IP layer, or -1 when it has one IP layer. New flows' ids go to `added`. */
  flowOf(flows: FlowTable, dv: DataView, pkt: DecodedPacket, added: number[]): number {
    this.dir = 0;
    if (!this.reader.read(dv, pkt)) return -1;
    const key = this.reader;
    let id = flows.lookup(dv, key, key.proto);
    if (id < 0) { id = flows.add(dv, key, key.proto); added.push(id); }
    this.dir = flows.dir;
    return id;
  }

  /** ROW_BITS for the packet's layers: protocols seen at any depth, and the direction of the last `flowOf`. */
  rowBits(pkt: DecodedPacket): number {
    const seen = pkt.layersSeen;
    return (seen & LAYER_SEEN.IPV4 ? ROW_BITS.IPV4_SEEN : 0) | (seen & LAYER_SEEN.IPV6 ? ROW_BITS.IPV6_SEEN : 0)
      | (seen & LAYER_SEEN.UDP ? ROW_BITS.UDP_SEEN : 0) | (seen & LAYER_SEEN.INNER_AH ? ROW_BITS.IPV4_AH : 0) | (this.dir ? ROW_BITS.OUTER_DIR : 0);
  }
}
