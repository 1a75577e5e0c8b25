/**
 * Neighbor-discovery options as tcpdump -vv prints them (print-icmp6.c icmp6_opt_print, tcpdump 4.99.3): one
 * line each, "\n\t  <name> option (T), length 8L (L): <value>", and with -vv a hex dump of the option's data
 * after it. Options run to the end of the captured datagram; a zero length or an option past the end is
 * where tcpdump stops with " [|icmp6]".
 */
import type { TcpdumpContext } from './tcpdump-context';
import { bitNames, hexPad } from './tcpdump-context';
import { ipv6String } from './tcpdump-address';
import { printDomainName } from './tcpdump-domain-name';
import { printUnknownData } from './tcpdump-hex';

/** icmp6_opt_values (RFC 4861 §4.6, RFC 6275, RFC 4191, RFC 8106). */
const OPTION_NAMES: Record<number, string> = {
  1: 'source link-address', 2: 'destination link-address', 3: 'prefix info', 4: 'redirected header', 5: 'mtu',
  25: 'rdnss', 31: 'dnssl', 7: 'advertisement interval', 8: 'homeagent information', 24: 'route info',
};
const PREFIX_FLAGS: [number, string][] = [[0x80, 'onlink'], [0x40, 'auto'], [0x20, 'router']];

/** icmp6_opt_print over the options at `at` (`left`: bytes the message says remain); false: truncated. */
export function printNdOptions(ctx: TcpdumpContext, at: number, left: number): boolean {
  const first = at;
  for (let cp = at; cp < ctx.snapEnd;) {
    if (!ctx.has(cp + 1, 1)) return false;
    if (left <= 0) return true;
    const type = ctx.u8(cp), units = ctx.u8(cp + 1), len = units << 3;
    if (units === 0 || cp + len > ctx.snapEnd) return false;
    ctx.print(`\n\t  ${OPTION_NAMES[type] ?? 'unknown'} option (${type}), length ${len} (${units}): `);
    if (!printOptionValue(ctx, cp, type, units, first)) return false;
    if (ctx.stopped) return true;
    printUnknownData(ctx, cp + 2, '\n\t    ', len - 2);
    cp += len;
    left -= len;
  }
  return true;
}

/** The value of one option; false where tcpdump jumps to `trunc:`. `options`: where the option list starts. */
function printOptionValue(ctx: TcpdumpContext, cp: number, type: number, units: number, options: number): boolean {
  switch (type) {
    case 1: case 2: printLinkAddress(ctx, cp + 2, (units << 3) - 2); return true;
    case 3: printPrefix(ctx, cp, units); return true;
    // tcpdump dumps from the first option, not from this one.
    case 4: printUnknownData(ctx, options, '\n\t    ', units << 3); return true;
    case 5:
      if (ctx.need(cp + 4, 4)) ctx.print(` ${ctx.u32(cp + 4)}${units !== 1 ? 'bad option length' : ''}`);
      return true;
    case 25: printRecursiveDns(ctx, cp, units); return true;
    case 31: return printSearchList(ctx, cp, units, options);
    case 7:
      if (ctx.need(cp + 4, 4)) ctx.print(` ${ctx.u32(cp + 4)}ms`);
      return true;
    case 8:
      if (ctx.need(cp + 4, 4)) ctx.print(` preference ${ctx.u16(cp + 4)}, lifetime ${ctx.u16(cp + 6)}`);
      return true;
    case 24: return printRouteInfo(ctx, cp, units);
    default: return true;
  }
}

/** print_lladdr: the address bytes as lower-case hex pairs joined by ":". */
function printLinkAddress(ctx: TcpdumpContext, at: number, len: number): void {
  const bytes: string[] = [];
  for (let i = 0; i < len; i++) bytes.push(hexPad(ctx.u8(at + i), 2));
  ctx.print(bytes.join(':'));
}

/** Prefix information (RFC 4861 §4.6.2): "prefix/len, Flags […], valid time …, pref. time …". */
function printPrefix(ctx: TcpdumpContext, cp: number, units: number): void {
  if (!ctx.need(cp, 32)) return;
  ctx.print(`${ipv6String(ctx.view, cp + 16)}/${ctx.u8(cp + 2)}${units !== 4 ? 'badlen' : ''}`
    + `, Flags [${bitNames(PREFIX_FLAGS, ctx.u8(cp + 3))}], valid time ${lifetime(ctx.u32(cp + 4))}`
    + `, pref. time ${lifetime(ctx.u32(cp + 8))}`);
}

/** RDNSS (RFC 8106 §5.1): lifetime, then one address per two 8-byte units after the first. */
function printRecursiveDns(ctx: TcpdumpContext, cp: number, units: number): void {
  if (!ctx.need(cp + 4, 4)) return;
  ctx.print(` lifetime ${ctx.u32(cp + 4)}s,`);
  for (let i = 0; i < (units - 1) >> 1; i++) {
    if (!ctx.need(cp + 8 + i * 16, 16)) return;
    ctx.print(` addr: ${ipv6String(ctx.view, cp + 8 + i * 16)}`);
  }
}

/** DNSSL (RFC 8106 §5.2): lifetime, then the domain names up to the option's end or a zero byte. */
function printSearchList(ctx: TcpdumpContext, cp: number, units: number, options: number): boolean {
  if (!ctx.need(cp + 4, 4)) return true;
  ctx.print(` lifetime ${ctx.u32(cp + 4)}s, domain(s):`);
  const end = cp + (units << 3);
  for (let name = cp + 8; name < end;) {
    if (!ctx.need(name, 1)) return true;
    if (ctx.u8(name) === 0) break;
    ctx.print(' ');
    const after = printDomainName(ctx, name, options);
    if (after === null) return ctx.stopped;
    name = after;
  }
  return true;
}

/** Route information (RFC 4191 §2.3): the prefix is 0, 8 or 16 bytes long by the option's length. */
function printRouteInfo(ctx: TcpdumpContext, cp: number, units: number): boolean {
  if (!ctx.has(cp + 4, 4) || units > 3) return false;
  const prefix = new DataView(new ArrayBuffer(16));
  const n = units === 1 ? 0 : units === 2 ? 8 : 16;
  if (!ctx.need(cp + 8, n)) return true;
  for (let i = 0; i < n; i++) prefix.setUint8(i, ctx.u8(cp + 8 + i));
  ctx.print(` ${ipv6String(prefix, 0)}/${ctx.u8(cp + 2)}, pref=${routerPreference(ctx.u8(cp + 3))}`
    + `, lifetime=${lifetime(ctx.u32(cp + 4))}`);
  return true;
}

/** get_lifetime: seconds, or "infinity" for all ones. */
function lifetime(v: number): string {
  return v === 0xffffffff ? 'infinity' : `${v}s`;
}

/** get_rtpref: RFC 4191's two-bit router preference. */
export function routerPreference(flags: number): string {
  return ['medium', 'high', 'rsv', 'low'][(flags & 0x18) >> 3];
}
