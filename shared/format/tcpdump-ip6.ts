/**
 * IPv6 as tcpdump -vv prints it (print-ip6.c ip6_print, tcpdump 4.99.3): "IP6 ([class 0xNN, ][flowlabel
 * 0xNNNNN, ]hlim N, next-header TCP (6) payload length: N) " followed on the same line by extension headers
 * (tcpdump-ip6-ext) and the transport. After extension headers tcp_print shows ports only, as tcpdump does.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hexPad } from './tcpdump-context';
import { ipv6String } from './tcpdump-address';
import { IP_PROTO_NAMES } from './tcpdump-ip';
import { printIpPayload, type PayloadPrinters } from './tcpdump-ip-demux';
import { printFragmentHeader, printOptionsHeader, printRoutingHeader, type JumboState } from './tcpdump-ip6-ext';

/** ip6_print(bp = `at`, length = bytes the link layer says follow). */
export function printIpv6(ctx: TcpdumpContext, at: number, length: number, next: PayloadPrinters): void {
  ctx.protocol = 'ip6';
  if (!ctx.has(at, 40)) { ctx.printTrunc(); return; }
  ctx.print('IP6 ');
  const version = ctx.u8(at) >> 4;
  if (version !== 6) { ctx.print(`version error: ${version} != 6`); return; }
  const payloadLen = ctx.u16(at + 4);
  let len = payloadLen !== 0 ? payloadLen + 40 : length + 40;
  if (payloadLen !== 0 && length < len) ctx.print(`truncated-ip6 - ${len - length} bytes missing!`);
  const nh = ctx.u8(at + 6);
  printIpv6Fields(ctx, at, nh, payloadLen);
  ctx.snapEnd = Math.min(ctx.snapEnd, at + len);
  len -= 40;
  if (nh !== 6 && nh !== 17 && nh !== 33 && nh !== 132) {
    ctx.print(`${ipv6String(ctx.view, at + 8)} > ${ipv6String(ctx.view, at + 24)}: `);
  }
  walkExtensions(ctx, at, length, len, nh, next);
}

/** What ip6_print tracks while it walks the extension headers. */
interface Walk extends JumboState { fragmented: boolean; extension: boolean; foundHbh: boolean; first: boolean }

/** The extension-header loop of ip6_print, then the transport via ip_demux_print. */
function walkExtensions(ctx: TcpdumpContext, at: number, length: number, len: number, nh: number,
  next: PayloadPrinters): void {
  const w: Walk = { payloadLen: ctx.u16(at + 4), foundJumbo: false, fragmented: false, extension: false,
    foundHbh: false, first: true };
  let cp = at + 40, total = 40;
  while (nh === 0 || nh === 60 || nh === 44 || nh === 43) {
    const advance = extensionHeader(ctx, at, cp, nh, w);
    if (advance < 0 || ctx.stopped) return;
    nh = ctx.u8(cp);
    ctx.protocol = 'ip6';
    if (len < advance) { ctx.printTrunc(); return; }
    cp += advance; len -= advance; total += advance;
  }
  if (w.foundJumbo) {
    len = w.payloadLen + 40;
    if (len < total) { ctx.printTrunc(); return; }
    if (length < len) ctx.print(`truncated-ip6 - ${len - length} bytes missing!`);
    ctx.snapEnd = Math.min(ctx.capEnd, at + len);
    len -= total;
  } else if (w.payloadLen === 0) {
    if (w.extension) { ctx.printTrunc(); return; }
    // No jumbo option and no payload: tcpdump cuts the snapshot to the bare 40-byte header.
    ctx.snapEnd = Math.min(ctx.capEnd, at + 40);
    len = 0;
  }
  printIpPayload(ctx, cp, len, { version: 6, ipAt: at, datagramEnd: cp + len }, w.fragmented, nh, next);
}

/** Prints one extension header (`nh` at `cp`); its length, or -1 when tcpdump stops there. */
function extensionHeader(ctx: TcpdumpContext, at: number, cp: number, nh: number, w: Walk): number {
  const first = w.first;
  w.first = false;
  w.extension = true;
  if (nh === 0) {
    if (w.foundHbh) { ctx.print('[The Hop-by-Hop Options header was already found] (invalid)'); return -1; }
    if (!first) { ctx.print("[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)"); return -1; }
    w.foundHbh = true;
    const advance = printOptionsHeader(ctx, cp, w);
    if (w.payloadLen === 0 && !w.foundJumbo && !ctx.stopped) {
      ctx.print('[No valid Jumbo Payload Hop-by-Hop option found] (invalid)');
      return -1;
    }
    return advance;
  }
  if (nh === 60) return printOptionsHeader(ctx, cp, null);
  if (nh === 43) return printRoutingHeader(ctx, cp);
  const advance = printFragmentHeader(ctx, cp, at);
  if (advance >= 0 && ctx.snapEnd <= cp + advance) return -1;
  w.fragmented = true;
  return advance;
}

/** "([class 0xNN, ][flowlabel 0xNNNNN, ]hlim N, next-header NAME (N) payload length: N) ". */
function printIpv6Fields(ctx: TcpdumpContext, at: number, nh: number, payloadLen: number): void {
  const flow = ctx.u32(at);
  ctx.print('(');
  if (flow & 0x0ff00000) ctx.print(`class 0x${hexPad((flow & 0x0ff00000) >>> 20, 2)}, `);
  if (flow & 0x000fffff) ctx.print(`flowlabel 0x${hexPad(flow & 0x000fffff, 5)}, `);
  ctx.print(`hlim ${ctx.u8(at + 7)}, next-header ${IP_PROTO_NAMES[nh] ?? 'unknown'} (${nh}) payload length: ${payloadLen}) `);
}
