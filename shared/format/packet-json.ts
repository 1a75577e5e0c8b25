/**
 * One packet as a JSON-ready object for `synack-capture read --format json` (one object per line). Fields
 * are documented in the command's --help and README "CLI"; absent layers are null, never guessed.
 */
import type { CaptureRecord } from '../capture-file/capture-record';
import type { DecodedPacket } from '../wire/decoded-packet';
import { ipv4String, ipv6String } from './tcpdump-address';
import { tcpdumpFlags } from './tcpdump-tcp';

export interface PacketJson {
  frame: number;
  /** Seconds since 1970 with 9 decimals, as a string so no precision is lost (tshark frame.time_epoch). */
  time: string;
  capLen: number;
  origLen: number;
  linkType: number;
  /** 4, 6 or null: the IP header that carries the transport. */
  ip: 4 | 6 | null;
  src: string | null;
  dst: string | null;
  /** IP protocol number after extension headers (6 TCP, 17 UDP …). */
  proto: number | null;
  srcPort: number | null;
  dstPort: number | null;
  tcp: TcpJson | null;
  /** WireProblemCode of the first problem and its absolute frame offset, or null. */
  problem: { code: number; offset: number } | null;
  /** The tcpdump -vv text for the packet, when the caller adds it. */
  text?: string;
}

export interface TcpJson {
  /** tcpdump's flag letters (F S R P . U E W). */
  flags: string;
  /** The 12 flag bits as tshark's tcp.flags. */
  flagBits: number;
  seq: number;
  ack: number;
  win: number;
  urg: number;
  headerLen: number;
  /** TCP payload length from the IP length (tshark tcp.len) and the part actually captured. */
  payloadLen: number;
  payloadCaptured: number;
  mss: number | null;
  windowScale: number | null;
  sackPermitted: boolean;
  tsVal: number | null;
  tsEcr: number | null;
  /** SACK blocks as [left, right] raw edges. */
  sack: [number, number][];
}

/** Builds the JSON object for one decoded packet (allocates; for output, not for the hot path). */
export function packetJson(record: CaptureRecord, d: DecodedPacket): PacketJson {
  const addr = (at: number): string => (d.addrLen === 16 ? ipv6String(record.view, at) : ipv4String(record.view, at));
  const hasPorts = d.tcp || d.udp;
  return {
    frame: record.frame,
    time: `${record.tsSec}.${String(record.tsNsec).padStart(9, '0')}`,
    capLen: record.capLen,
    origLen: record.origLen,
    linkType: record.linkType,
    ip: d.l3 === 0 ? null : d.l3,
    src: d.l3 === 0 ? null : addr(d.srcAddrOffset),
    dst: d.l3 === 0 ? null : addr(d.dstAddrOffset),
    proto: d.l3 === 0 ? null : d.ipProto,
    srcPort: hasPorts ? d.srcPort : null,
    dstPort: hasPorts ? d.dstPort : null,
    tcp: d.tcp ? tcpJson(d) : null,
    problem: d.problem ? { code: d.problem, offset: d.problemOffset } : null,
  };
}

function tcpJson(d: DecodedPacket): TcpJson {
  const sack: [number, number][] = [];
  for (let i = 0; i < d.sackCount; i++) sack.push([d.sackEdges[2 * i], d.sackEdges[2 * i + 1]]);
  return {
    flags: tcpdumpFlags(d.tcpFlags & 0xff),
    flagBits: d.tcpFlags,
    seq: d.seq,
    ack: d.ack,
    win: d.window,
    urg: d.urgentPointer,
    headerLen: d.tcpHeaderLen,
    payloadLen: d.payloadLen,
    payloadCaptured: d.payloadCaptured,
    mss: d.mss < 0 ? null : d.mss,
    windowScale: d.windowScale < 0 ? null : d.windowScale,
    sackPermitted: d.sackPermitted,
    tsVal: d.hasTimestamp ? d.tsVal : null,
    tsEcr: d.hasTimestamp ? d.tsEcr : null,
    sack,
  };
}
