/**
 * The link-layer step of tcpdump's pretty printer without -e: which bytes hold the network layer and what
 * tcpdump writes before it. Ethernet (with 802.1Q/QinQ tags skipped silently and MPLS labels printed),
 * NULL/LOOP, RAW/IPV4/IPV6, Linux SLL (nothing) and SLL2 ("ifname dir " — the interface name resolved on
 * this machine as tcpdump's if_indextoname does), PPI (the inner link type), radiotap (its fields, then the 802.11
 * frame). Other link types use the IP
 * offset the packet decoder found.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hexPad } from './tcpdump-context';
import type { DecodedPacket } from '../wire/decoded-packet';
import { ipv4String } from './tcpdump-address';
import { printIpv4 } from './tcpdump-ip';
import { printIpv6 } from './tcpdump-ip6';
import type { PayloadPrinters } from './tcpdump-ip-demux';
import { LINKTYPE_IEEE802_11, llcNetwork } from './tcpdump-link-llc';
import { printRadiotap } from './tcpdump-radiotap';

/** Names an interface index (SLL2); tcpdump asks the local kernel, so the answer depends on the host. */
export type InterfaceNamer = (index: number) => string | undefined;

export interface LinkPrintOptions extends PayloadPrinters { interfaceName?: InterfaceNamer }

const SLL_PKTTYPES: Record<number, string> = { 0: 'In', 1: 'B', 2: 'M', 3: 'P', 4: 'Out' };

/** Prints the frame starting at `at` of link type `linkType`; `length` is the original (wire) length. */
export function printLink(ctx: TcpdumpContext, linkType: number, at: number, length: number, decoded: DecodedPacket,
  opts: LinkPrintOptions): void {
  switch (linkType) {
    case 0: case 108: return printNull(ctx, linkType, at, length, opts);
    case 1: return printEthertype(ctx, 12, at, length, opts, 14);
    case 101: case 12: case 14: return printRawIp(ctx, at, length, opts);
    case 228: printIpv4(ctx, at, length, opts); return;
    case 229: printIpv6(ctx, at, length, opts); return;
    case 113: return printEthertype(ctx, 14, at, length, opts, 16);
    case 276: return printSll2(ctx, at, length, decoded, opts);
    case 192: return printPpi(ctx, at, length, decoded, opts);
    case 127: return printRadiotapFrame(ctx, at, length, opts);
    default: return printFromDecoder(ctx, linkType, at, length, decoded, opts);
  }
}

function printNull(ctx: TcpdumpContext, linkType: number, at: number, length: number, opts: LinkPrintOptions): void {
  ctx.protocol = 'null';
  if (!ctx.need(at, 4)) return;
  let family = linkType === 108 ? ctx.u32(at) : ctx.view.getUint32(at, true);
  // "If the upper 16 bits aren't all zero, assume it's byte-swapped" (print-null.c).
  if ((family & 0xffff0000) !== 0) {
    family = ((family & 0xff) << 24 | (family & 0xff00) << 8 | (family >>> 8) & 0xff00 | family >>> 24) >>> 0;
  }
  if (family === 2) printIpv4(ctx, at + 4, length - 4, opts);
  else if (family === 24 || family === 28 || family === 30) printIpv6(ctx, at + 4, length - 4, opts);
  else ctx.print(`Unknown AF ${family}, length ${length}: `);
}

function printRawIp(ctx: TcpdumpContext, at: number, length: number, opts: LinkPrintOptions): void {
  ctx.protocol = 'ipn';
  if (length < 1) { ctx.print(`truncated-ip ${length}`); return; }
  if (!ctx.need(at, 1)) return;
  const v = ctx.u8(at) >> 4;
  if (v === 4) printIpv4(ctx, at, length, opts);
  else if (v === 6) printIpv6(ctx, at, length, opts);
  else ctx.print(`unknown ip ${v}`);
}

/** Ethernet (type at offset 12) and Linux SLL (type at 14): VLAN tags skipped, MPLS printed, then the network layer. */
function printEthertype(ctx: TcpdumpContext, typeAt: number, at: number, length: number, opts: LinkPrintOptions,
  headerLen: number): void {
  ctx.protocol = headerLen === 14 ? 'ether' : 'sll';
  if (!ctx.need(at, headerLen)) return;
  let p = at + typeAt;
  let type = ctx.u16(p);
  p += 2;
  while (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
    if (!ctx.need(p, 4)) return;
    type = ctx.u16(p + 2);
    p += 4;
  }
  printNetwork(ctx, type, p, length - (p - at), opts);
}

function printNetwork(ctx: TcpdumpContext, type: number, at: number, length: number, opts: LinkPrintOptions): void {
  switch (type) {
    case 0x0800: printIpv4(ctx, at, length, opts); return;
    case 0x86dd: printIpv6(ctx, at, length, opts); return;
    case 0x0806: printArp(ctx, at, length); return;
    case 0x8847: printMpls(ctx, at, length, opts); return;
    default: ctx.print(`ethertype 0x${hexPad(type, 4)}, length ${length}`);
  }
}

/** MPLS label stack (RFC 3032), then IPv4/IPv6 by the first nibble, as tcpdump's mpls_print guesses. */
function printMpls(ctx: TcpdumpContext, at: number, length: number, opts: LinkPrintOptions): void {
  ctx.protocol = 'mpls';
  let p = at;
  let sep = 'MPLS (';
  for (;;) {
    if (!ctx.need(p, 4)) return;
    const e = ctx.u32(p);
    const bottom = (e & 0x100) !== 0;
    ctx.print(`${sep}label ${e >>> 12}, tc ${(e >> 9) & 7}${bottom ? ', [S]' : ''}, ttl ${e & 0xff}`);
    sep = ', ';
    p += 4;
    if (bottom) break;
  }
  ctx.print(')\n\t');
  if (!ctx.need(p, 1)) return;
  const v = ctx.u8(p) >> 4;
  if (v === 4) printIpv4(ctx, p, length - (p - at), opts);
  else if (v === 6) printIpv6(ctx, p, length - (p - at), opts);
}

function printSll2(ctx: TcpdumpContext, at: number, length: number, decoded: DecodedPacket, opts: LinkPrintOptions): void {
  ctx.protocol = 'sll2';
  if (!ctx.need(at, 20)) return;
  const name = opts.interfaceName?.(ctx.u32(at + 4)) ?? '?';
  ctx.print(`${name.padEnd(5)} ${(SLL_PKTTYPES[ctx.u8(at + 10)] ?? '?').padEnd(3)} `);
  if (ctx.u16(at + 8) === 803) { printFromDecoder(ctx, 276, at, length, decoded, opts); return; }
  printNetwork(ctx, ctx.u16(at), at + 20, length - 20, opts);
}

function printPpi(ctx: TcpdumpContext, at: number, length: number, decoded: DecodedPacket, opts: LinkPrintOptions): void {
  ctx.protocol = 'ppi';
  if (!ctx.has(at, 8)) { ctx.printTrunc(); return; }
  const len = ctx.view.getUint16(at + 2, true);
  const dlt = ctx.view.getUint32(at + 4, true);
  if (len < 8 || len > 65532) { ctx.print(` [length ${len} < 8 or > 65532] (invalid)`); return; }
  if (!ctx.has(at, len)) { ctx.printTrunc(); return; }
  printLink(ctx, dlt, at + len, length - len, decoded, opts);
}

/** Radiotap's fields, then the 802.11 data frame's network layer (its FCS, if the flags say so, left out). */
function printRadiotapFrame(ctx: TcpdumpContext, at: number, length: number, opts: LinkPrintOptions): void {
  const radio = printRadiotap(ctx, at);
  if (!radio) return;
  const frame = at + radio.length;
  let frameLength = length - radio.length;
  ctx.protocol = '802.11';
  if (radio.fcs) {
    if (frameLength < 4) { ctx.printTrunc(); return; }
    frameLength -= 4;
    ctx.snapEnd = Math.min(ctx.snapEnd, frame + frameLength);
  }
  const llc = llcNetwork(ctx.view, LINKTYPE_IEEE802_11, frame, ctx.snapEnd, radio.datapad);
  if (llc) printNetwork(ctx, llc.type, llc.at, frameLength - (llc.at - frame), opts);
}

/** ARP summary as tcpdump -vv writes it for Ethernet/IPv4 (print-arp.c). */
function printArp(ctx: TcpdumpContext, at: number, length: number): void {
  ctx.protocol = 'arp';
  if (!ctx.need(at, 28)) return;
  const op = ctx.u16(at + 6);
  const sha = macString(ctx, at + 8), spa = ipv4String(ctx.view, at + 14), tpa = ipv4String(ctx.view, at + 24);
  ctx.print('ARP, Ethernet (len 6), IPv4 (len 4), ');
  if (op === 1) ctx.print(`Request who-has ${tpa} tell ${spa}`);
  else if (op === 2) ctx.print(`Reply ${spa} is-at ${sha}`);
  else ctx.print(`Unknown (${op})`);
  ctx.print(`, length ${length}`);
}

function macString(ctx: TcpdumpContext, at: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push(hexPad(ctx.u8(at + i), 2));
  return parts.join(':');
}

/**
 * FDDI, 802.11 and Linux ARCnet via their LLC/SNAP (or ARCnet type) header; other link types start at the
 * decoder's first IP header.
 */
function printFromDecoder(ctx: TcpdumpContext, linkType: number, at: number, length: number, decoded: DecodedPacket,
  opts: LinkPrintOptions): void {
  const llc = llcNetwork(ctx.view, linkType, at, ctx.snapEnd);
  if (llc) { printNetwork(ctx, llc.type, llc.at, length - (llc.at - at), opts); return; }
  if (decoded.l3 === 0 || decoded.outerIpOffset < at || !ctx.has(decoded.outerIpOffset, 1)) {
    ctx.print(`[link type ${linkType}], length ${length}`);
    return;
  }
  const ipAt = decoded.outerIpOffset;
  const v = ctx.u8(ipAt) >> 4;
  if (v === 6) printIpv6(ctx, ipAt, length - (ipAt - at), opts);
  else printIpv4(ctx, ipAt, length - (ipAt - at), opts);
}
