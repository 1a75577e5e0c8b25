/**
 * Tunnel headers that tshark looks through by default, so TCP inside is found where tshark finds it:
 * VXLAN (RFC 7348, UDP port 4789), Geneve (RFC 8926, UDP 6081), GRE (RFC 2784/2890, and RFC 2637's
 * enhanced GRE for PPTP) with ERSPAN types I/II. IP-in-IP needs no header and is handled by the decoder.
 * Contract: after `reset*()` returns null, `nextType`/`nextOffset` name what follows (see link.ts types).
 */
import { NEXT_ETHERNET, NEXT_NONE } from './link';
import { ProblemSlot, WireProblemCode, type WireProblem } from './wire-problem';

export const UDP_PORT_VXLAN = 4789, UDP_PORT_GENEVE = 6081;
const VXLAN_HEADER = 8, GENEVE_HEADER = 8, GRE_MIN = 4;
const GRE_C = 0x8000, GRE_R = 0x4000, GRE_K = 0x2000, GRE_S = 0x1000, GRE_A = 0x0080, GRE_VERSION = 0x0007;
const ETHERTYPE_ERSPAN_2 = 0x88be;

/** Which UDP tunnel, if any, a port pair announces (tshark tries the lower port first; either matches). */
export function udpTunnelPort(src: number, dst: number): number {
  if (src === UDP_PORT_VXLAN || dst === UDP_PORT_VXLAN) return UDP_PORT_VXLAN;
  if (src === UDP_PORT_GENEVE || dst === UDP_PORT_GENEVE) return UDP_PORT_GENEVE;
  return 0;
}

/** Reads one tunnel header. Reused: each reset re-points it. */
export class TunnelReader {
  private readonly problem = new ProblemSlot();
  nextType = NEXT_NONE;
  nextOffset = 0;
  /** Bytes of tunnel header read. */
  headerLength = 0;

  /** VXLAN or Geneve header at `at` (`port` from udpTunnelPort), `len` bytes captured. */
  resetUdp(dv: DataView, at: number, len: number, port: number): WireProblem | null {
    if (port === UDP_PORT_VXLAN) {
      if (len < VXLAN_HEADER) return this.cut(at + Math.max(len, 0));
      return this.go(NEXT_ETHERNET, at, VXLAN_HEADER);
    }
    if (len < GENEVE_HEADER) return this.cut(at + Math.max(len, 0));
    const hl = GENEVE_HEADER + (dv.getUint8(at) & 0x3f) * 4;
    if (len < hl) return this.cut(at + len);
    return this.go(dv.getUint16(at + 2), at, hl);
  }

  /** GRE header at `at`, `len` bytes captured. */
  resetGre(dv: DataView, at: number, len: number): WireProblem | null {
    if (len < GRE_MIN) return this.cut(at + Math.max(len, 0));
    const flags = dv.getUint16(at), proto = dv.getUint16(at + 2);
    const version = flags & GRE_VERSION;
    // Source routing (RFC 1701 R bit) carries a variable SRE list; tshark shows it but it is never seen in practice.
    if (flags & GRE_R || version > 1) return this.go(NEXT_NONE, at, GRE_MIN);
    let hl = GRE_MIN;
    if (flags & GRE_C) hl += 4;
    if (flags & GRE_K || version === 1) hl += 4;
    if (flags & GRE_S) hl += 4;
    if (version === 1 && flags & GRE_A) hl += 4;
    if (len < hl) return this.cut(at + len);
    if (proto === ETHERTYPE_ERSPAN_2) {
      // ERSPAN type II has an 8-byte header and a sequence number; type I has neither (Wireshark packet-erspan.c).
      const erspan = flags & GRE_S ? 8 : 0;
      if (len < hl + erspan) return this.cut(at + len);
      return this.go(NEXT_ETHERNET, at, hl + erspan);
    }
    return this.go(proto, at, hl);
  }

  private go(type: number, at: number, hl: number): null {
    this.nextType = type; this.nextOffset = at + hl; this.headerLength = hl;
    return null;
  }

  private cut(offset: number): WireProblem {
    this.headerLength = 0;
    return this.problem.set(WireProblemCode.tunnelTruncated, offset);
  }
}
