/**
 * UDP (RFC 768), ICMP (RFC 792), ICMPv6 (RFC 4443) and ARP (RFC 826) header views for the decoder and the
 * detail tree. ICMP messages are named by icmp-messages.ts (Wireshark's names, as the packet list shows them);
 * tcpdump's wording of them is shared/format/tcpdump-icmp*.ts. Contract: after `reset()` returns null the
 * fixed header was captured and no getter reads out of range; `summary()` and `describe()` allocate (on demand only).
 */
import { type DetailNode, hexValue, leaf } from './detail-node';
import { ipv4Text } from './ipv4';
import { ipv6Text } from './ipv6';
import { ProblemSlot, WireProblemCode, type WireProblem } from './wire-problem';
import { icmpCodeName, icmpInfo, icmpTypeName } from './icmp-messages';

export const UDP_HEADER = 8, ICMP_HEADER = 4, ARP_FIXED = 8;

/** View over a UDP header. */
export class UdpView {
  private dv!: DataView;
  private at = 0;
  private readonly problem = new ProblemSlot();

  /** `len` = bytes captured from `at`. */
  reset(dv: DataView, at: number, len: number): WireProblem | null {
    this.dv = dv; this.at = at;
    if (len < UDP_HEADER) return this.problem.set(WireProblemCode.udpTruncated, at + Math.max(len, 0));
    return null;
  }

  get offset(): number { return this.at; }
  /** Source port. */
  get srcPort(): number { return this.dv.getUint16(this.at); }
  /** Destination port. */
  get dstPort(): number { return this.dv.getUint16(this.at + 2); }
  /** Length field (header + data). */
  get length(): number { return this.dv.getUint16(this.at + 4); }
  /** Checksum field (0 = none sent, IPv4 only). */
  get checksum(): number { return this.dv.getUint16(this.at + 6); }

  describe(base: number, checksumNote: string): DetailNode {
    const a = this.at;
    return {
      label: 'User Datagram Protocol', value: `Src Port: ${this.srcPort}, Dst Port: ${this.dstPort}`, filter: 'udp',
      start: a - base, length: UDP_HEADER, children: [
        leaf('Source Port', String(this.srcPort), a, 2, base, `udp.srcport == ${this.srcPort}`),
        leaf('Destination Port', String(this.dstPort), a + 2, 2, base, `udp.dstport == ${this.dstPort}`),
        leaf('Length', String(this.length), a + 4, 2, base),
        leaf('Checksum', `${hexValue(this.checksum, 4)}${checksumNote}`, a + 6, 2, base),
      ],
    };
  }
}

/** View over an ICMP or ICMPv6 header (type, code, checksum, and id/seq for echoes). */
export class IcmpView {
  private dv!: DataView;
  private at = 0;
  private len = 0;
  private v6 = false;
  private readonly problem = new ProblemSlot();

  /** `len` = bytes captured from `at`; `v6` selects ICMPv6 names. */
  reset(dv: DataView, at: number, len: number, v6: boolean): WireProblem | null {
    this.dv = dv; this.at = at; this.len = len; this.v6 = v6;
    if (len < ICMP_HEADER) return this.problem.set(WireProblemCode.icmpTruncated, at + Math.max(len, 0));
    return null;
  }

  get offset(): number { return this.at; }
  /** Message type. */
  get type(): number { return this.dv.getUint8(this.at); }
  /** Message code. */
  get code(): number { return this.dv.getUint8(this.at + 1); }
  /** Checksum field. */
  get checksum(): number { return this.dv.getUint16(this.at + 2); }
  /** Whether this is an echo request/reply (id and seq follow). */
  get isEcho(): boolean {
    const t = this.type;
    return this.v6 ? t === 128 || t === 129 : t === 0 || t === 8;
  }
  /** Echo identifier (-1 when not an echo or not captured). */
  get echoId(): number { return this.isEcho && this.len >= 8 ? this.dv.getUint16(this.at + 4) : -1; }
  /** Echo sequence number (-1 when not an echo or not captured). */
  get echoSeq(): number { return this.isEcho && this.len >= 8 ? this.dv.getUint16(this.at + 6) : -1; }

  describe(base: number): DetailNode {
    const a = this.at;
    const t = this.type, v6 = this.v6, codeName = this.len >= 2 ? icmpCodeName(v6, t, this.code) : null;
    const children = [
      // As Wireshark words them: ICMPv6's type is its name then its number, ICMPv4's the other way round.
      leaf('Type', v6 ? `${icmpTypeName(v6, t)} (${t})` : `${t} (${icmpTypeName(v6, t)})`, a, 1, base),
      leaf('Code', codeName === null ? String(this.code) : `${this.code} (${codeName})`, a + 1, 1, base),
      leaf('Checksum', hexValue(this.checksum, 4), a + 2, 2, base),
    ];
    // Wireshark's icmp.mtu / icmpv6.mtu: the path MTU a "fragmentation needed" or "packet too big" gives.
    if (this.len >= 8 && !v6 && t === 3 && this.code === 4) children.push(leaf('MTU of next hop', String(this.dv.getUint16(a + 6)), a + 6, 2, base));
    if (this.len >= 8 && v6 && t === 2) children.push(leaf('MTU', String(this.dv.getUint32(a + 4)), a + 4, 4, base));
    if (this.echoId >= 0) children.push(leaf('Identifier', String(this.echoId), a + 4, 2, base), leaf('Sequence Number', String(this.echoSeq), a + 6, 2, base));
    const label = this.v6 ? 'Internet Control Message Protocol v6' : 'Internet Control Message Protocol';
    // The value is the packet list's Info (tshark's), so the tree and the list name the message alike.
    return { label, value: icmpInfo(v6, t, this.code).trimEnd(), start: a - base, length: Math.min(this.len, 8), children };
  }
}

/** View over an ARP/RARP packet (hardware/protocol types, operation, addresses). */
export class ArpView {
  private dv!: DataView;
  private at = 0;
  private readonly problem = new ProblemSlot();

  /** `len` = bytes captured from `at`; the addresses must be captured too. */
  reset(dv: DataView, at: number, len: number): WireProblem | null {
    this.dv = dv; this.at = at;
    if (len < ARP_FIXED) return this.problem.set(WireProblemCode.arpTruncated, at + Math.max(len, 0));
    if (len < ARP_FIXED + 2 * (this.hardwareLength + this.protocolLength)) return this.problem.set(WireProblemCode.arpTruncated, at + len);
    return null;
  }

  get offset(): number { return this.at; }
  /** Hardware type (1 Ethernet, 7 ARCnet …). */
  get hardwareType(): number { return this.dv.getUint16(this.at); }
  /** Protocol type (0x0800 IPv4). */
  get protocolType(): number { return this.dv.getUint16(this.at + 2); }
  /** Hardware address length. */
  get hardwareLength(): number { return this.dv.getUint8(this.at + 4); }
  /** Protocol address length. */
  get protocolLength(): number { return this.dv.getUint8(this.at + 5); }
  /** Operation (1 request, 2 reply, 3/4 RARP). */
  get operation(): number { return this.dv.getUint16(this.at + 6); }
  /** Whole ARP length (fixed part + four addresses). */
  get length(): number { return ARP_FIXED + 2 * (this.hardwareLength + this.protocolLength); }

  /** tcpdump's wording: "ARP, Request who-has A tell B, length 28" / "ARP, Reply A is-at H, length 28". */
  summary(length: number): string {
    const hl = this.hardwareLength, pl = this.protocolLength, a = this.at + ARP_FIXED;
    const sha = a, spa = a + hl, tpa = a + 2 * hl + pl;
    const proto = (at: number) => (pl === 4 ? ipv4Text(this.dv, at) : pl === 16 ? ipv6Text(this.dv, at) : hexBytes(this.dv, at, pl));
    switch (this.operation) {
      case 1: return `ARP, Request who-has ${proto(tpa)} tell ${proto(spa)}, length ${length}`;
      case 2: return `ARP, Reply ${proto(spa)} is-at ${macText(this.dv, sha, hl)}, length ${length}`;
      case 3: return `RARP, Request who-is ${macText(this.dv, a + hl + pl, hl)} tell ${macText(this.dv, sha, hl)}, length ${length}`;
      case 4: return `RARP, Reply ${macText(this.dv, a + hl + pl, hl)} at ${proto(tpa)}, length ${length}`;
      default: return `ARP, unknown operation ${this.operation}, length ${length}`;
    }
  }

  describe(base: number): DetailNode {
    const a = this.at;
    return {
      label: 'Address Resolution Protocol', value: this.summary(this.length), start: a - base, length: this.length, children: [
        leaf('Hardware type', String(this.hardwareType), a, 2, base),
        leaf('Protocol type', hexValue(this.protocolType, 4), a + 2, 2, base),
        leaf('Hardware size', String(this.hardwareLength), a + 4, 1, base),
        leaf('Protocol size', String(this.protocolLength), a + 5, 1, base),
        leaf('Opcode', String(this.operation), a + 6, 2, base),
      ],
    };
  }
}

/** Colon-separated hex bytes (tcpdump's MAC form). */
export function macText(dv: DataView, at: number, n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(dv.getUint8(at + i).toString(16).padStart(2, '0'));
  return parts.join(':');
}

function hexBytes(dv: DataView, at: number, n: number): string {
  return `0x${macText(dv, at, n).replaceAll(':', '')}`;
}
