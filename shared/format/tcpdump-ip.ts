/**
 * IPv4 as tcpdump -vv prints it (print-ip.c ip_print, tcpdump 4.99.3, built without GUESS_TSO as Debian's
 * is): "IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60[, options (…)][, bad cksum
 * 0 (->b12f)!])" then a newline and four spaces, then the transport. Non-first fragments print
 * "src > dst: ip-proto-N". The snapshot end is pulled in to the datagram's end, so bytes past the IP total
 * length (Ethernet padding) are never read as TCP.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hex } from './tcpdump-context';
import { ipv4String } from './tcpdump-address';
import { checksumShouldBe, finishSum, sumWords } from './tcpdump-checksum';
import { printIpOptions } from './tcpdump-ip-options';
import { printIpPayload, type PayloadPrinters } from './tcpdump-ip-demux';

/** tcpdump's ipproto_values. */
export const IP_PROTO_NAMES: Record<number, string> = {
  0: 'Options', 1: 'ICMP', 2: 'IGMP', 4: 'IPIP', 6: 'TCP', 8: 'EGP', 9: 'IGRP', 17: 'UDP', 33: 'DCCP', 41: 'IPv6',
  43: 'Routing', 44: 'Fragment', 46: 'RSVP', 47: 'GRE', 50: 'ESP', 51: 'AH', 55: 'Mobile IP', 58: 'ICMPv6',
  62: 'Mobile IP (old)', 88: 'EIGRP', 89: 'OSPF', 103: 'PIM', 108: 'Compressed IP', 112: 'VRRP', 113: 'PGM',
  132: 'SCTP', 135: 'Mobility', 143: 'Ethernet',
};

/** ip_print(bp = `at`, length = bytes the link layer says follow, from the original length). */
export function printIpv4(ctx: TcpdumpContext, at: number, length: number, next: PayloadPrinters): void {
  ctx.protocol = 'ip';
  if (!ctx.need(at, 1)) return;
  const version = ctx.u8(at) >> 4;
  if (version !== 4) {
    ctx.print(version === 6 ? 'IP6, wrong link-layer encapsulation' : `IP${version}`);
    ctx.print(' (invalid)');
    return;
  }
  ctx.print('IP ');
  if (!ctx.has(at, 20)) { ctx.printTrunc(); return; }
  if (length < 20) { ctx.print(`truncated-ip ${length}`); return; }
  const hlen = (ctx.u8(at) & 0x0f) * 4;
  if (hlen < 20) { ctx.print(`bad-hlen ${hlen}`); return; }
  let len = ctx.u16(at + 2);
  if (length < len) ctx.print(`truncated-ip - ${len - length} bytes missing! `);
  if (len < hlen) { ctx.print(`bad-len ${len}`); return; }
  ctx.snapEnd = Math.min(ctx.snapEnd, at + len);
  len -= hlen;
  const off = ctx.u16(at + 6), proto = ctx.u8(at + 9);
  const truncatedOptions = printHeaderFields(ctx, at, hlen, off, proto);
  if (ctx.stopped) return;
  const src = ipv4String(ctx.view, at + 12), dst = ipv4String(ctx.view, at + 16);
  if (truncatedOptions) {
    ctx.print(`${src} > ${dst}: `);
    ctx.printTrunc();
    return;
  }
  printPayload(ctx, at, hlen, len, off, proto, `${src} > ${dst}:`, next);
}

/** A first fragment goes to the transport printer; later ones print "src > dst: ip-proto-N". */
function printPayload(ctx: TcpdumpContext, at: number, hlen: number, len: number, off: number, proto: number,
  addresses: string, next: PayloadPrinters): void {
  if ((off & 0x1fff) !== 0) {
    ctx.print(`${addresses} ip-proto-${proto}`);
    return;
  }
  if (proto !== 6 && proto !== 17 && proto !== 132 && proto !== 33) ctx.print(`${addresses} `);
  if (!ctx.has(at, hlen)) {
    ctx.print(` [remaining caplen(${ctx.availableAfter(at)}) < header length(${hlen})]`);
    ctx.stopped = true;
    return;
  }
  printIpPayload(ctx, at + hlen, len, { version: 4, ipAt: at, datagramEnd: at + hlen + len }, (off & 0x2000) !== 0,
    proto, next);
}

/** The "(tos …)\n    " block; returns true when the options were truncated. */
function printHeaderFields(ctx: TcpdumpContext, at: number, hlen: number, off: number, proto: number): boolean {
  const tos = ctx.u8(at + 1);
  ctx.print(`(tos 0x${hex(tos)}`);
  ctx.print(['', ',ECT(1)', ',ECT(0)', ',CE'][tos & 3]);
  const ttl = ctx.u8(at + 8);
  if (ttl >= 1) ctx.print(`, ttl ${ttl}`);
  ctx.print(`, id ${ctx.u16(at + 4)}, offset ${(off & 0x1fff) * 8}, flags [${fragmentFlags(off)}]`);
  ctx.print(`, proto ${IP_PROTO_NAMES[proto] ?? 'unknown'} (${proto}), length ${ctx.u16(at + 2)}`);
  let truncated = false;
  if (hlen > 20) {
    ctx.print(', options (');
    if (!printIpOptions(ctx, at + 20, hlen - 20)) {
      if (ctx.stopped) return false;
      ctx.print(' [truncated-option]');
      truncated = true;
    }
    if (ctx.stopped) return false;
    ctx.print(')');
  }
  if (at + hlen <= ctx.snapEnd) {
    const sum = finishSum(sumWords(ctx.view, at, hlen, 0));
    if (sum !== 0) {
      const field = ctx.u16(at + 10);
      ctx.print(`, bad cksum ${hex(field)} (->${hex(checksumShouldBe(field, sum))})!`);
    }
  }
  ctx.print(')\n    ');
  return truncated;
}

/** bittok2str(ip_frag_values, "none", …) with ", " between names, in table order. */
function fragmentFlags(off: number): string {
  const names: string[] = [];
  if (off & 0x2000) names.push('+');
  if (off & 0x4000) names.push('DF');
  if (off & 0x8000) names.push('rsvd');
  return names.length ? names.join(', ') : 'none';
}
