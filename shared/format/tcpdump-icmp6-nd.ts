/**
 * Neighbor discovery (RFC 4861) and the mobile-IPv6 discovery messages (RFC 6275 §6.5-6.8) as tcpdump -vv
 * prints them after "ICMP6, <name>, length N" (print-icmp6.c, tcpdump 4.99.3): the target or router fields,
 * then the options (tcpdump-icmp6-nd-options.ts), one per line.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { bitNames, hexPad } from './tcpdump-context';
import { ipv6String } from './tcpdump-address';
import { printNdOptions, routerPreference } from './tcpdump-icmp6-nd-options';

const ROUTER_SOLICIT = 133, ROUTER_ADVERT = 134, NEIGHBOR_SOLICIT = 135, NEIGHBOR_ADVERT = 136, REDIRECT = 137,
  HA_DISCOVERY_REQUEST = 144, HA_DISCOVERY_REPLY = 145, PREFIX_SOLICIT = 146, PREFIX_ADVERT = 147;

/** icmp6_opt_ra_flag_values, icmp6_nd_na_flag_values: [bit, name] in tcpdump's table order. */
const RA_FLAGS: [number, string][] = [[0x80, 'managed'], [0x40, 'other stateful'], [0x20, 'home agent'], [0x02, 'ipv6 only']];
const NA_FLAGS: [number, string][] = [[0x80000000, 'router'], [0x40000000, 'solicited'], [0x20000000, 'override']];

/** The message of `type` at `at`; false where tcpdump jumps to its `trunc:` label (an option ran out). */
export function printNeighborDiscovery(ctx: TcpdumpContext, at: number, length: number, type: number): boolean {
  switch (type) {
    case ROUTER_SOLICIT: return printNdOptions(ctx, at + 8, length - 8);
    case ROUTER_ADVERT: return printRouterAdvertisement(ctx, at, length);
    case NEIGHBOR_SOLICIT:
      if (!ctx.need(at + 8, 16)) return true;
      ctx.print(`, who has ${ipv6String(ctx.view, at + 8)}`);
      return printNdOptions(ctx, at + 24, length - 24);
    case NEIGHBOR_ADVERT:
      if (!ctx.need(at + 8, 16)) return true;
      ctx.print(`, tgt is ${ipv6String(ctx.view, at + 8)}, Flags [${bitNames(NA_FLAGS, ctx.u32(at + 4))}]`);
      return printNdOptions(ctx, at + 24, length - 24);
    case REDIRECT:
      // The destination (second address) is printed before the better first hop (the target).
      if (!ctx.need(at + 24, 16)) return true;
      ctx.print(`, ${ipv6String(ctx.view, at + 24)} to ${ipv6String(ctx.view, at + 8)}`);
      return printNdOptions(ctx, at + 40, length - 40);
    case HA_DISCOVERY_REQUEST: case PREFIX_SOLICIT:
      if (ctx.need(at + 4, 2)) ctx.print(`, id 0x${hexPad(ctx.u16(at + 4), 4)}`);
      return true;
    case HA_DISCOVERY_REPLY: printHomeAgents(ctx, at, length); return true;
    case PREFIX_ADVERT: return printPrefixAdvertisement(ctx, at, length);
    default: return true;
  }
}

/** "\n\thop limit …, Flags […], pref …, router lifetime Ns, reachable time Nms, retrans timer Nms" and options. */
function printRouterAdvertisement(ctx: TcpdumpContext, at: number, length: number): boolean {
  if (!ctx.need(at + 4, 12)) return true;
  const flags = ctx.u8(at + 5);
  ctx.print(`\n\thop limit ${ctx.u8(at + 4)}, Flags [${bitNames(RA_FLAGS, flags)}], pref ${routerPreference(flags)}`
    + `, router lifetime ${ctx.u16(at + 6)}s, reachable time ${ctx.u32(at + 8)}ms, retrans timer ${ctx.u32(at + 12)}ms`);
  return printNdOptions(ctx, at + 16, length - 16);
}

/** Home agent address discovery reply: the identifier and every home agent address up to the message end. */
function printHomeAgents(ctx: TcpdumpContext, at: number, length: number): void {
  if (!ctx.need(at + 4, 2)) return;
  ctx.print(`, id 0x${hexPad(ctx.u16(at + 4), 4)}`);
  for (let p = at + 8; p < at + length; p += 16) {
    if (!ctx.need(p, 16)) return;
    ctx.print(`, ${ipv6String(ctx.view, p)}`);
  }
}

/** Mobile prefix advertisement: identifier, the M and O flags as letters, then options. */
function printPrefixAdvertisement(ctx: TcpdumpContext, at: number, length: number): boolean {
  if (!ctx.need(at + 4, 2)) return true;
  ctx.print(`, id 0x${hexPad(ctx.u16(at + 4), 4)}`);
  if (!ctx.need(at + 6, 2)) return true;
  const flags = ctx.u16(at + 6);
  if (flags & 0xc000) ctx.print(' ');
  if (flags & 0x8000) ctx.print('M');
  if (flags & 0x4000) ctx.print('O');
  return printNdOptions(ctx, at + 8, length - 8);
}
