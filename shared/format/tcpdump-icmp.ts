/**
 * ICMP as tcpdump -vv prints it (print-icmp.c icmp_print, tcpdump 4.99.3): "ICMP <message>, length N", where
 * the message names what went wrong and for whom ("net 10.0.0.2 unreachable", "10.0.0.2 tcp port 80
 * unreachable", "10.0.0.2 unreachable - need to frag (mtu 1400)", "time exceeded in-transit", "echo request,
 * id 1, seq 1"); " (wrong icmp cksum …)" when the sum fails; for an error (types 3, 4, 5, 11, 12) the quoted
 * datagram on the next lines through ip_print ("\n\tIP (…)\n    10.0.0.1.41000 > 10.0.0.2.80:  [|tcp]"); then
 * RFC 4884 extension objects (tcpdump-icmp-ext.ts).
 *
 * Every type print-icmp.c decodes is covered (0, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18; others are
 * "type-#N"). Only -vv is reproduced: with -v the text is the same, without -v tcpdump omits the checksum
 * complaint, the quoted datagram and the extensions.
 *
 * tcpdump builds the message in a buffer and prints it only after every read succeeded, so a message whose
 * bytes ran out prints nothing but the " [|icmp]" mark.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hex, hexPad } from './tcpdump-context';
import { ipv4String } from './tcpdump-address';
import { checksumShouldBe, finishSum, sumWords } from './tcpdump-checksum';
import { printIcmpExtensions } from './tcpdump-icmp-ext';
import type { PayloadPrinters } from './tcpdump-ip-demux';
// ip_print and icmp_print call each other in tcpdump too; neither runs the other while its module loads.
import { printIpv4 } from './tcpdump-ip';

const ECHO_REPLY = 0, UNREACH = 3, SOURCE_QUENCH = 4, REDIRECT = 5, ECHO = 8, ROUTER_ADVERT = 9, TIME_EXCEEDED = 11,
  PARAM_PROBLEM = 12, TSTAMP = 13, TSTAMP_REPLY = 14, MASK_REPLY = 18;
/** ICMP_ERRTYPE: the messages that quote the datagram they are about. */
const ERROR_TYPES = [UNREACH, SOURCE_QUENCH, REDIRECT, TIME_EXCEEDED, PARAM_PROBLEM];
/** ICMP_MULTIPART_EXT_TYPE: the messages RFC 4884 lets carry extension objects. */
const MULTIPART_TYPES = [UNREACH, TIME_EXCEEDED, PARAM_PROBLEM];
/** ICMP_EXTD_MINLEN: 156 - sizeof(struct ip); a longer message may carry extensions. */
const EXTENDED_MIN_LENGTH = 136;

/** Offsets in the ICMP header and in the quoted IP header behind it (RFC 792). */
const REST = 4, QUOTE = 8, QUOTE_PROTO = QUOTE + 9, QUOTE_DST = QUOTE + 16;

/** icmp2str: the types named without details. */
const PLAIN_NAMES: Record<number, string> = {
  0: 'echo reply', 4: 'source quench', 8: 'echo request', 10: 'router solicitation', 13: 'time stamp request',
  14: 'time stamp reply', 15: 'information request', 16: 'information reply', 17: 'address mask request',
};

/** icmp_print(bp = `at`, plen = `length`); `fragmented`: more fragments follow (no checksum then). */
export function printIcmp(ctx: TcpdumpContext, at: number, length: number, fragmented: boolean,
  next: PayloadPrinters): void {
  ctx.protocol = 'icmp';
  if (!ctx.need(at, 2)) return;
  const type = ctx.u8(at);
  const message = icmpMessage(ctx, at, type, ctx.u8(at + 1));
  if (message === null) return;
  ctx.print(`ICMP ${message}, length ${length}`);
  if (!fragmented && ctx.has(at, length)) {
    const sum = finishSum(sumWords(ctx.view, at, length, 0));
    if (sum !== 0) {
      const field = ctx.u16(at + 2);
      ctx.print(` (wrong icmp cksum ${hex(field)} (->${hex(checksumShouldBe(field, sum))})!)`);
    }
  }
  if (ERROR_TYPES.includes(type)) {
    printQuotedDatagram(ctx, at + QUOTE, next);
    if (ctx.stopped) return;
  }
  ctx.protocol = 'icmp';
  if (length > EXTENDED_MIN_LENGTH && MULTIPART_TYPES.includes(type)) printIcmpExtensions(ctx, at, length);
}

/** The quoted datagram, printed by ip_print as if it were the whole packet, cut at its own length. */
function printQuotedDatagram(ctx: TcpdumpContext, at: number, next: PayloadPrinters): void {
  ctx.print('\n\t');
  if (!ctx.need(at + 2, 2)) return;
  const ipLength = ctx.u16(at + 2);
  const snapEnd = ctx.snapEnd;
  ctx.snapEnd = Math.min(at + ipLength, snapEnd);
  // tcpdump reads the length field a second time, after the cut: a length under 4 ends the packet here.
  if (!ctx.need(at + 2, 2)) return;
  printIpv4(ctx, at, ipLength, next);
  ctx.snapEnd = snapEnd;
}

/**
 * The text between "ICMP " and ", length". Null when the bytes ran out: then either a read stopped the packet
 * (`ctx.stopped`) or, where tcpdump checks the bytes first (ND_TCHECK), the " [|icmp]" mark is already printed.
 */
function icmpMessage(ctx: TcpdumpContext, at: number, type: number, code: number): string | null {
  switch (type) {
    case ECHO: case ECHO_REPLY:
      if (!ctx.need(at + REST, 4)) return null;
      return `echo ${type === ECHO ? 'request' : 'reply'}, id ${ctx.u16(at + 4)}, seq ${ctx.u16(at + 6)}`;
    case UNREACH: return unreachable(ctx, at, code);
    case REDIRECT: return redirect(ctx, at, code);
    case ROUTER_ADVERT: return routerAdvertisement(ctx, at);
    case TIME_EXCEEDED:
      if (!ctx.check(at + QUOTE_DST, 4)) return null;
      if (code === 0) return 'time exceeded in-transit';
      return code === 1 ? 'ip reassembly time exceeded' : `time exceeded-#${code}`;
    case PARAM_PROBLEM:
      if (code !== 0) return `parameter problem - code ${code}`;
      return ctx.need(at + REST, 1) ? `parameter problem - octet ${ctx.u8(at + REST)}` : null;
    case MASK_REPLY:
      return ctx.need(at + QUOTE, 4) ? `address mask is 0x${hexPad(ctx.u32(at + QUOTE), 8)}` : null;
    case TSTAMP:
      return ctx.need(at + REST, 4) ? `time stamp query id ${ctx.u16(at + 4)} seq ${ctx.u16(at + 6)}` : null;
    case TSTAMP_REPLY: return timestampReply(ctx, at);
    default: return PLAIN_NAMES[type] ?? `type-#${type}`;
  }
}

/** The quoted datagram's destination, or null (stopped) when it was not captured. */
function quotedDestination(ctx: TcpdumpContext, at: number): string | null {
  return ctx.need(at + QUOTE_DST, 4) ? ipv4String(ctx.view, at + QUOTE_DST) : null;
}

/** Destination unreachable, code by code (RFC 792, RFC 1122 §3.2.2.1, RFC 1812 §5.2.7.1, RFC 1191). */
function unreachable(ctx: TcpdumpContext, at: number, code: number): string | null {
  if (code === 3) return portUnreachable(ctx, at);
  let mtu = 0;
  if (code === 4) {
    if (!ctx.need(at + REST + 2, 2)) return null;
    mtu = ctx.u16(at + REST + 2);
  }
  if (code === 2 && !ctx.need(at + QUOTE_PROTO, 1)) return null;
  const dst = quotedDestination(ctx, at);
  if (dst === null) return null;
  switch (code) {
    case 0: return `net ${dst} unreachable`;
    case 1: return `host ${dst} unreachable`;
    case 2: return `${dst} protocol ${ctx.u8(at + QUOTE_PROTO)} unreachable`;
    case 4: return mtu ? `${dst} unreachable - need to frag (mtu ${mtu})` : `${dst} unreachable - need to frag`;
    case 5: return `${dst} unreachable - source route failed`;
    case 6: return `net ${dst} unreachable - unknown`;
    case 7: return `host ${dst} unreachable - unknown`;
    case 8: return `${dst} unreachable - source host isolated`;
    case 9: return `net ${dst} unreachable - admin prohibited`;
    case 10: return `host ${dst} unreachable - admin prohibited`;
    case 11: return `net ${dst} unreachable - tos prohibited`;
    case 12: return `host ${dst} unreachable - tos prohibited`;
    case 13: return `host ${dst} unreachable - admin prohibited filter`;
    case 14: return `host ${dst} unreachable - host precedence violation`;
    case 15: return `host ${dst} unreachable - precedence cutoff`;
    default: return `${dst} unreachable - #${code}`;
  }
}

/** Port unreachable: the quoted transport header's destination port, behind the quoted IP header's options. */
function portUnreachable(ctx: TcpdumpContext, at: number): string | null {
  if (!ctx.check(at + QUOTE_PROTO, 1)) return null;
  const portAt = at + QUOTE + (ctx.u8(at + QUOTE) & 0x0f) * 4 + 2;
  if (!ctx.need(portAt, 2)) return null;
  const port = ctx.u16(portAt), proto = ctx.u8(at + QUOTE_PROTO);
  const dst = quotedDestination(ctx, at);
  if (dst === null) return null;
  if (proto === 6) return `${dst} tcp port ${port} unreachable`;
  if (proto === 17) return `${dst} udp port ${port} unreachable`;
  return `${dst} protocol ${proto} port ${port} unreachable`;
}

/** Redirect (RFC 792): the quoted destination and the gateway to use for it. */
function redirect(ctx: TcpdumpContext, at: number, code: number): string | null {
  const dst = quotedDestination(ctx, at);
  if (dst === null || !ctx.need(at + REST, 4)) return null;
  const gateway = ipv4String(ctx.view, at + REST);
  switch (code) {
    case 0: return `redirect ${dst} to net ${gateway}`;
    case 1: return `redirect ${dst} to host ${gateway}`;
    case 2: return `redirect-tos ${dst} to net ${gateway}`;
    case 3: return `redirect-tos ${dst} to host ${gateway}`;
    default: return `redirect-#${code} ${dst} to ${gateway}`;
  }
}

/** Router advertisement (RFC 1256): lifetime as s, m:ss or h:mm:ss, then "{address preference}" per entry. */
function routerAdvertisement(ctx: TcpdumpContext, at: number): string | null {
  if (!ctx.check(at + REST, 4)) return null;
  const lifetime = ctx.u16(at + 6), count = ctx.u8(at + 4), size = ctx.u8(at + 5);
  const mm = (n: number): string => String(n).padStart(2, '0');
  let text = 'router advertisement lifetime ';
  if (lifetime < 60) text += `${lifetime}`;
  else if (lifetime < 3600) text += `${Math.floor(lifetime / 60)}:${mm(lifetime % 60)}`;
  else text += `${Math.floor(lifetime / 3600)}:${mm(Math.floor((lifetime % 3600) / 60))}:${mm(lifetime % 60)}`;
  text += ` ${count}:`;
  if (size !== 2) return `${text} [size ${size}]`;
  for (let i = 0, entry = at + QUOTE; i < count; i++, entry += 8) {
    if (!ctx.check(entry, 8)) return null;
    text += ` {${ipv4String(ctx.view, entry)} ${ctx.u32(entry + 4)}}`;
  }
  return text;
}

/** Timestamp reply (RFC 792): the three times as milliseconds since midnight UTC. */
function timestampReply(ctx: TcpdumpContext, at: number): string | null {
  if (!ctx.check(at + 16, 4)) return null;
  return `time stamp reply id ${ctx.u16(at + 4)} seq ${ctx.u16(at + 6)}: org ${clock(ctx.u32(at + 8))}`
    + `, recv ${clock(ctx.u32(at + 12))}, xmit ${clock(ctx.u32(at + 16))}`;
}

/** icmp_tstamp_print: "hh:mm:ss.mmm" of a millisecond count (hours are not wrapped at 24). */
function clock(ms: number): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const sec = Math.floor(ms / 1000), min = Math.floor(sec / 60), hrs = Math.floor(min / 60);
  return `${p(hrs)}:${p(min % 60)}:${p(sec % 60)}.${p(ms % 1000, 3)}`;
}
