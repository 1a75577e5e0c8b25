import { describe, expect, it } from 'vitest';
import { checksum, concat, fields } from '../../support/capture-bytes';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';
import { writePcap } from '../../support/write-pcap';

/**
 * IP headers that change the addresses upper layers see. IPv6 (packet-ipv6.c, Zeek's ip6-hoa and ip6-route0 traces):
 * a Home Address option is the source, and a routing header with segments left names the destination (type 0: its
 * last address; type 2: the home address; type 4: the first segment). IPv4 (packet-ip.c, Suricata's ipopts test):
 * a loose or strict source route with a valid pointer makes its last address the destination and ip.dst. TCP's
 * conversations and checksum use those, so a mobile node's packets and the replies to its home address are one stream.
 */
const addr = (last: number): number[] => [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), last];
const HOME = addr(1), CARE_OF = addr(2), SERVER = addr(3), HOP = addr(4);

/** A TCP segment whose checksum covers the addresses `pseudoSrc`/`pseudoDst`. */
function tcp(pseudoSrc: number[], pseudoDst: number[], sport: number, dport: number, seq: number, ack: number, flags: number): Uint8Array {
  const t = fields(false, [sport, 2], [dport, 2], [seq, 4], [ack, 4], [0x50, 1], [flags, 1], [65535, 2], [0, 2], [0, 2]);
  const pseudo = concat(Uint8Array.from(pseudoSrc), Uint8Array.from(pseudoDst), fields(false, [t.length, 4], [6, 4]));
  new DataView(t.buffer).setUint16(16, checksum(concat(pseudo, t)));
  return t;
}

/** Ethernet + IPv6 header (next header `nh`) + `rest`. */
function ipv6(src: number[], dst: number[], nh: number, rest: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x86, 0xdd), fields(false, [0x60000000, 4], [rest.length, 2], [nh, 1], [64, 1]),
    Uint8Array.from(src), Uint8Array.from(dst), rest);
}

const homeAddressOption = (home: number[]): Uint8Array => concat(Uint8Array.of(6, 2, 1, 2, 0, 0, 0xc9, 16), Uint8Array.from(home));
const routing = (type: number, segLeft: number, addrs: number[][], srh = false): Uint8Array =>
  concat(Uint8Array.of(6, addrs.length * 2, type, segLeft), srh ? Uint8Array.of(addrs.length - 1, 0, 0, 0) : new Uint8Array(4), ...addrs.map((a) => Uint8Array.from(a)));

/** Client (port) ↔ server handshake where the client's packets carry `ext` (next header `nh`) from `src` to `dst`. */
function conversation(port: number, src: number[], dst: number[], nh: number, ext: Uint8Array, upperSrc: number[], upperDst: number[]): Uint8Array[] {
  return [
    ipv6(src, dst, nh, concat(ext, tcp(upperSrc, upperDst, port, 80, 100, 0, 0x02))),
    ipv6(upperDst, upperSrc, 6, tcp(upperDst, upperSrc, 80, port, 500, 101, 0x12)),
    ipv6(src, dst, nh, concat(ext, tcp(upperSrc, upperDst, port, 80, 101, 501, 0x10))),
  ];
}

/** An IPv4 header with a loose source route (131) via `via` to `final` (pointer `ptr`), then `payload`. */
function ipv4Routed(src: number[], via: number[], final: number[], ptr: number, payload: Uint8Array): Uint8Array {
  const opt = Uint8Array.of(131, 11, ptr, ...via, ...final, 1);      // + NOP: 12 option bytes
  const h = concat(fields(false, [0x48, 1], [0, 1], [32 + payload.length, 2], [1, 2], [0, 2], [64, 1], [6, 1], [0, 2]),
    Uint8Array.from(src), Uint8Array.from(via), opt);
  return concat(Uint8Array.of(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 8, 0), h, payload);
}

const C4 = [10, 0, 0, 1], S4 = [10, 0, 0, 2], HOP4 = [10, 0, 0, 254];
const tcp4 = (src: number[], dst: number[], sport: number, dport: number, seq: number, ack: number, flags: number): Uint8Array => {
  const t = fields(false, [sport, 2], [dport, 2], [seq, 4], [ack, 4], [0x50, 1], [flags, 1], [65535, 2], [0, 2], [0, 2]);
  const pseudo = concat(Uint8Array.from(src), Uint8Array.from(dst), fields(false, [6, 2], [t.length, 2]));
  new DataView(t.buffer).setUint16(16, checksum(concat(pseudo, t)));
  return t;
};
const plain4 = (src: number[], dst: number[], payload: Uint8Array): Uint8Array =>
  concat(Uint8Array.of(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 8, 0),
    fields(false, [0x45, 1], [0, 1], [20 + payload.length, 2], [1, 2], [0, 2], [64, 1], [6, 1], [0, 2]), Uint8Array.from(src), Uint8Array.from(dst), payload);

/** Handshakes through an IPv4 source route: a valid pointer (the last address is the destination), an invalid one. */
function ipv4Routes(): Uint8Array[] {
  return [4, 5].flatMap((ptr, k) => {
    const port = 42001 + k, dst = ptr === 4 ? S4 : HOP4;
    return [
      ipv4Routed(C4, HOP4, S4, ptr, tcp4(C4, dst, port, 80, 100, 0, 0x02)),
      plain4(dst, C4, tcp4(dst, C4, 80, port, 500, 101, 0x12)),
      ipv4Routed(C4, HOP4, S4, ptr, tcp4(C4, dst, port, 80, 101, 501, 0x10)),
    ];
  });
}

function routingCapture(): string {
  const frames = [
    ...ipv4Routes(),
    ...conversation(41001, CARE_OF, SERVER, 60, homeAddressOption(HOME), HOME, SERVER),
    ...conversation(41002, CARE_OF, HOP, 43, routing(0, 1, [HOP, SERVER]), CARE_OF, SERVER),
    ...conversation(41003, CARE_OF, SERVER, 43, routing(0, 0, [HOP, HOP]), CARE_OF, SERVER),   // no segments left
    ...conversation(41004, CARE_OF, HOP, 43, routing(2, 1, [SERVER]), CARE_OF, SERVER),
    ...conversation(41005, CARE_OF, HOP, 43, routing(4, 1, [SERVER, HOP], true), CARE_OF, SERVER),
  ];
  return writePcap('ip-routing', 'ip-routing', frames);
}

describe('IP source routes, home addresses and routing headers', () => {
  it('give TCP the addresses packet-ip.c and packet-ipv6.c hand upper layers: one stream per handshake', () => {
    const rows = tcpFieldRows(routingCapture(), ['tcp.stream', 'ip.dst'], true);
    expect([...rows.values()].map((v) => v[0])).toEqual(['0', '1', '2', '3', '4', '5', '6'].flatMap((s) => [s, s, s]));
    expect(rows.get(1)?.[1]).toBe('10.0.0.2');
  });

  it.skipIf(!requireTool('tshark'))('agree with tshark on every -T fields field and -z conv,tcp', () => {
    expectSameAsTshark(routingCapture(), 'IP source routes, home addresses and routing headers');
  });
});
