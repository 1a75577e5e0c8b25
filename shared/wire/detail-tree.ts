/**
 * The packet detail tree for one selected packet: the decoder runs once with a tracer that records each
 * layer, then every layer is described by its view. Rows carry byte ranges relative to the frame start
 * for hex-view linking. This runs on demand for one packet, so it allocates freely (the list path never
 * calls it).
 */
import { CHECKSUM_CORRECT, CHECKSUM_OFFLOAD_HINT, checksumNote, ipv4HeaderChecksum } from './checksum';
import { type DetailNode, leaf } from './detail-node';
import { EtherTypeChain, isChainEnd } from './ethertype';
import { Ipv4View, ipProtocolName } from './ipv4';
import { Ipv6View } from './ipv6';
import { LINKTYPE_NAMES } from './link';
import { describeChainStep, describeLink } from './link-describe';
import {
  LAYER_ARP, LAYER_CHAIN, LAYER_FRAGMENT, LAYER_ICMP, LAYER_IPV4, LAYER_IPV6, LAYER_LINK, LAYER_TCP, LAYER_TUNNEL,
  LAYER_UDP, PacketDecoder,
} from './packet-decoder';
import { describeTcpPorts, TcpView } from './tcp';
import { tunnelName } from './tunnel';
import { ArpView, IcmpView, UdpView } from './udp-icmp';
import { wireProblemName } from './wire-problem';
import type { DecodedPacket } from './decoded-packet';

export type { DetailNode } from './detail-node';

interface Layer { kind: number; type: number; at: number; end: number }

/**
 * Builds the detail tree of one frame (`bytes` = the captured bytes, `origLen` = length on the wire), headed by
 * `frame` (frame-node.ts, when the caller knows the frame's number, time and interface) or a short Frame row.
 */
export function buildDetailTree(bytes: Uint8Array, linkType: number, origLen: number, frame?: DetailNode): DetailNode[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layers: Layer[] = [];
  const decoder = new PacketDecoder({ verifyChecksums: true });
  decoder.tracer = { layer: (kind, type, at, end) => { layers.push({ kind, type, at, end }); } };
  const pkt = decoder.decode(dv, 0, bytes.length, origLen, linkType);
  const cap = bytes.length;
  const nodes: DetailNode[] = [frame ?? {
    label: 'Frame', value: `${origLen} bytes on wire, ${cap} bytes captured, link type ${LINKTYPE_NAMES[linkType] ?? linkType}`,
    start: 0, length: cap, filter: `frame.len == ${origLen}`,
  }];
  for (const l of layers) nodes.push(...describeLayer(dv, l, pkt, cap));
  const last = layers.length > 0 ? layers[layers.length - 1] : null;
  if (last && !(last.kind === LAYER_TCP && pkt.payloadLen === 0) && (last.kind === LAYER_TCP || last.kind === LAYER_UDP || last.kind === LAYER_FRAGMENT) && last.end > last.at) {
    nodes.push(payloadNode(pkt, last, cap));
  }
  if (pkt.problem !== 0) {
    nodes.push({ label: 'Problem', value: `${wireProblemName(pkt.problem)} (at byte ${pkt.problemOffset})`, start: Math.min(pkt.problemOffset, cap), length: pkt.problemOffset < cap ? 1 : 0 });
  }
  return nodes;
}

function describeLayer(dv: DataView, l: Layer, pkt: DecodedPacket, cap: number): DetailNode[] {
  switch (l.kind) {
    case LAYER_LINK: { const n = describeLink(dv, l.at, l.end, l.type, 0); return n ? [n] : []; }
    case LAYER_CHAIN: return describeChain(dv, l, cap);
    case LAYER_IPV4: {
      const v = new Ipv4View();
      if (v.reset(dv, l.at, cap - l.at)) return [];
      const r = ipv4HeaderChecksum(dv, l.at, v.headerLength);
      return [v.describe(0, r === CHECKSUM_CORRECT ? ' [correct]' : ` [incorrect, should be 0x${r.toString(16).padStart(4, '0')}]`)];
    }
    case LAYER_IPV6: {
      const v = new Ipv6View();
      if (v.reset(dv, l.at, cap - l.at)) return [];
      v.walkExtensions(cap, l.end);
      return [v.describe(0, cap)];
    }
    case LAYER_TCP: {
      const v = new TcpView();
      if (v.reset(dv, l.at, cap - l.at)) return pkt.tcpPortsOnly ? [describeTcpPorts(dv, l.at, cap - l.at, 0)] : [];
      const status = pkt.tcp ? pkt.tcpChecksumStatus : 2;
      const note = status === 2 ? ' [unverified]'
        : status === 1 ? checksumNote(CHECKSUM_CORRECT) : checksumNote(pkt.tcpChecksumShouldBe) + CHECKSUM_OFFLOAD_HINT;
      return [v.describe(0, pkt.inIcmpError ? null : Math.max(0, l.end - l.at - v.headerLength), note)];
    }
    case LAYER_UDP: {
      const v = new UdpView();
      return v.reset(dv, l.at, cap - l.at) ? [] : [v.describe(0, '')];
    }
    case LAYER_ICMP: {
      const v = new IcmpView();
      return v.reset(dv, l.at, cap - l.at, l.type === 1) ? [] : [v.describe(0)];
    }
    case LAYER_ARP: {
      const v = new ArpView();
      return v.reset(dv, l.at, cap - l.at) ? [] : [v.describe(0)];
    }
    case LAYER_TUNNEL: {
      return [{ label: tunnelName(l.type), value: `${l.end - l.at} header bytes`, start: l.at, length: l.end - l.at }];
    }
    case LAYER_FRAGMENT:
      return [{ label: 'Fragment', value: `later fragment of a ${ipProtocolName(l.type)} datagram; not decoded`, start: l.at, length: Math.min(l.end, cap) - l.at }];
    default: return [];
  }
}

/** Re-steps one chain walk so each header (Ethernet, tags, labels, LLC …) gets its own row. */
function describeChain(dv: DataView, l: Layer, cap: number): DetailNode[] {
  const chain = new EtherTypeChain();
  chain.type = l.type; chain.at = l.at;
  const out: DetailNode[] = [];
  for (let n = 0; n < 64 && !isChainEnd(chain.type) && chain.at <= l.end; n++) {
    const type = chain.type, at = chain.at;
    if (chain.step(dv, cap)) break;
    const node = describeChainStep(dv, type, at, chain.at, 0);
    if (node) out.push(node);
  }
  return out;
}

function payloadNode(pkt: DecodedPacket, last: Layer, cap: number): DetailNode {
  if (last.kind === LAYER_TCP && pkt.tcp) {
    return { label: 'TCP payload', value: `${pkt.payloadLen} bytes (${pkt.payloadCaptured} captured)`, start: Math.min(pkt.payloadOffset, cap), length: pkt.payloadCaptured };
  }
  const start = last.kind === LAYER_UDP ? last.at + 8 : last.at;
  const end = Math.min(last.end, cap);
  return leaf('Data', `${Math.max(0, end - start)} bytes`, start, Math.max(0, end - start), 0);
}
