/**
 * Typed views over single link-layer headers, for callers that want fields (the formatter's `-e` MAC
 * addresses, the detail tree): Ethernet II / 802.3, one 802.1Q/802.1ad tag, one MPLS label stack entry,
 * Linux SLL and SLL2, and the BSD loopback family word. The decoder itself walks these with LinkReader and
 * EtherTypeChain; these views share their offsets. Contract: after `reset()` returns null, the header was
 * captured and no getter reads out of range.
 */
import { ProblemSlot, WireProblemCode, type WireProblem } from './wire-problem';

/** Base: holds (dv, at) and checks that `size` bytes were captured. */
abstract class FixedHeaderView {
  protected dv!: DataView;
  protected at = 0;
  private readonly problem = new ProblemSlot();
  protected abstract readonly size: number;
  protected abstract readonly truncatedCode: number;

  /** `len` = bytes captured from `at`. */
  reset(dv: DataView, at: number, len: number): WireProblem | null {
    if (this.dv !== dv) this.dv = dv;   // per chunk, not per packet: a pointer store costs a write barrier
    this.at = at;
    if (len < this.size) return this.problem.set(this.truncatedCode, at + Math.max(0, len));
    return null;
  }

  /** Absolute offset of the first header byte. */
  get offset(): number { return this.at; }
  /** Header length in bytes. */
  get headerLength(): number { return this.size; }
}

/** Ethernet II / IEEE 802.3 header (IEEE 802.3 §3.2): 6-byte destination, 6-byte source, type/length. */
export class EthernetView extends FixedHeaderView {
  protected readonly size = 14;
  protected readonly truncatedCode = WireProblemCode.encapTruncated;
  /** Absolute offset of the destination MAC. */
  get dstOffset(): number { return this.at; }
  /** Absolute offset of the source MAC. */
  get srcOffset(): number { return this.at + 6; }
  /** EtherType (≥ 0x0600) or 802.3 length (≤ 1500). */
  get typeOrLength(): number { return this.dv.getUint16(this.at + 12); }
  /** True when the type field is an 802.3 length, so LLC follows. */
  get isLength(): boolean { return this.typeOrLength <= 1500; }
}

/** One 802.1Q / 802.1ad tag (the 4 bytes after the TPID): priority, DEI, VLAN id, inner type. */
export class VlanTagView extends FixedHeaderView {
  protected readonly size = 4;
  protected readonly truncatedCode = WireProblemCode.encapTruncated;
  /** Priority code point (3 bits). */
  get priority(): number { return this.dv.getUint8(this.at) >> 5; }
  /** Drop eligible indicator. */
  get dei(): boolean { return (this.dv.getUint8(this.at) & 0x10) !== 0; }
  /** VLAN identifier (12 bits). */
  get vlanId(): number { return this.dv.getUint16(this.at) & 0x0fff; }
  /** EtherType (or 802.3 length) after the tag. */
  get innerType(): number { return this.dv.getUint16(this.at + 2); }
}

/** One MPLS label stack entry (RFC 3032 §2.1). */
export class MplsEntryView extends FixedHeaderView {
  protected readonly size = 4;
  protected readonly truncatedCode = WireProblemCode.encapTruncated;
  /** Label (20 bits). */
  get label(): number { return this.dv.getUint32(this.at) >>> 12; }
  /** Traffic class / EXP (3 bits). */
  get trafficClass(): number { return (this.dv.getUint8(this.at + 2) >> 1) & 7; }
  /** Bottom of stack. */
  get bottomOfStack(): boolean { return (this.dv.getUint8(this.at + 2) & 1) !== 0; }
  /** Time to live. */
  get ttl(): number { return this.dv.getUint8(this.at + 3); }
}

/** Linux cooked capture v1 (LINKTYPE_LINUX_SLL, 16 bytes). */
export class SllView extends FixedHeaderView {
  protected readonly size = 16;
  protected readonly truncatedCode = WireProblemCode.linkTruncated;
  /** Packet type (0 to us, 1 broadcast, 2 multicast, 3 to someone else, 4 sent by us). */
  get packetType(): number { return this.dv.getUint16(this.at); }
  /** ARPHRD_* link-layer address type. */
  get arphrdType(): number { return this.dv.getUint16(this.at + 2); }
  /** Link-layer address length (bytes used of the 8 at addressOffset). */
  get addressLength(): number { return this.dv.getUint16(this.at + 4); }
  /** Absolute offset of the 8-byte address field. */
  get addressOffset(): number { return this.at + 6; }
  /** Protocol (EtherType, or 0x0004 for 802.2 LLC). */
  get protocol(): number { return this.dv.getUint16(this.at + 14); }
}

/** Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 20 bytes). */
export class Sll2View extends FixedHeaderView {
  protected readonly size = 20;
  protected readonly truncatedCode = WireProblemCode.linkTruncated;
  /** Protocol (EtherType). */
  get protocol(): number { return this.dv.getUint16(this.at); }
  /** Interface index. */
  get interfaceIndex(): number { return this.dv.getUint32(this.at + 4); }
  /** ARPHRD_* link-layer address type. */
  get arphrdType(): number { return this.dv.getUint16(this.at + 8); }
  /** Packet type (as in SLL). */
  get packetType(): number { return this.dv.getUint8(this.at + 10); }
  /** Link-layer address length. */
  get addressLength(): number { return this.dv.getUint8(this.at + 11); }
  /** Absolute offset of the 8-byte address field. */
  get addressOffset(): number { return this.at + 12; }
}

/** BSD loopback header: a 4-byte address family, host order for NULL (guessed) and network order for LOOP. */
export class LoopbackView extends FixedHeaderView {
  protected readonly size = 4;
  protected readonly truncatedCode = WireProblemCode.linkTruncated;
  /** Family as written big-endian (LINKTYPE_LOOP). */
  get familyNetworkOrder(): number { return this.dv.getUint32(this.at, false); }
  /** Family for LINKTYPE_NULL: the writer's order, guessed like tcpdump (a value with its high half zero). */
  get familyHostOrder(): number {
    const be = this.dv.getUint32(this.at, false);
    return (be & 0xffff0000) !== 0 ? this.dv.getUint32(this.at, true) : be;
  }
}
