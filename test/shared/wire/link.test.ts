import { describe, expect, it } from 'vitest';
import {
  ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, LINKTYPE_ARCNET_LINUX, LINKTYPE_ETHERNET, LINKTYPE_ETHERNET_MPACKET,
  LINKTYPE_FDDI, LINKTYPE_IEEE802_11, LINKTYPE_IEEE802_11_RADIOTAP, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL, LINKTYPE_PPI, LINKTYPE_RAW, LinkReader, NEXT_ETHERNET, NEXT_IEEE80211,
  NEXT_IP_BY_VERSION, NEXT_LLC, NEXT_NONE, etherTypeName,
} from '../../../shared/wire/link';
import { WireProblemCode } from '../../../shared/wire/wire-problem';
import { SLL_SYN_FRAME, hex, viewAt } from './wire-fixtures';

function read(bytes: Uint8Array, linkType: number, pad = 0) {
  const r = new LinkReader();
  const p = r.reset(viewAt(bytes, pad), pad, bytes.length, linkType);
  return { p, type: r.nextType, at: r.nextOffset - pad };
}

// 8-byte PPI header (version 0, length 8, DLT 1) around nothing; the PPI file in the corpus uses DLT 105.
const PPI_ETH = hex`0000 0800 0100 0000`;
// SLL2 header (protocol 0x0800, ifindex 2, ARPHRD 1, outgoing, 6-byte address) from zeek tls/openjdk capture layout.
const SLL2 = hex`0800 0000 0000 0002 0001 0406 0011 2233 4455 0000`;

describe('LinkReader', () => {
  it('NULL: family 2 little-endian (seed-lo0.pcap, macOS) and big-endian both mean IPv4', () => {
    expect(read(hex`0200 0000`, LINKTYPE_NULL)).toEqual({ p: null, type: ETHERTYPE_IPV4, at: 4 });
    expect(read(hex`0000 0002`, LINKTYPE_NULL)).toEqual({ p: null, type: ETHERTYPE_IPV4, at: 4 });
  });

  it('NULL: the BSD IPv6 families 24, 28, 30 mean IPv6 in either byte order; Linux 10 is not in tshark\'s null.type', () => {
    for (const f of [24, 28, 30]) {
      expect(read(hex`${f.toString(16).padStart(2, '0')}00 0000`, LINKTYPE_NULL).type).toBe(ETHERTYPE_IPV6);
      expect(read(hex`0000 00${f.toString(16).padStart(2, '0')}`, LINKTYPE_NULL).type).toBe(ETHERTYPE_IPV6);
    }
    expect(read(hex`0a00 0000`, LINKTYPE_NULL).type).toBe(NEXT_NONE);
    expect(read(hex`0700 0000`, LINKTYPE_NULL).type).toBe(NEXT_NONE);
  });

  it('NULL: above 1500 the guessed value is an EtherType (packet-null.c)', () => {
    expect(read(hex`0200 0800`, LINKTYPE_NULL).type).toBe(ETHERTYPE_IPV4);
    expect(read(hex`0000 0800`, LINKTYPE_NULL).type).toBe(ETHERTYPE_IPV4);
    expect(read(hex`0800 0000`, LINKTYPE_NULL).type).toBe(NEXT_NONE);   // family 8: nothing registered
  });

  it('LOOP is always network byte order', () => {
    expect(read(hex`0000 0002`, LINKTYPE_LOOP).type).toBe(ETHERTYPE_IPV4);
    expect(read(hex`0200 0000`, LINKTYPE_LOOP).type).toBe(NEXT_NONE);
    expect(read(hex`0000 0018`, LINKTYPE_LOOP).type).toBe(ETHERTYPE_IPV6);
  });

  it('Ethernet hands the whole frame to the EtherType chain', () => {
    expect(read(new Uint8Array(14), LINKTYPE_ETHERNET, 5)).toEqual({ p: null, type: NEXT_ETHERNET, at: 0 });
  });

  it('RAW, DLT 12 and 14 decide by version nibble; IPV4/IPV6 link types name the version', () => {
    for (const lt of [LINKTYPE_RAW, 12, 14]) expect(read(hex`45`, lt).type).toBe(NEXT_IP_BY_VERSION);
    expect(read(hex`45`, LINKTYPE_IPV4).type).toBe(ETHERTYPE_IPV4);
    expect(read(hex`60`, LINKTYPE_IPV6).type).toBe(ETHERTYPE_IPV6);
  });

  it('Linux SLL: protocol at offset 14, payload at 16 (tcp-handshake-nano.pcap)', () => {
    expect(read(SLL_SYN_FRAME, LINKTYPE_LINUX_SLL)).toEqual({ p: null, type: ETHERTYPE_IPV4, at: 16 });
    const llc = SLL_SYN_FRAME.slice(0, 16); llc[14] = 0; llc[15] = 4;
    expect(read(llc, LINKTYPE_LINUX_SLL).type).toBe(NEXT_LLC);
  });

  it('Linux SLL/SLL2 netlink captures (ARPHRD 824) carry no EtherType', () => {
    const sll = SLL_SYN_FRAME.slice(0, 16); sll[2] = 0x03; sll[3] = 0x38;
    expect(read(sll, LINKTYPE_LINUX_SLL).type).toBe(NEXT_NONE);
    const sll2 = SLL2.slice(); sll2[8] = 0x03; sll2[9] = 0x38;
    expect(read(sll2, LINKTYPE_LINUX_SLL2).type).toBe(NEXT_NONE);
  });

  it('Linux SLL2: protocol at offset 0, payload at 20', () => {
    expect(read(SLL2, LINKTYPE_LINUX_SLL2)).toEqual({ p: null, type: ETHERTYPE_IPV4, at: 20 });
  });

  it('PPI: little-endian header length and inner DLT', () => {
    expect(read(PPI_ETH, LINKTYPE_PPI)).toEqual({ p: null, type: NEXT_ETHERNET, at: 8 });
    expect(read(hex`0000 0800 c000 0000`, LINKTYPE_PPI).p?.code).toBe(WireProblemCode.tooDeep);
  });

  it('FDDI: 13-byte header then LLC for async LLC frames only', () => {
    const f = new Uint8Array(13); f[0] = 0x50;
    expect(read(f, LINKTYPE_FDDI)).toEqual({ p: null, type: NEXT_LLC, at: 13 });
    f[0] = 0x41;
    expect(read(f, LINKTYPE_FDDI).type).toBe(NEXT_NONE);
  });

  it('Linux ARCnet: RFC 1201 IP/ARP have an 8-byte header, the old types 5 bytes', () => {
    expect(read(hex`0102 0000 d400 0000`, LINKTYPE_ARCNET_LINUX)).toEqual({ p: null, type: ETHERTYPE_IPV4, at: 8 });
    expect(read(hex`0102 0000 d500 0000`, LINKTYPE_ARCNET_LINUX).type).toBe(ETHERTYPE_ARP);
    expect(read(hex`0102 0000 f0`, LINKTYPE_ARCNET_LINUX)).toEqual({ p: null, type: ETHERTYPE_IPV4, at: 5 });
  });

  it('802.11 frames go to the EtherType chain (ieee80211.ts reads header and payload there); a cut header is linkTruncated', () => {
    const qos = new Uint8Array(26); qos[0] = 0x88; qos[1] = 0x01;
    expect(read(qos, LINKTYPE_IEEE802_11)).toEqual({ p: null, type: NEXT_IEEE80211, at: 0 });
    const radiotap = new Uint8Array(8 + 24); radiotap[2] = 8; radiotap[8] = 0x08;
    expect(read(radiotap, LINKTYPE_IEEE802_11_RADIOTAP)).toEqual({ p: null, type: NEXT_IEEE80211, at: 8 });
    expect(read(qos.subarray(0, 20), LINKTYPE_IEEE802_11).p?.code).toBe(WireProblemCode.linkTruncated);
  });

  it('ETHERNET_MPACKET: preamble + SMD-E then Ethernet', () => {
    expect(read(hex`5555 5555 5555 55d5`, LINKTYPE_ETHERNET_MPACKET)).toEqual({ p: null, type: NEXT_ETHERNET, at: 8 });
  });

  it('every truncated prefix of each link header is linkTruncated, never a throw', () => {
    const cases: [Uint8Array, number][] = [
      [hex`0200 0000`, LINKTYPE_NULL], [hex`0000 0002`, LINKTYPE_LOOP], [SLL_SYN_FRAME.slice(0, 16), LINKTYPE_LINUX_SLL],
      [SLL2, LINKTYPE_LINUX_SLL2], [PPI_ETH, LINKTYPE_PPI], [new Uint8Array(13), LINKTYPE_FDDI],
      [hex`0102 0000 d400 0000`, LINKTYPE_ARCNET_LINUX], [hex`5555 5555 5555 55d5`, LINKTYPE_ETHERNET_MPACKET],
    ];
    for (const [bytes, lt] of cases) {
      for (let n = 0; n < bytes.length; n++) {
        expect(read(bytes.slice(0, n), lt).p?.code, `link ${lt} prefix ${n}`).toBe(WireProblemCode.linkTruncated);
      }
    }
  });

  it('an unknown link type is linkUnsupported', () => {
    expect(read(hex`00`, 9999).p?.code).toBe(WireProblemCode.linkUnsupported);
  });

  it('names EtherTypes', () => {
    expect(etherTypeName(0x0800)).toBe('IPv4');
    expect(etherTypeName(0x1234)).toBe('Unknown');
  });
});
