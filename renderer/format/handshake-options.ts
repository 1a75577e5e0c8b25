/**
 * The handshake options one side offered (MSS, window scale, SACK permitted, timestamps), decoded from the
 * bytes of its SYN or SYN-ACK with the same shared/wire decoder the worker uses. Runs for two packets of the
 * selected conversation only.
 */
import { PacketDecoder } from '../../shared/wire/packet-decoder';
import type { PacketDetail } from '../../shared/ipc/contract';

export interface OfferedOptions {
  mss: number | null;
  windowScale: number | null;
  sackPermitted: boolean;
  timestamps: boolean;
}

const decoder = new PacketDecoder();

/** Options of the TCP header in a packet detail's bytes; null when the bytes hold no TCP header. */
export function offeredOptions(d: PacketDetail): OfferedOptions | null {
  const view = new DataView(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength);
  const p = decoder.decode(view, 0, d.bytes.byteLength, d.origLen, d.linkType);
  if (!p.tcp) return null;
  return {
    mss: p.mss >= 0 ? p.mss : null,
    windowScale: p.windowScale >= 0 ? p.windowScale : null,
    sackPermitted: p.sackPermitted,
    timestamps: p.hasTimestamp,
  };
}

/** The absolute TCP sequence number in a packet detail's bytes (for notes), or null without TCP. */
export function rawSequence(d: PacketDetail): number | null {
  const view = new DataView(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength);
  const p = decoder.decode(view, 0, d.bytes.byteLength, d.origLen, d.linkType);
  return p.tcp ? p.seq : null;
}

/** The path MTU an ICMP "fragmentation needed" / ICMPv6 "packet too big" in a packet detail's bytes gives, else null. */
export function icmpPathMtu(d: PacketDetail): number | null {
  const view = new DataView(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength);
  const p = decoder.decode(view, 0, d.bytes.byteLength, d.origLen, d.linkType);
  return p.icmpMtu >= 0 ? p.icmpMtu : null;
}
