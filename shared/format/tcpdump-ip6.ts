/**
 * IPv6 as tcpdump -vv prints it (print-ip6.c ip6_print, tcpdump 4.99.3): "IP6 ([class 0xNN, ][flowlabel
 * 0xNNNNN, ]hlim N, next-header TCP (6) payload length: N) " followed on the same line by the transport.
 * Extension headers are walked (hop-by-hop, destination options, routing, fragment) and named briefly; the
 * transport after them prints ports only, as tcp_print does when ip6_nxt is not TCP.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hexPad } from './tcpdump-context';
import { ipv6String } from './tcpdump-address';
import { IP_PROTO_NAMES } from './tcpdump-ip';
import { printIpPayload, type PayloadPrinters } from './tcpdump-ip-demux';

/** ip6_print(bp = `at`, length = bytes the link layer says follow). */
export function printIpv6(ctx: TcpdumpContext, at: number, length: number, next: PayloadPrinters): void {
  ctx.protocol = 'ip6';
  if (!ctx.has(at, 40)) { ctx.printTrunc(); return; }
  ctx.print('IP6 ');
  const version = ctx.u8(at) >> 4;
  if (version !== 6) { ctx.print(`version error: ${version} != 6`); return; }
  const payloadLen = ctx.u16(at + 4);
  let len: number;
  if (payloadLen !== 0) {
    len = payloadLen + 40;
    if (length < len) ctx.print(`truncated-ip6 - ${len - length} bytes missing!`);
  } else {
    len = length + 40;
  }
  let nh = ctx.u8(at + 6);
  const flow = ctx.u32(at);
  ctx.print('(');
  if (flow & 0x0ff00000) ctx.print(`class 0x${hexPad((flow & 0x0ff00000) >>> 20, 2)}, `);
  if (flow & 0x000fffff) ctx.print(`flowlabel 0x${hexPad(flow & 0x000fffff, 5)}, `);
  ctx.print(`hlim ${ctx.u8(at + 7)}, next-header ${IP_PROTO_NAMES[nh] ?? 'unknown'} (${nh}) payload length: ${payloadLen}) `);
  ctx.snapEnd = Math.min(ctx.snapEnd, at + len);
  let cp = at + 40;
  len -= 40;
  let fragmented = false, extension = false;
  const transport = (n: number): boolean => n === 6 || n === 17 || n === 33 || n === 132;
  if (!transport(nh)) ctx.print(`${ipv6String(ctx.view, at + 8)} > ${ipv6String(ctx.view, at + 24)}: `);
  for (;;) {
    const step = extensionHeader(ctx, cp, nh);
    if (step === 0) break;
    if (step < 0 || len < step || ctx.stopped) { if (!ctx.stopped) ctx.printTrunc(); return; }
    if (nh === 44) {
      fragmented = true;
      if ((ctx.u16(cp + 2) & 0xfff8) !== 0) return;
    }
    extension = true;
    nh = ctx.u8(cp);
    cp += step;
    len -= step;
  }
  if (payloadLen === 0 && extension) { ctx.printTrunc(); return; }
  if (payloadLen === 0) {
    // No jumbo option and no payload: tcpdump cuts the snapshot to the bare 40-byte header.
    len = 0;
    ctx.snapEnd = Math.min(ctx.snapEnd, at + 40);
  }
  printIpPayload(ctx, cp, len, { version: 6, ipAt: at, datagramEnd: cp + len }, fragmented, nh, next);
}

/** Length of the extension header `nh` at `cp` after printing its name; 0 when `nh` is not one, -1 if cut. */
function extensionHeader(ctx: TcpdumpContext, cp: number, nh: number): number {
  switch (nh) {
    case 0: case 60: case 43: {
      if (!ctx.need(cp, 2)) return -1;
      ctx.print(nh === 0 ? 'HBH ' : nh === 60 ? 'DSTOPT ' : 'srcrt ');
      return (ctx.u8(cp + 1) + 1) * 8;
    }
    case 44: {
      if (!ctx.need(cp, 8)) return -1;
      const off = ctx.u16(cp + 2);
      ctx.print(`frag (0x${hexPad(ctx.u32(cp + 4), 8)}:${off & 0xfff8}) `);
      return 8;
    }
    default: return 0;
  }
}
