/**
 * ICMPv6 as tcpdump -vv prints it (print-icmp6.c icmp6_print, tcpdump 4.99.3): "[icmp6 sum ok] " (or "[bad
 * icmp6 cksum 0x… -> 0x…!] "), "ICMP6, <type name>", then what the type says: the address or port that is
 * unreachable (", unreachable port, 2001:db8::2 tcp port 80"), ", mtu N", " for ADDR", ", erroneous - octet N",
 * ", id N, seq N". Unlike ICMP, tcpdump does not print the datagram an ICMPv6 error quotes, and once -v is
 * given it leaves out ", length N" except for the neighbor-discovery types and unknown ones.
 *
 * Covered: errors (1-4, every code), echo (128, 129), MLD (130-132, 143: tcpdump-icmp6-mld.ts), neighbor
 * discovery with its options (133-137) and the mobile-IPv6 types (144-147: tcpdump-icmp6-nd.ts), inverse ND
 * (141, 142), and unknown types. Not covered: router renumbering (138), node information (139, 140) and RPL
 * (155), where we print the type name only and tcpdump goes on with its own decoders. Only -vv is reproduced:
 * with -v or less tcpdump also hex-dumps unknown codes and types and prints less of MLD and ND.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hexPad } from './tcpdump-context';
import { ipv6String } from './tcpdump-address';
import { checksumShouldBe, ipv6TransportChecksum } from './tcpdump-checksum';
import { printMld } from './tcpdump-icmp6-mld';
import { printNeighborDiscovery } from './tcpdump-icmp6-nd';
import type { TcpdumpIpInfo } from './tcpdump-tcp';

/** icmp6_type_values (139 and 140 keep the first of their two names, as tok2str finds it). */
const TYPE_NAMES: Record<number, string> = {
  1: 'destination unreachable', 2: 'packet too big', 3: 'time exceeded in-transit', 4: 'parameter problem',
  128: 'echo request', 129: 'echo reply', 130: 'multicast listener query', 131: 'multicast listener report',
  132: 'multicast listener done', 133: 'router solicitation', 134: 'router advertisement',
  135: 'neighbor solicitation', 136: 'neighbor advertisement', 137: 'redirect', 138: 'router renumbering',
  139: 'who-are-you request', 140: 'who-are-you reply', 141: 'inverse neighbor solicitation',
  142: 'inverse neighbor advertisement', 143: 'multicast listener report v2', 144: 'ha discovery request',
  145: 'ha discovery reply', 146: 'mobile router solicitation', 147: 'mobile router advertisement',
  200: 'mtrace response', 201: 'mtrace message', 155: 'RPL',
};
/** "display cosmetics": with -v these types still print their length, right after the name. */
const LENGTH_AFTER_NAME = [133, 134, 135, 136, 137, 145, 147];
/** icmp6_dst_unreach_code_values, leading space of code 1 included: tcpdump prints ",  unreachable prohibited". */
const UNREACH_CODES: Record<number, string> = {
  0: 'unreachable route', 1: ' unreachable prohibited', 2: 'beyond scope', 3: 'unreachable address',
  4: 'unreachable port',
};
const PARAM_PROBLEM_CODES: Record<number, string> = {
  0: 'erroneous', 1: 'next header', 2: 'option', 3: 'incomplete header chain',
};
/** The quoted IPv6 header's addresses, counted from the ICMPv6 header. */
const QUOTED_SRC = 8 + 8, QUOTED_DST = 8 + 24;

/** icmp6_print(bp = `at`, length, bp2 = the IPv6 header, fragmented). */
export function printIcmp6(ctx: TcpdumpContext, at: number, length: number, ip: TcpdumpIpInfo,
  fragmented: boolean): void {
  ctx.protocol = 'icmp6';
  if (length === 0) { ctx.print('ICMP6, length 0 (invalid)'); return; }
  if (!fragmented && ctx.has(at, length)) {
    const sum = ipv6TransportChecksum(ctx.view, ip.ipAt, at, length, 58, ctx.snapEnd);
    const field = ctx.u16(at + 2);
    ctx.print(sum === 0 ? '[icmp6 sum ok] '
      : `[bad icmp6 cksum 0x${hexPad(field, 4)} -> 0x${hexPad(checksumShouldBe(field, sum), 4)}!] `);
  }
  if (!ctx.need(at, 1)) return;
  const type = ctx.u8(at);
  ctx.print(`ICMP6, ${TYPE_NAMES[type] ?? `unknown icmp6 type (${type})`}`);
  if (LENGTH_AFTER_NAME.includes(type)) ctx.print(`, length ${length}`);
  if (!ctx.need(at + 1, 1)) return;
  if (!printMessage(ctx, at, length, type, ctx.u8(at + 1))) ctx.printTrunc();
}

/** Everything after the type name; false where tcpdump jumps to its `trunc:` label. */
function printMessage(ctx: TcpdumpContext, at: number, length: number, type: number, code: number): boolean {
  switch (type) {
    case 1: return printUnreachable(ctx, at, code);
    case 2:
      if (ctx.need(at + 4, 4)) ctx.print(`, mtu ${ctx.u32(at + 4)}`);
      return true;
    case 3: printTimeExceeded(ctx, at, code); return true;
    case 4: return printParameterProblem(ctx, at, code);
    case 128: case 129:
      if (ctx.need(at + 4, 4)) ctx.print(`, id ${ctx.u16(at + 4)}, seq ${ctx.u16(at + 6)}`);
      return true;
    case 130: case 131: case 132: case 143: printMld(ctx, at, length, type); return true;
    case 133: case 134: case 135: case 136: case 137: case 144: case 145: case 146: case 147:
      return printNeighborDiscovery(ctx, at, length, type);
    case 141: case 142: return true;
    case 138: case 139: case 140: case 155: return true;   // not decoded (see the file comment)
    default:
      ctx.print(`, length ${length}`);
      return true;
  }
}

function printUnreachable(ctx: TcpdumpContext, at: number, code: number): boolean {
  ctx.print(`, ${UNREACH_CODES[code] ?? `unknown unreach code (${code})`}`);
  switch (code) {
    case 0: case 1: case 3: printAddress(ctx, ' ', at + QUOTED_DST); return true;
    case 2:
      if (ctx.need(at + QUOTED_DST, 16) && ctx.need(at + QUOTED_SRC, 16)) {
        ctx.print(` ${ipv6String(ctx.view, at + QUOTED_DST)}, source address ${ipv6String(ctx.view, at + QUOTED_SRC)}`);
      }
      return true;
    case 4: return printPortUnreachable(ctx, at);
    default: return true;
  }
}

function printPortUnreachable(ctx: TcpdumpContext, at: number): boolean {
  const transport = quotedTransport(ctx, at + 8);
  if (transport === null) return false;
  if (!ctx.need(at + QUOTED_DST, 16)) return true;
  const dst = ipv6String(ctx.view, at + QUOTED_DST), port = ctx.u16(transport.at + 2);
  if (transport.proto === 6) ctx.print(`, ${dst} tcp port ${port}`);
  else ctx.print(`, ${dst} udp port ${port}`);
  return true;
}

/**
 * get_upperlayer: walks the quoted datagram's extension headers (hop-by-hop, destination options, routing,
 * a first fragment, AH) to its TCP or UDP header; null when it is not there or not captured far enough.
 */
function quotedTransport(ctx: TcpdumpContext, ipAt: number): { at: number; proto: number } | null {
  if (!ctx.has(ipAt + 6, 1)) return null;
  let nh = ctx.u8(ipAt + 6), at = ipAt, headerLength = 40;
  while (at < ctx.snapEnd) {
    at += headerLength;
    switch (nh) {
      case 6: case 17: return ctx.has(at + 2, 2) ? { at, proto: nh } : null;
      case 0: case 60: case 43:
        if (!ctx.has(at + 1, 1)) return null;
        headerLength = (ctx.u8(at + 1) + 1) << 3;
        break;
      case 44:
        // A later fragment holds no transport header.
        if (!ctx.has(at + 2, 2) || (ctx.u16(at + 2) & 0xfff8) !== 0) return null;
        headerLength = 8;
        break;
      case 51:
        if (!ctx.has(at + 1, 1)) return null;
        headerLength = (ctx.u8(at + 1) + 2) << 2;
        break;
      default: return null;
    }
    nh = ctx.u8(at);
  }
  return null;
}

function printTimeExceeded(ctx: TcpdumpContext, at: number, code: number): void {
  if (code === 0) printAddress(ctx, ' for ', at + QUOTED_DST);
  else if (code === 1) ctx.print(' (reassembly)');
  else ctx.print(`, unknown code (${code})`);
}

function printParameterProblem(ctx: TcpdumpContext, at: number, code: number): boolean {
  if (!ctx.has(at + QUOTED_DST, 16)) return false;
  const name = PARAM_PROBLEM_CODES[code];
  if (name === undefined) ctx.print(`, code-#${code}`);
  else if (ctx.need(at + 4, 4)) ctx.print(`, ${name} - octet ${ctx.u32(at + 4)}`);
  return true;
}

/** `prefix` and the IPv6 address at `at`, or the packet stops when it was not captured. */
function printAddress(ctx: TcpdumpContext, prefix: string, at: number): void {
  if (ctx.need(at, 16)) ctx.print(`${prefix}${ipv6String(ctx.view, at)}`);
}
