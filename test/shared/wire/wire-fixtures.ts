/**
 * Hex fixtures for the shared/wire tests, each with the tcpdump line that describes it (tcpdump 4.99
 * `-nn -vv -xx`) and where it came from. Offsets in the tests are into these arrays.
 */

/** Bytes from hex text; whitespace and newlines are ignored. */
export function hex(strings: TemplateStringsArray, ...values: unknown[]): Uint8Array {
  const text = String.raw({ raw: strings }, ...values).replace(/\s+/g, '');
  if (text.length % 2 !== 0) throw new Error('odd number of hex digits');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A DataView over a copy of `bytes` placed `pad` bytes into a larger buffer (views must honour `at`). */
export function viewAt(bytes: Uint8Array, pad = 0): DataView {
  const buf = new Uint8Array(bytes.length + pad + 7);
  buf.fill(0xee);
  buf.set(bytes, pad);
  return new DataView(buf.buffer, 0, bytes.length + pad);
}

// ../shared/seed/seed-lo0.pcap frame 1 (LINKTYPE_NULL, little-endian family 2):
// IP (tos 0x10, ttl 64, id 35702, offset 0, flags [DF], proto TCP (6), length 64, bad cksum 0 (->b12f)!)
//   127.0.0.1.57273 > 127.0.0.1.8080: Flags [S], cksum 0xfe34 (incorrect -> 0x3271), seq 84347051, win 65535,
//   options [mss 16344,nop,wscale 5,nop,nop,TS val 1525310591 ecr 0,sackOK,eol], length 0
export const SEED_NULL_HEADER = hex`0200 0000`;
export const SEED_SYN_IP = hex`4510 0040 8b76 4000 4006 0000 7f00 0001 7f00 0001`;
export const SEED_SYN_TCP = hex`dfb9 1f90 0507 08ab 0000 0000 b002 ffff fe34 0000
                                0204 3fd8 0103 0305 0101 080a 5aea 647f 0000 0000 0402 0000`;
export const SEED_SYN_FRAME = new Uint8Array([...SEED_NULL_HEADER, ...SEED_SYN_IP, ...SEED_SYN_TCP]);

// seed-lo0.pcap frame 2: 127.0.0.1.8080 > 127.0.0.1.57273: Flags [S.], cksum 0xfe34 (incorrect -> 0xa903),
//   seq 2958367133, ack 84347052, ... IP bad cksum 0 (->1550)!
export const SEED_SYNACK_IP_TCP = hex`4500 0040 2766 4000 4006 0000 7f00 0001 7f00 0001
  1f90 dfb9 b055 199d 0507 08ac b012 ffff fe34 0000 0204 3fd8 0103 0305 0101 080a 5aea 647f 5aea 647f 0402 0000`;

// seed-lo0.pcap frame 3: 127.0.0.1.57273 > 127.0.0.1.8080: Flags [.], cksum 0xfe28 (incorrect -> 0xf11f),
//   seq 1, ack 1, win 12759, options [nop,nop,TS val 1525310591 ecr 1525310591], length 0 (IP bad cksum 0 (->6667)!)
export const SEED_ACK_IP_TCP = hex`4510 0034 d64a 4000 4006 0000 7f00 0001 7f00 0001
  dfb9 1f90 0507 08ac b055 199e 8010 31d7 fe28 0000 0101 080a 5aea 647f 5aea 647f`;

// ../shared/corpus/zeek__chksums__ip6-tcp-bad-chksum.pcap frame 1 (Ethernet):
// IP6 (hlim 64, next-header TCP (6) payload length: 20) 2001:4f8:4:7:2e0:81ff:fe52:ffff.30000 >
//   2001:4f8:4:7:2e0:81ff:fe52:9a6b.80: Flags [S], cksum 0x0001 (incorrect -> 0x2f8a), seq 0, win 8192, length 0
export const IP6_SYN_FRAME = hex`ffff ffff ffff 0000 0000 0000 86dd 6000
  0000 0014 0640 2001 04f8 0004 0007 02e0 81ff fe52 ffff 2001 04f8 0004 0007 02e0
  81ff fe52 9a6b 7530 0050 0000 0000 0000 0000 5002 2000 0001 0000`;

// ../shared/corpus/tcpdump__tcp-handshake-nano.pcap frame 1 (LINKTYPE_LINUX_SLL):
// IP (tos 0x0, ttl 64, id 10665, offset 0, flags [DF], proto TCP (6), length 60)
//   131.155.215.69.46656 > 137.116.81.94.80: Flags [S], cksum 0x50c4 (correct), seq 797190859, win 27200,
//   options [mss 1360,sackOK,TS val 1131021154 ecr 0,nop,wscale 7], length 0
export const SLL_SYN_FRAME = hex`0004 0200 0000 0000 0000 0000 0000 0800
  4500 003c 29a9 4000 4006 db5f 839b d745 8974 515e b640 0050 2f84 2acb 0000 0000
  a002 6a40 50c4 0000 0204 0550 0402 080a 436a 0362 0000 0000 0103 0307`;

// ../shared/corpus/zeek__vlan-qinqinq.pcap frame 1 (three 802.1Q tags, ids 30, 20, 10):
// IP (tos 0x0, ttl 64, id 57230, offset 0, flags [DF], proto TCP (6), length 64)
//   141.142.228.5.59856 > 192.150.187.43.80: Flags [S], cksum 0x3bc0 (correct), seq 4263588410, win 65535,
//   options [mss 1460,nop,wscale 4,nop,nop,TS val 374005024 ecr 0,sackOK,eol], length 0
export const QINQINQ_SYN_FRAME = hex`0010 db88 d2ef c8bc c896 d2a0 8100 001e
  8100 0014 8100 000a 0800 4500 0040 df8e 4000 4006 6dd3 8d8e e405 c096 bb2b e9d0
  0050 fe21 323a 0000 0000 b002 ffff 3bc0 0000 0204 05b4 0103 0304 0101 080a 164a
  dd20 0000 0000 0402 0000`;

// ../shared/corpus/tcpdump__tfo-5c1fa7f9ae91.pcap frame 1 (Ethernet):
// IP (tos 0x0, ttl 255, id 6, offset 0, flags [none], proto TCP (6), length 44)
//   192.168.0.100.13047 > 3.3.3.3.13054: Flags [S], cksum 0xb966 (correct), seq 218476388, win 1400,
//   options [exp-tfo cookiereq], length 0
export const TFO_EXP_SYN_FRAME = hex`1c7e e54c a1cb b075 0c00 0001 0800 4500
  002c 0006 0000 ff06 f4b3 c0a8 0064 0303 0303 32f7 32fe 0d05 af64 0000 0000 6002
  0578 b966 0000 fe04 f989`;

// ../shared/corpus/tcpdump__mptcp-fclose.pcap (Ethernet):
// ARP, Ethernet (len 6), IPv4 (len 4), Request who-has 10.2.1.2 tell 10.2.1.1, length 28
export const ARP_REQUEST_FRAME = hex`ffff ffff ffff 1651 5304 3f55 0806 0001
  0800 0604 0001 1651 5304 3f55 0a02 0101 0000 0000 0000 0a02 0102`;

// tcpdump__mptcp-fclose.pcap: 10.1.1.2.37479 > 10.2.1.2.2002: Flags [S], cksum 0x32dc (correct), seq 1895673170,
//   win 14600, options [mss 1460,sackOK,TS val 38230 ecr 0,nop,wscale 6,mptcp 12 capable v0 csum {0x9b59be3d695e66a7}], length 0
export const MPTCP_SYN_FRAME = hex`d606 3c4a 357a 1651 5304 3f55 0800 4500
  0048 3804 4000 3f06 eda5 0a01 0102 0a02 0102 9267 07d2 70fd ad52 0000 0000 d002
  3908 32dc 0000 0204 05b4 0402 080a 0000 9556 0000 0000 0103 0306 1e0c 0081 9b59
  be3d 695e 66a7`;

// ../shared/corpus/zeek__tcp__option-sack.pcap frame 1 (Ethernet):
// 127.0.0.1.20 > 127.0.0.1.80: Flags [S], cksum 0x5c55 (correct), seq 0, win 8192, options [sack 1 {1:16},eol], length 0
export const SACK_SYN_FRAME = hex`ffff ffff ffff 0000 0000 0000 0800 4500
  0034 0001 0000 4006 7cc1 7f00 0001 7f00 0001 0014 0050 0000 0000 0000 0000 8002
  2000 5c55 0000 050a 0000 0001 0000 0010 0000`;

/** An Ethernet II header (zero MACs) with EtherType `type`. */
export function ethernet(type: number): Uint8Array {
  const h = new Uint8Array(14);
  h[12] = type >> 8; h[13] = type & 0xff;
  return h;
}

/** Concatenates byte arrays. */
export function join(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(parts.flatMap((p) => [...p]));
}

/** The seed SYN as IPv4+TCP (no link header). */
export const SEED_SYN_IP_TCP = join(SEED_SYN_IP, SEED_SYN_TCP);
