/**
 * ip_demux_print: hands an IP payload to the transport printer. TCP is printed exactly as tcpdump does;
 * UDP, ICMP and ICMPv6 get a short tcpdump-like summary; other protocols " ip-proto-N LEN" as with -nn.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hexPad } from './tcpdump-context';
import { ipv4String, ipv6String } from './tcpdump-address';
import { checksumShouldBe, ipv4TransportChecksum, ipv6TransportChecksum } from './tcpdump-checksum';
import { printTcp, type TcpdumpIpInfo, type TcpPrintOptions } from './tcpdump-tcp';

/** What the transport printers need from the caller. */
export interface PayloadPrinters { tcp: TcpPrintOptions }

export function printIpPayload(ctx: TcpdumpContext, at: number, length: number, ip: TcpdumpIpInfo,
  fragmented: boolean, proto: number, next: PayloadPrinters): void {
  switch (proto) {
    case 6: printTcp(ctx, at, length, ip, fragmented, next.tcp); return;
    case 17: printUdp(ctx, at, length, ip, fragmented); return;
    case 1: printIcmp(ctx, at, length, false); return;
    case 58: printIcmp(ctx, at, length, true); return;
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
  const [src, dst] = addresses(ctx, ip);
  if (!ctx.has(at, 8)) {
    ctx.print(`${src} > ${dst}:`);
    ctx.printTrunc();
    return;
  }
  const sport = ctx.u16(at), dport = ctx.u16(at + 2), ulen = ctx.u16(at + 4), field = ctx.u16(at + 6);
  ctx.print(`${src}.${sport} > ${dst}.${dport}: `);
  if (ulen < 8 || ulen > length) {
    ctx.print(`UDP, bad length ${ulen} > ${length}`);
    return;
  }
  if (!fragmented && ctx.has(at, ulen) && !(ip.version === 4 && field === 0)) {
    const sum = ip.version === 4
      ? ipv4TransportChecksum(ctx.view, ip.ipAt, at, ulen, 17)
      : ipv6TransportChecksum(ctx.view, ip.ipAt, at, ulen, 17, ctx.snapEnd);
    ctx.print(sum === 0 ? '[udp sum ok] '
      : `[bad udp cksum 0x${hexPad(field, 4)} -> 0x${hexPad(checksumShouldBe(field, sum), 4)}!] `);
  } else if (ip.version === 4 && field === 0) {
    ctx.print('[no cksum] ');
  }
  ctx.print(`UDP, length ${ulen - 8}`);
}

const ICMP_TYPES: Record<number, string> = {
  0: 'echo reply', 3: 'unreachable', 4: 'source quench', 5: 'redirect', 8: 'echo request', 11: 'time exceeded',
  12: 'parameter problem', 13: 'time stamp request', 14: 'time stamp reply',
};
const ICMP6_TYPES: Record<number, string> = {
  1: 'destination unreachable', 2: 'packet too big', 3: 'time exceeded in-transit', 4: 'parameter problem',
  128: 'echo request', 129: 'echo reply', 133: 'router solicitation', 134: 'router advertisement',
  135: 'neighbor solicitation', 136: 'neighbor advertisement',
};

/** ICMP / ICMPv6 summary: type name, and id/seq for echo messages. */
function printIcmp(ctx: TcpdumpContext, at: number, length: number, v6: boolean): void {
  ctx.protocol = v6 ? 'icmp6' : 'icmp';
  if (!ctx.need(at, 4)) return;
  const type = ctx.u8(at);
  const name = (v6 ? ICMP6_TYPES : ICMP_TYPES)[type] ?? `type-#${type}`;
  const echo = v6 ? type === 128 || type === 129 : type === 0 || type === 8;
  ctx.print(v6 ? `ICMP6, ${name}` : `ICMP ${name}`);
  if (echo && ctx.has(at + 4, 4)) ctx.print(`, id ${ctx.u16(at + 4)}, seq ${ctx.u16(at + 6)}`);
  ctx.print(`, length ${length}`);
}
