/**
 * Minimal pcapng writer (draft-ietf-opsawg-pcapng): one little-endian section, Interface Description Blocks
 * and Enhanced Packet Blocks — what live sessions and "save selected conversation" need, and what tshark,
 * tcpdump and libpcap all read. Each call returns the bytes of one block; the caller appends them to a file
 * in order: sectionHeader(), then interfaceDescription() per interface, then packet() per packet.
 */
const SHB = 0x0a0d0d0a, IDB = 1, EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0, OPT_COMMENT = 1, SHB_USERAPPL = 4, IF_NAME = 2, IF_DESCRIPTION = 3, IF_TSRESOL = 9, IF_FCSLEN = 13;
const TWO32 = 2 ** 32;

export interface WriterInterface {
  linkType: number;
  snaplen: number;
  name?: string;
  /** if_description, kept when a capture is exported. */
  description?: string;
  /** if_fcslen: bytes of frame check sequence at the end of each packet (a pcap's LT_FCS_LENGTH), when known. */
  fcsLen?: number;
  /** Nanosecond timestamps (if_tsresol 9); microseconds (the pcapng default) otherwise. */
  tsresolNs?: boolean;
}

const pad4 = (n: number): number => (n + 3) & ~3;

export class PcapngWriter {
  /** Units per second of each interface described so far, by interface id. */
  private readonly units: number[] = [];

  /** The Section Header Block that starts the file (version 1.0, unknown section length). */
  sectionHeader(): Uint8Array {
    const app = utf8('SynAck');
    const optLen = 4 + pad4(app.length) + 4;
    const out = block(SHB, 16 + optLen);
    const dv = new DataView(out.buffer);
    dv.setUint32(8, BYTE_ORDER_MAGIC, true);
    dv.setUint16(12, 1, true);
    dv.setUint16(14, 0, true);
    dv.setBigInt64(16, -1n, true); // section length not known in advance
    writeOption(out, 24, SHB_USERAPPL, app);
    dv.setUint16(24 + 4 + pad4(app.length), OPT_ENDOFOPT, true);
    return out;
  }

  /** An Interface Description Block; interfaces get ids 0, 1, … in call order. */
  interfaceDescription(i: WriterInterface): Uint8Array {
    const options: [number, Uint8Array][] = [];
    if (i.name) options.push([IF_NAME, utf8(i.name)]);
    if (i.description) options.push([IF_DESCRIPTION, utf8(i.description)]);
    if (i.tsresolNs) options.push([IF_TSRESOL, Uint8Array.of(9)]);
    if (i.fcsLen) options.push([IF_FCSLEN, Uint8Array.of(i.fcsLen)]);
    const optLen = options.reduce((sum, [, value]) => sum + 4 + pad4(value.length), 0);
    const out = block(IDB, 8 + (optLen ? optLen + 4 : 0));
    const dv = new DataView(out.buffer);
    dv.setUint16(8, i.linkType, true);
    dv.setUint32(12, i.snaplen, true);
    let at = 16;
    for (const [code, value] of options) at = writeOption(out, at, code, value);
    if (optLen) dv.setUint16(at, OPT_ENDOFOPT, true);
    this.units.push(i.tsresolNs ? 1e9 : 1e6);
    return out;
  }

  /**
   * An Enhanced Packet Block for interface `iface` (an id returned by the order of interfaceDescription calls), with
   * its packet comments (opt_comment, UTF-8) in order. `tsNsec` is rounded down to microseconds on a microsecond interface.
   */
  packet(iface: number, tsSec: number, tsNsec: number, data: Uint8Array, origLen: number, comments: readonly string[] = []): Uint8Array {
    const units = this.units[iface];
    if (units === undefined) throw new RangeError(`pcapng writer: interface ${iface} was not described`);
    const texts = comments.map(utf8);
    const optLen = texts.reduce((sum, t) => sum + 4 + pad4(t.length), 0);
    const out = block(EPB, 20 + pad4(data.length) + (optLen ? optLen + 4 : 0));
    const dv = new DataView(out.buffer);
    dv.setUint32(8, iface, true);
    const frac = units === 1e9 ? tsNsec : Math.floor(tsNsec / 1000);
    splitTimestamp(tsSec, units, frac, dv, 12);
    dv.setUint32(20, data.length, true);
    dv.setUint32(24, origLen, true);
    out.set(data, 28);
    let at = 28 + pad4(data.length);
    for (const t of texts) at = writeOption(out, at, OPT_COMMENT, t);
    if (optLen) dv.setUint16(at, OPT_ENDOFOPT, true);
    return out;
  }
}

/** A zeroed block of `body` bytes between the 8-byte header and the 4-byte trailer, lengths filled in. */
function block(type: number, body: number): Uint8Array {
  const len = 12 + body;
  const out = new Uint8Array(len);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, type, true);
  dv.setUint32(4, len, true);
  dv.setUint32(len - 4, len, true);
  return out;
}

function writeOption(out: Uint8Array, at: number, code: number, value: Uint8Array): number {
  const dv = new DataView(out.buffer);
  dv.setUint16(at, code, true);
  dv.setUint16(at + 2, value.length, true);
  out.set(value, at + 4);
  return at + 4 + pad4(value.length);
}

/**
 * Writes sec·units + frac as two 32-bit words (high first) without BigInt: sec is split in 16-bit halves so
 * every product stays below 2^53. Exact while the count fits 64 bits (nanoseconds: until 2^64 ns ≈ year 2554).
 */
function splitTimestamp(sec: number, units: number, frac: number, dv: DataView, at: number): void {
  const secHi = Math.floor(sec / 65536), secLo = sec - secHi * 65536;
  const low = secLo * units + frac; // < 2^47
  const mid = secHi * units; // value = mid · 2^16 + low
  const midHi = Math.floor(mid / 65536), midLo = mid - midHi * 65536;
  const t = midLo * 65536 + low; // value = midHi · 2^32 + t
  const carry = Math.floor(t / TWO32);
  dv.setUint32(at, midHi + carry, true);
  dv.setUint32(at + 4, t - carry * TWO32, true);
}

/** UTF-8 bytes of a string (shared/ has no TextEncoder). */
function utf8(s: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(bytes);
}
