/**
 * ip_demux_print: hands an IP payload to the transport printer. TCP, ICMP (tcpdump-icmp.ts) and ICMPv6
 * (tcpdump-icmp6.ts) are printed as tcpdump does; UDP gets a short tcpdump-like summary; other protocols
 * " ip-proto-N LEN" as with -nn.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hexPad } from './tcpdump-context';
import { ipv4String, ipv6String } from './tcpdump-address';
import { checksumShouldBe, ipv4TransportChecksum, ipv6TransportChecksum } from './tcpdump-checksum';
import { printIcmp } from './tcpdump-icmp';
import { printIcmp6 } from './tcpdump-icmp6';
import { printTcp, type TcpdumpIpInfo, type TcpPrintOptions } from './tcpdump-tcp';

/** What the transport printers need from the caller. */
export interface PayloadPrinters { tcp: TcpPrintOptions }

export function printIpPayload(ctx: TcpdumpContext, at: number, length: number, ip: TcpdumpIpInfo,
  fragmented: boolean, proto: number, next: PayloadPrinters): void {
  switch (proto) {
    case 6: printTcp(ctx, at, length, ip, fragmented, next.tcp); return;
    case 17: printUdp(ctx, at, length, ip, fragmented); return;
    case 1:
      if (ip.version === 4) printIcmp(ctx, at, length, fragmented, next);
      else ctx.print('[ICMP requires IPv4] (invalid)');
      return;
    case 58:
      if (ip.version === 6) printIcmp6(ctx, at, length, ip, fragmented);
      else ctx.print('[ICMPv6 requires IPv6] (invalid)');
      return;
    default: ctx.print(` ip-proto-${proto} ${length}`);
  }
}

function addresses(ctx: TcpdumpContext, ip: TcpdumpIpInfo): [string, string] {
  return ip.version === 6
    ? [ipv6String(ctx.view, ip.ipAt + 8), ipv6String(ctx.view, ip.ipAt + 24)]
    : [ipv4String(ctx.view, ip.ipAt + 12), ipv4String(ctx.view, ip.ipAt + 16)];
}

/** udp_print for a port tcpdump has no dissector for: checksum verdict (-vv) and "UDP, length N". */
function printUdp(ctx: TcpdumpContext, at: number, length: number, ip: TcpdumpIpInfo, fragmented: boolean): void {
  ctx.protocol = 'udp';
  const lengthField = printUdpPorts(ctx, at, length, ip);
  if (lengthField < 0) return;
  // Payload lengths from here: the UDP length field's and the IP layer's, the smaller one counting.
  const ulen = lengthField - 8;
  const len = Math.min(ulen, length - 8);
  if (!fragmented) printUdpChecksum(ctx, at, len, ip);
  ctx.print(ulen > len && !fragmented ? `UDP, bad length ${ulen} > ${len}` : `UDP, length ${ulen}`);
}

/** "[udp sum ok] ", "[bad udp cksum …] ", "[no cksum] " (IPv4 only: zero means none), or nothing if not captured. */
function printUdpChecksum(ctx: TcpdumpContext, at: number, len: number, ip: TcpdumpIpInfo): void {
  const field = ctx.u16(at + 6);
  if (ip.version === 4 && field === 0) { ctx.print('[no cksum] '); return; }
  if (!ctx.has(at + 8, len)) return;
  const sum = ip.version === 4
    ? ipv4TransportChecksum(ctx.view, ip.ipAt, at, len + 8, 17)
    : ipv6TransportChecksum(ctx.view, ip.ipAt, at, len + 8, 17, ctx.snapEnd);
  ctx.print(sum === 0 ? '[udp sum ok] '
    : `[bad udp cksum 0x${hexPad(field, 4)} -> 0x${hexPad(checksumShouldBe(field, sum), 4)}!] `);
}

/**
 * The start of udp_print: the ports (udpipaddr_print: with the addresses when the IP header's next protocol is
 * UDP) and the checks of a short or cut header. The UDP length field, or -1 when the line is finished.
 */
function printUdpPorts(ctx: TcpdumpContext, at: number, length: number, ip: TcpdumpIpInfo): number {
  const [src, dst] = addresses(ctx, ip);
  const direct = ctx.u8(ip.ipAt + (ip.version === 6 ? 6 : 9)) === 17;
  if (!ctx.has(at + 2, 2)) {
    if (direct) ctx.print(`${src} > ${dst}: `);
    ctx.printTrunc();
    return -1;
  }
  const sport = ctx.u16(at), dport = ctx.u16(at + 2);
  ctx.print(direct ? `${src}.${sport} > ${dst}.${dport}: ` : `${sport} > ${dport}: `);
  if (length < 8) { ctx.print(`truncated-udp ${length}`); return -1; }
  const ulen = ctx.has(at + 4, 2) ? ctx.u16(at + 4) : -1;
  if (ulen >= 0 && ulen < 8) { ctx.print(`truncated-udplength ${ulen}`); return -1; }
  if (ulen < 0 || !ctx.has(at, 8)) { ctx.printTrunc(); return -1; }
  return ulen;
}
