/**
 * One-line text for a decoded packet that is not TCP (or not decodable), so every row of the packet list
 * has readable Info: UDP, ICMP/ICMPv6 and ARP worded like tcpdump, then IP protocol, fragment or problem.
 * Runs lazily for visible rows only; it allocates the returned string.
 */
import type { DecodedPacket } from './decoded-packet';
import { ipProtocolName } from './ipv4';
import { IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_UDP } from './packet-decoder';
import { ArpView, IcmpView, UdpView } from './udp-icmp';
import { wireProblemName } from './wire-problem';

const udpView = new UdpView(), icmpView = new IcmpView(), arpView = new ArpView();

/** Info text for `pkt` decoded from `dv`; for TCP it names only the problem (the formatter words TCP). */
export function packetSummary(dv: DataView, pkt: DecodedPacket): string {
  const capEnd = pkt.capEnd;
  if (pkt.arp && !arpView.reset(dv, pkt.l4Offset, capEnd - pkt.l4Offset)) return arpView.summary(arpView.length);
  if (pkt.l3 === 0) return pkt.problem ? wireProblemName(pkt.problem) : 'not IP';
  if (pkt.isLaterFragment) return `${pkt.l3 === 4 ? 'IP' : 'IP6'} fragment of a ${ipProtocolName(pkt.ipProto)} datagram`;
  const l4 = pkt.l4Offset;
  if (!pkt.tcp && pkt.ipProto === IPPROTO_UDP && !udpView.reset(dv, l4, capEnd - l4)) return udpView.summary();
  if (!pkt.tcp && (pkt.ipProto === IPPROTO_ICMP || pkt.ipProto === IPPROTO_ICMPV6)
    && !icmpView.reset(dv, l4, capEnd - l4, pkt.ipProto === IPPROTO_ICMPV6)) {
    return icmpView.summary(pkt.l4Len);
  }
  if (pkt.problem) return wireProblemName(pkt.problem);
  if (pkt.tcp) return '';
  return `${ipProtocolName(pkt.ipProto)} (${pkt.ipProto}), length ${pkt.l4Len}`;
}
