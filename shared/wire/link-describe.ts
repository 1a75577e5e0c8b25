/**
 * Detail-tree rows for link-layer headers and each EtherType-chain step (Ethernet, 802.1Q/802.1ad tags,
 * MPLS labels, LLC/SNAP, PPPoE, PPP), worded after Wireshark's tree. Runs for one selected packet only,
 * so it allocates freely; every row carries the byte range it was read from.
 */
import { type DetailNode, hexValue, leaf } from './detail-node';
import { ETHERNET_HEADER } from './ethertype';
import {
  ETHERTYPE_MPLS, ETHERTYPE_MPLS_MC, ETHERTYPE_PPP, ETHERTYPE_PPPOE_SESSION, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD,
  ETHERTYPE_VLAN, LINKTYPE_ARCNET_LINUX, LINKTYPE_ETHERNET_MPACKET, LINKTYPE_FDDI, LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NAMES, LINKTYPE_NULL, LINKTYPE_PPI, NEXT_ETHERNET, NEXT_LLC,
  NEXT_PPP, etherTypeName,
} from './link';
import { macText } from './udp-icmp';

/** Rows for the link header of `linkType` spanning [at, nextAt); null when the link type has no header. */
export function describeLink(dv: DataView, at: number, nextAt: number, linkType: number, base: number): DetailNode | null {
  const len = nextAt - at;
  if (len <= 0 || linkType === 1) return null;
  const name = LINKTYPE_NAMES[linkType] ?? `LINKTYPE ${linkType}`;
  const children: DetailNode[] = [];
  switch (linkType) {
    case LINKTYPE_NULL: case LINKTYPE_LOOP: {
      const be = dv.getUint32(at, false);
      const family = linkType === LINKTYPE_NULL && (be & 0xffff0000) !== 0 ? dv.getUint32(at, true) : be;
      children.push(leaf('Family', String(family), at, 4, base));
      return { label: linkType === LINKTYPE_NULL ? 'Null/Loopback' : 'OpenBSD loopback', value: `family ${family}`, start: at - base, length: 4, children };
    }
    case LINKTYPE_LINUX_SLL:
      children.push(
        leaf('Packet type', String(dv.getUint16(at)), at, 2, base),
        leaf('Link-layer address type', String(dv.getUint16(at + 2)), at + 2, 2, base),
        leaf('Link-layer address length', String(dv.getUint16(at + 4)), at + 4, 2, base),
        leaf('Source', macText(dv, at + 6, Math.min(8, dv.getUint16(at + 4))), at + 6, 8, base),
        leaf('Protocol', hexValue(dv.getUint16(at + 14), 4), at + 14, 2, base),
      );
      return { label: 'Linux cooked capture v1', start: at - base, length: len, children };
    case LINKTYPE_LINUX_SLL2:
      children.push(
        leaf('Protocol', hexValue(dv.getUint16(at), 4), at, 2, base),
        leaf('Interface index', String(dv.getUint32(at + 4)), at + 4, 4, base),
        leaf('Link-layer address type', String(dv.getUint16(at + 8)), at + 8, 2, base),
        leaf('Packet type', String(dv.getUint8(at + 10)), at + 10, 1, base),
        leaf('Link-layer address length', String(dv.getUint8(at + 11)), at + 11, 1, base),
        leaf('Source', macText(dv, at + 12, Math.min(8, dv.getUint8(at + 11))), at + 12, 8, base),
      );
      return { label: 'Linux cooked capture v2', start: at - base, length: len, children };
    case LINKTYPE_PPI:
      children.push(
        leaf('Version', String(dv.getUint8(at)), at, 1, base),
        leaf('Header length', String(dv.getUint16(at + 2, true)), at + 2, 2, base),
        leaf('DLT', String(dv.getUint32(at + 4, true)), at + 4, 4, base),
      );
      return { label: 'PPI', value: `${len} bytes of headers before the frame`, start: at - base, length: len, children };
    case LINKTYPE_FDDI:
      children.push(
        leaf('Frame control', hexValue(dv.getUint8(at), 2), at, 1, base),
        leaf('Destination', macText(dv, at + 1, 6), at + 1, 6, base),
        leaf('Source', macText(dv, at + 7, 6), at + 7, 6, base),
      );
      return { label: 'Fiber Distributed Data Interface', start: at - base, length: len, children };
    case LINKTYPE_ARCNET_LINUX:
      children.push(
        leaf('Source', hexValue(dv.getUint8(at), 2), at, 1, base),
        leaf('Destination', hexValue(dv.getUint8(at + 1), 2), at + 1, 1, base),
        leaf('Protocol ID', hexValue(dv.getUint8(at + 4), 2), at + 4, 1, base),
      );
      return { label: 'ARCNET', start: at - base, length: len, children };
    case LINKTYPE_ETHERNET_MPACKET:
      return { label: 'IEEE 802.3br mPacket', value: `SMD ${hexValue(dv.getUint8(at + 7), 2)}`, start: at - base, length: len };
    default:
      return { label: name, value: `${len} bytes of link-layer header`, start: at - base, length: len };
  }
}

/** Rows for one EtherType-chain step: the header of `type` spanning [at, nextAt). */
export function describeChainStep(dv: DataView, type: number, at: number, nextAt: number, base: number): DetailNode | null {
  const len = nextAt - at;
  if (len <= 0) return null;
  switch (type) {
    case NEXT_ETHERNET: return describeEthernet(dv, at, base);
    case ETHERTYPE_VLAN: case ETHERTYPE_QINQ: case ETHERTYPE_QINQ_OLD: {
      const tci = dv.getUint16(at), inner = dv.getUint16(at + 2);
      return {
        label: type === ETHERTYPE_VLAN ? '802.1Q Virtual LAN' : '802.1ad Provider Bridge',
        value: `PRI: ${tci >> 13}, DEI: ${(tci >> 12) & 1}, ID: ${tci & 0xfff}`, start: at - base, length: 4,
        children: [
          leaf('Priority', String(tci >> 13), at, 2, base),
          leaf('DEI', String((tci >> 12) & 1), at, 2, base),
          leaf('ID', String(tci & 0xfff), at, 2, base),
          leaf('Type', `${etherTypeName(inner)} (${hexValue(inner, 4)})`, at + 2, 2, base),
        ],
      };
    }
    case ETHERTYPE_MPLS: case ETHERTYPE_MPLS_MC: return describeMpls(dv, at, nextAt, base);
    case NEXT_LLC: return describeLlc(dv, at, len, base);
    case ETHERTYPE_PPPOE_SESSION:
      return {
        label: 'PPP-over-Ethernet Session', value: `session ${hexValue(dv.getUint16(at + 2), 4)}`, start: at - base, length: len,
        children: [
          leaf('Version/Type', hexValue(dv.getUint8(at), 2), at, 1, base),
          leaf('Code', hexValue(dv.getUint8(at + 1), 2), at + 1, 1, base),
          leaf('Session ID', hexValue(dv.getUint16(at + 2), 4), at + 2, 2, base),
          leaf('Payload Length', String(dv.getUint16(at + 4)), at + 4, 2, base),
        ],
      };
    case NEXT_PPP: case ETHERTYPE_PPP:
      return { label: 'Point-to-Point Protocol', value: `${len} header bytes`, start: at - base, length: len };
    default:
      return { label: etherTypeName(type), value: `${len} header bytes`, start: at - base, length: len };
  }
}

function describeEthernet(dv: DataView, at: number, base: number): DetailNode {
  const t = dv.getUint16(at + 12);
  const dst = macText(dv, at, 6), src = macText(dv, at + 6, 6);
  const last = t <= 1500 ? leaf('Length', String(t), at + 12, 2, base) : leaf('Type', `${etherTypeName(t)} (${hexValue(t, 4)})`, at + 12, 2, base);
  return {
    label: t <= 1500 ? 'IEEE 802.3 Ethernet' : 'Ethernet II', value: `Src: ${src}, Dst: ${dst}`,
    start: at - base, length: ETHERNET_HEADER,
    children: [leaf('Destination', dst, at, 6, base), leaf('Source', src, at + 6, 6, base), last],
  };
}

function describeMpls(dv: DataView, at: number, nextAt: number, base: number): DetailNode {
  const children: DetailNode[] = [];
  for (let p = at; p + 4 <= nextAt; p += 4) {
    const w = dv.getUint32(p);
    children.push(leaf('MPLS Label', `${w >>> 12}, Exp: ${(w >> 9) & 7}, S: ${(w >> 8) & 1}, TTL: ${w & 0xff}`, p, 4, base));
    if ((w >> 8) & 1) {
      if (nextAt - (p + 4) === 4) children.push(leaf('PW Ethernet Control Word', hexValue(dv.getUint32(p + 4), 8), p + 4, 4, base));
      break;
    }
  }
  return { label: 'MultiProtocol Label Switching Header', value: `${children.length} entries`, start: at - base, length: nextAt - at, children };
}

function describeLlc(dv: DataView, at: number, len: number, base: number): DetailNode {
  const children = [
    leaf('DSAP', hexValue(dv.getUint8(at), 2), at, 1, base),
    leaf('SSAP', hexValue(dv.getUint8(at + 1), 2), at + 1, 1, base),
    leaf('Control field', hexValue(dv.getUint8(at + 2), 2), at + 2, len >= 8 ? 1 : len - 2, base),
  ];
  if (len >= 8 && dv.getUint8(at) === 0xaa) {
    children.push(
      leaf('Organization Code', hexValue((dv.getUint16(at + 3) << 8) | dv.getUint8(at + 5), 6), at + 3, 3, base),
      leaf('Type', `${etherTypeName(dv.getUint16(at + 6))} (${hexValue(dv.getUint16(at + 6), 4)})`, at + 6, 2, base),
    );
  }
  return { label: 'Logical-Link Control', value: len >= 8 ? 'SNAP' : `DSAP ${hexValue(dv.getUint8(at), 2)}`, start: at - base, length: len, children };
}
