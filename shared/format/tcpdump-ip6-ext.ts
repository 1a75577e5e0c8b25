/**
 * IPv6 extension headers as tcpdump 4.99 -vv prints them before the transport: hop-by-hop and destination
 * options (print-ip6opts.c: "HBH (padn)(rtalert: 0x0000) ", "DSTOPT …"), fragment (print-frag6.c:
 * "frag (0xIDENT:OFFSET|LEN) ") and routing (print-rt6.c: "RT6 (len=…, type=…, segleft=…, …) ").
 * Each returns the header length to skip, or -1 when tcpdump stops printing the packet there (it has then
 * written its truncation or "(invalid)" mark, as tcpdump does).
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hex, hexPad } from './tcpdump-context';
import { ipv6String } from './tcpdump-address';

/** Hop-by-hop state ip6_print keeps: the payload length, replaced by a valid Jumbo Payload option. */
export interface JumboState { payloadLen: number; foundJumbo: boolean }

/** hbhopt_process / dstopt_process. `jumbo` is null for destination options. */
export function printOptionsHeader(ctx: TcpdumpContext, cp: number, jumbo: JumboState | null): number {
  ctx.protocol = jumbo ? 'hbhopt' : 'dstopt';
  if (!ctx.need(cp + 1, 1)) return -1;
  const hlen = (ctx.u8(cp + 1) + 1) << 3;
  if (!ctx.has(cp, hlen)) { ctx.printTrunc(); return -1; }
  ctx.print(jumbo ? 'HBH ' : 'DSTOPT ');
  if (!printOptions(ctx, cp + 2, hlen - 2, jumbo)) { if (!ctx.stopped) ctx.printTrunc(); return -1; }
  return hlen;
}

/** ip6_opt_process; false where tcpdump jumps to its truncation label. */
function printOptions(ctx: TcpdumpContext, bp: number, len: number, jumbo: JumboState | null): boolean {
  if (len === 0) return true;
  let seenJumbo = false;
  for (let i = 0; i < len;) {
    const type = ctx.u8(bp + i);
    if (type !== 0 && i + 1 >= len) return false;
    const optlen = type === 0 ? 1 : ctx.u8(bp + i + 1) + 2;
    if (i + optlen > len) return false;
    const left = len - i, olen = type === 0 ? 0 : ctx.u8(bp + i + 1);
    switch (type) {
      case 0: ctx.print('(pad1)'); break;
      case 1:
        if (left < 2) { ctx.print('(padn: trunc)'); return false; }
        ctx.print('(padn)');
        break;
      case 5:
        if (left < 4) { ctx.print('(rtalert: trunc)'); return false; }
        if (olen !== 2) { ctx.print(`(rtalert: invalid len ${olen})`); return false; }
        ctx.print(`(rtalert: 0x${hexPad(ctx.u16(bp + i + 2), 4)}) `);
        break;
      case 0xc2:
        if (left < 6) { ctx.print('(jumbo: trunc)'); return false; }
        if (olen !== 4) { ctx.print(`(jumbo: invalid len ${olen})`); return false; }
        ctx.print(jumboText(ctx.u32(bp + i + 2), seenJumbo, jumbo));
        seenJumbo = true;
        break;
      case 0xc9:
        if (left < 18) { ctx.print('(homeaddr: trunc)'); return false; }
        if (olen < 16) { ctx.print(`(homeaddr: invalid len ${olen})`); return false; }
        ctx.print(`(homeaddr: ${ipv6String(ctx.view, bp + i + 2)})`);
        break;
      default:
        if (left < 2) { ctx.print(`(type ${type}: trunc)`); return false; }
        ctx.print(`(opt_type 0x${hexPad(type, 2)}: len=${olen})`);
    }
    i += optlen;
  }
  ctx.print(' ');
  return true;
}

/** The Jumbo Payload option's text; records a valid one in `jumbo` (RFC 2675). */
function jumboText(value: number, seen: boolean, jumbo: JumboState | null): string {
  if (seen) return `(jumbo: ${value} - already seen) `;
  if (!jumbo) return `(jumbo: ${value} - not a hop-by-hop option) `;
  if (jumbo.payloadLen !== 0) return `(jumbo: ${value} - payload len != 0) `;
  if (value < 65536) return `(jumbo: ${value} - < 65536) `;
  jumbo.foundJumbo = true;
  jumbo.payloadLen = value;
  return `(jumbo: ${value}) `;
}

/** frag6_print: -1 for a non-first fragment (tcpdump prints no transport for it). */
export function printFragmentHeader(ctx: TcpdumpContext, cp: number, ipAt: number): number {
  ctx.protocol = 'frag6';
  if (!ctx.need(cp, 8)) return -1;
  const off = ctx.u16(cp + 2) & 0xfff8;
  // tcpdump computes this in size_t: a payload length shorter than the headers wraps around 2^64.
  const rest = 40 + ctx.u16(ipAt + 4) - (cp - ipAt) - 8;
  const restText = rest >= 0 ? String(rest) : (2n ** 64n + BigInt(rest)).toString();
  ctx.print(`frag (0x${hexPad(ctx.u32(cp + 4), 8)}:${off}|${restText})`);
  if (off !== 0) return -1;
  ctx.print(' ');
  return 8;
}

/** rt6_print for types 0, 2 and 4 (segment routing); other types are "(unknown type) (invalid)". */
export function printRoutingHeader(ctx: TcpdumpContext, cp: number): number {
  ctx.protocol = 'rt6';
  ctx.print('RT6');
  if (!ctx.need(cp, 4)) return -1;
  let len = ctx.u8(cp + 1);
  const type = ctx.u8(cp + 2);
  ctx.print(` (len=${len}, type=${type}${type === 0 ? ' [Deprecated]' : ''}, segleft=${ctx.u8(cp + 3)}`);
  if (type !== 0 && type !== 2 && type !== 4) { ctx.print(' (unknown type) (invalid)'); return -1; }
  if (!ctx.need(cp + 4, 4)) return -1;
  if (type === 4) {
    ctx.print(`, last-entry=${ctx.u8(cp + 4)}, flags=0x${hex(ctx.u8(cp + 5))}, tag=${hex(ctx.u16(cp + 6))}`);
  } else {
    ctx.print(`, rsv=0x${hex(ctx.u32(cp + 4))}`);
  }
  if (len % 2 === 1) { ctx.print(` (invalid length ${len}) (invalid)`); return -1; }
  len >>= 1;
  for (let i = 0; i < len; i++) {
    if (!ctx.need(cp + 8 + 16 * i, 16)) return -1;
    ctx.print(`, [${i}]${ipv6String(ctx.view, cp + 8 + 16 * i)}`);
  }
  ctx.print(') ');
  return (ctx.u8(cp + 1) + 1) << 3;
}
