/**
 * Builders for tiny capture files in tests and fixture generators: pcap headers/records and pcapng blocks
 * in either byte order, plus an IPv4/TCP packet with correct checksums and the link-layer headers we need
 * (Ethernet, BSD NULL/LOOP). Plain and slow on purpose; never used by the app.
 */

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Bytes from a list of (value, width in bytes) fields written in one byte order. */
export function fields(le: boolean, ...items: [number | bigint, 1 | 2 | 4 | 8][]): Uint8Array {
  const out = new Uint8Array(items.reduce((n, [, w]) => n + w, 0));
  const dv = new DataView(out.buffer);
  let at = 0;
  for (const [v, w] of items) {
    if (w === 1) dv.setUint8(at, Number(v));
    else if (w === 2) dv.setUint16(at, Number(v), le);
    else if (w === 4) dv.setUint32(at, Number(v) >>> 0, le);
    else dv.setBigUint64(at, BigInt.asUintN(64, BigInt(v)), le);
    at += w;
  }
  return out;
}

export interface PcapOptions { le?: boolean; nano?: boolean; snaplen?: number; linkType?: number; major?: number; minor?: number }

export function pcapHeader(o: PcapOptions = {}): Uint8Array {
  const le = o.le ?? true;
  return fields(le, [o.nano ? 0xa1b23c4d : 0xa1b2c3d4, 4], [o.major ?? 2, 2], [o.minor ?? 4, 2], [0, 4], [0, 4],
    [o.snaplen ?? 262144, 4], [o.linkType ?? 1, 4]);
}

export function pcapRecord(le: boolean, sec: number, frac: number, data: Uint8Array, origLen = data.length, capLen = data.length): Uint8Array {
  return concat(fields(le, [sec, 4], [frac, 4], [capLen, 4], [origLen, 4]), data);
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** A pcapng option (code, value), padded. */
export function option(le: boolean, code: number, value: Uint8Array): Uint8Array {
  return concat(fields(le, [code, 2], [value.length, 2]), value, new Uint8Array(pad4(value.length) - value.length));
}

export const endOfOptions = (le: boolean): Uint8Array => fields(le, [0, 2], [0, 2]);

/** A pcapng block with correct leading and trailing lengths around `body`. */
export function block(le: boolean, type: number, body: Uint8Array): Uint8Array {
  const len = 12 + pad4(body.length);
  return concat(fields(le, [type, 4], [len, 4]), body, new Uint8Array(pad4(body.length) - body.length), fields(le, [len, 4]));
}

export function shb(le: boolean, opts: Uint8Array = new Uint8Array(0), major = 1, minor = 0): Uint8Array {
  return block(le, 0x0a0d0d0a, concat(fields(le, [0x1a2b3c4d, 4], [major, 2], [minor, 2], [-1n, 8]), opts));
}

export interface IdbOptions { name?: string; description?: string; tsresol?: number; tsoffset?: number }

export function idb(le: boolean, linkType: number, snaplen: number, o: IdbOptions = {}): Uint8Array {
  const opts: Uint8Array[] = [];
  if (o.name !== undefined) opts.push(option(le, 2, new TextEncoder().encode(o.name)));
  if (o.description !== undefined) opts.push(option(le, 3, new TextEncoder().encode(o.description)));
  if (o.tsresol !== undefined) opts.push(option(le, 9, Uint8Array.of(o.tsresol)));
  if (o.tsoffset !== undefined) opts.push(option(le, 14, fields(le, [BigInt(o.tsoffset), 8])));
  if (opts.length) opts.push(endOfOptions(le));
  return block(le, 1, concat(fields(le, [linkType, 2], [0, 2], [snaplen, 4]), ...opts));
}

/** Enhanced Packet Block; `ts` is the raw 64-bit timestamp in interface units. */
export function epb(le: boolean, iface: number, ts: bigint, data: Uint8Array, origLen = data.length): Uint8Array {
  return block(le, 6, concat(fields(le, [iface, 4], [ts >> 32n, 4], [ts & 0xffffffffn, 4], [data.length, 4], [origLen, 4]), data));
}

/** Obsolete Packet Block (type 2): 16-bit interface id and drops count. */
export function opb(le: boolean, iface: number, ts: bigint, data: Uint8Array, origLen = data.length): Uint8Array {
  return block(le, 2, concat(fields(le, [iface, 2], [0, 2], [ts >> 32n, 4], [ts & 0xffffffffn, 4], [data.length, 4], [origLen, 4]), data));
}

export function spb(le: boolean, data: Uint8Array, origLen = data.length): Uint8Array {
  return block(le, 3, concat(fields(le, [origLen, 4]), data));
}

export function customBlock(le: boolean, payload: Uint8Array, copy = true): Uint8Array {
  return block(le, copy ? 0x0bad : 0x40000bad, concat(fields(le, [32473, 4]), payload));
}

/** The Internet checksum (RFC 1071) of `bytes`, summed onto `initial`. */
export function checksum(bytes: Uint8Array, initial = 0): number {
  let s = initial;
  for (let i = 0; i < bytes.length; i += 2) s += (bytes[i] << 8) | (bytes[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

export interface TcpSegment {
  src: [number, number, number, number];
  dst: [number, number, number, number];
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  /** TCP flag bits: 0x02 SYN, 0x10 ACK, 0x01 FIN, 0x04 RST, 0x08 PSH. */
  flags: number;
  window?: number;
  payload?: Uint8Array;
}

/** An IPv4 datagram carrying one TCP segment (no options), both checksums correct. */
export function ipv4Tcp(s: TcpSegment): Uint8Array {
  const payload = s.payload ?? new Uint8Array(0);
  const tcp = concat(fields(false, [s.sport, 2], [s.dport, 2], [s.seq, 4], [s.ack, 4], [0x50, 1], [s.flags, 1],
    [s.window ?? 65535, 2], [0, 2], [0, 2]), payload);
  const pseudo = concat(Uint8Array.from(s.src), Uint8Array.from(s.dst), fields(false, [6, 2], [tcp.length, 2]));
  new DataView(tcp.buffer).setUint16(16, checksum(concat(pseudo, tcp)));
  const ip = concat(fields(false, [0x45, 1], [0, 1], [20 + tcp.length, 2], [1, 2], [0x4000, 2], [64, 1], [6, 1], [0, 2]),
    Uint8Array.from(s.src), Uint8Array.from(s.dst));
  new DataView(ip.buffer).setUint16(10, checksum(ip));
  return concat(ip, tcp);
}

/** An IPv4 datagram (no options, header checksum correct) carrying `payload` as protocol `proto`. */
export function ipv4Packet(proto: number, src: readonly number[], dst: readonly number[], payload: Uint8Array): Uint8Array {
  const ip = concat(fields(false, [0x45, 1], [0, 1], [20 + payload.length, 2], [1, 2], [0x4000, 2], [64, 1], [proto, 1], [0, 2]),
    Uint8Array.from(src), Uint8Array.from(dst));
  new DataView(ip.buffer).setUint16(10, checksum(ip));
  return concat(ip, payload);
}

/** A UDP header (checksum 0: none) and its payload. */
export function udp(sport: number, dport: number, payload: Uint8Array): Uint8Array {
  return concat(fields(false, [sport, 2], [dport, 2], [8 + payload.length, 2], [0, 2]), payload);
}

/** An IPv6 packet carrying one TCP segment (no options, checksum correct); `src`/`dst` are 16 bytes. */
export function ipv6Tcp(s: Omit<TcpSegment, 'src' | 'dst'> & { src: readonly number[]; dst: readonly number[] }): Uint8Array {
  const payload = s.payload ?? new Uint8Array(0);
  const tcp = concat(fields(false, [s.sport, 2], [s.dport, 2], [s.seq, 4], [s.ack, 4], [0x50, 1], [s.flags, 1],
    [s.window ?? 65535, 2], [0, 2], [0, 2]), payload);
  const pseudo = concat(Uint8Array.from(s.src), Uint8Array.from(s.dst), fields(false, [tcp.length, 4], [6, 4]));
  new DataView(tcp.buffer).setUint16(16, checksum(concat(pseudo, tcp)));
  return concat(fields(false, [0x60000000, 4], [tcp.length, 2], [6, 1], [64, 1]), Uint8Array.from(s.src), Uint8Array.from(s.dst), tcp);
}

/** Ethernet II header + IPv4 payload. */
export function ethernet(ip: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, 0x88, 0x99, 0xaa, 8, 0), ip);
}

/** BSD loopback: a 4-byte address family (AF_INET = 2) in host order (NULL, DLT 0) or network order (LOOP, DLT 108). */
export function bsdLoopback(ip: Uint8Array, familyLittleEndian: boolean): Uint8Array {
  return concat(fields(familyLittleEndian, [2, 4]), ip);
}

/** A client → server handshake and one data exchange: SYN, SYN-ACK, ACK, data, ACK (client port `cport`). */
export function handshake(cport = 40000): Uint8Array[] {
  const c: [number, number, number, number] = [10, 0, 0, 1], sv: [number, number, number, number] = [10, 0, 0, 2];
  const hello = new TextEncoder().encode('hello\n');
  return [
    ipv4Tcp({ src: c, dst: sv, sport: cport, dport: 80, seq: 1000, ack: 0, flags: 0x02 }),
    ipv4Tcp({ src: sv, dst: c, sport: 80, dport: cport, seq: 5000, ack: 1001, flags: 0x12 }),
    ipv4Tcp({ src: c, dst: sv, sport: cport, dport: 80, seq: 1001, ack: 5001, flags: 0x10 }),
    ipv4Tcp({ src: c, dst: sv, sport: cport, dport: 80, seq: 1001, ack: 5001, flags: 0x18, payload: hello }),
    ipv4Tcp({ src: sv, dst: c, sport: 80, dport: cport, seq: 5001, ack: 1007, flags: 0x10 }),
  ];
}
