/**
 * The TCP part of a tcpdump -vv line (print-tcp.c tcp_print, tcpdump 4.99.3): ports, "Flags [..]", checksum
 * verdict, seq/ack (relative per tcpdump-seq-table unless -S), win, urg, options, "length N", and the text of
 * a RST's payload. Payload dissectors (HTTP, SMTP, DNS …) are not reproduced: the line stops after
 * "length N" (and the RST data).
 */
import { TCP_ACK, TCP_RST, TCP_SYN, TCP_URG } from '../wire/tcp-flag-bits';
import type { TcpdumpContext } from './tcpdump-context';
import { hexPad } from './tcpdump-context';
import { ipv4String, ipv6String } from './tcpdump-address';
import { checksumShouldBe, ipv4TransportChecksum, ipv6TransportChecksum } from './tcpdump-checksum';
import type { TcpdumpSeqResult, TcpdumpSeqTable } from './tcpdump-seq-table';
import { printTcpOptions } from './tcpdump-tcp-options';

/** Where the enclosing IP header is, as tcp_print sees it through its bp2 argument. */
export interface TcpdumpIpInfo {
  version: 4 | 6;
  ipAt: number;
  /** Offset of the first byte after the IP datagram per its length field (end of the segment). */
  datagramEnd: number;
}

const FLAG_LETTERS: [number, string][] = [
  [0x01, 'F'], [0x02, 'S'], [0x04, 'R'], [0x08, 'P'], [0x10, '.'], [0x20, 'U'], [0x40, 'E'], [0x80, 'W'],
];
const MAX_RST_DATA_LEN = 30;

/** tcpdump's "Flags [...]" letters for the low 8 flag bits ("none" when none is set). */
export function tcpdumpFlags(flags: number): string {
  let s = '';
  for (const [bit, letter] of FLAG_LETTERS) if (flags & bit) s += letter;
  return s || 'none';
}

/** Options that change what tcp_print writes. */
export interface TcpPrintOptions {
  /** -S: absolute sequence numbers. */
  absoluteSeq: boolean;
  seqTable: TcpdumpSeqTable;
}

/** tcp_print(bp = `at`, length = `length` bytes of IP payload, bp2 = ip, fragmented). */
export function printTcp(ctx: TcpdumpContext, at: number, length: number, ip: TcpdumpIpInfo, fragmented: boolean,
  opts: TcpPrintOptions): void {
  ctx.protocol = 'tcp';
  const v6 = ip.version === 6;
  const srcAt = ip.ipAt + (v6 ? 8 : 12), dstAt = ip.ipAt + (v6 ? 24 : 16);
  const addr = (a: number): string => (v6 ? ipv6String(ctx.view, a) : ipv4String(ctx.view, a));
  if (!ctx.has(at + 2, 2)) {
    ctx.print(`${addr(srcAt)} > ${addr(dstAt)}:`);
    ctx.printTrunc();
    return;
  }
  const sport = ctx.u16(at), dport = ctx.u16(at + 2);
  const nextIsTcp = ctx.u8(ip.ipAt + (v6 ? 6 : 9)) === 6;
  ctx.print(nextIsTcp ? `${addr(srcAt)}.${sport} > ${addr(dstAt)}.${dport}: ` : `${sport} > ${dport}: `);
  if (!ctx.has(at, 20)) { ctx.printTrunc(); return; }
  const hlen = (ctx.u8(at + 12) >> 4) * 4;
  if (hlen < 20) {
    ctx.print(` tcp ${(length - hlen) >>> 0} [bad hdr length ${hlen} - too short, < 20]`);
    return;
  }
  const flags = ctx.u8(at + 13);
  ctx.print(`Flags [${tcpdumpFlags(flags)}]`);
  const n = sequenceNumbers(ctx, at, srcAt, dstAt, v6 ? 16 : 4, flags, opts);
  if (hlen > length) {
    ctx.print(` [bad hdr length ${hlen} - too long, > ${length}]`);
    return;
  }
  if (!fragmented && ctx.has(at, length)) printChecksum(ctx, at, length, ip);
  printNumbersAndOptions(ctx, at, hlen, length - hlen, flags, n, ip.datagramEnd);
}

/** The seq/ack to print (relative unless -S, for ACK-bearing segments) and the SACK bases. */
function sequenceNumbers(ctx: TcpdumpContext, at: number, srcAt: number, dstAt: number, addrLen: 4 | 16,
  flags: number, opts: TcpPrintOptions): TcpdumpSeqResult {
  const seq = ctx.u32(at + 4), ack = ctx.u32(at + 8);
  if (!opts.absoluteSeq && (flags & TCP_ACK)) {
    return opts.seqTable.lookup(ctx.view, srcAt, dstAt, addrLen, ctx.u16(at), ctx.u16(at + 2), seq, ack,
      (flags & TCP_SYN) !== 0);
  }
  return { seq, ack, baseSeq: 0, baseAck: 0, rev: false };
}

/** ", seq A:B, ack C, win W[, urg U][, options [...]], length N" and what tcp_print adds after it. */
function printNumbersAndOptions(ctx: TcpdumpContext, at: number, hlen: number, length: number, flags: number,
  n: TcpdumpSeqResult, segmentEnd: number): void {
  ctx.print(`, seq ${n.seq}`);
  if (length > 0) ctx.print(`:${(n.seq + length) >>> 0}`);
  if (flags & TCP_ACK) ctx.print(`, ack ${n.ack}`);
  ctx.print(`, win ${ctx.u16(at + 14)}`);
  if (flags & TCP_URG) ctx.print(`, urg ${ctx.u16(at + 18)}`);
  if (hlen > 20 && !printTcpOptions(ctx, at + 20, hlen - 20, flags, n, segmentEnd)) return;
  ctx.print(`, length ${length}`);
  if (length > 0) printAfterLength(ctx, at, length, flags);
}

function printChecksum(ctx: TcpdumpContext, at: number, length: number, ip: TcpdumpIpInfo): void {
  const sum = ip.version === 4
    ? ipv4TransportChecksum(ctx.view, ip.ipAt, at, length, 6)
    : ipv6TransportChecksum(ctx.view, ip.ipAt, at, length, 6, ctx.snapEnd);
  const field = ctx.u16(at + 16);
  ctx.print(`, cksum 0x${hexPad(field, 4)}`);
  ctx.print(sum !== 0 ? ` (incorrect -> 0x${hexPad(checksumShouldBe(field, sum), 4)})` : ' (correct)');
}

/** What tcp_print writes after "length N": the header-capture check and RST data (payload printers omitted). */
function printAfterLength(ctx: TcpdumpContext, at: number, length: number, flags: number): void {
  const headerLen = (ctx.u8(at + 12) >> 4) * 4;
  if (!ctx.has(at, headerLen)) {
    ctx.print(` [remaining caplen(${ctx.availableAfter(at)}) < header length(${headerLen})]`);
    ctx.stopped = true;
    return;
  }
  if (flags & TCP_RST) printRstData(ctx, at + headerLen, length);
}

/** print_tcp_rst_data: RFC 1122 §4.2.2.12 allows text in a RST; tcpdump shows up to 30 bytes of it. */
function printRstData(ctx: TcpdumpContext, at: number, length: number): void {
  ctx.print(ctx.has(at, length) ? ' [RST' : ' [!RST');
  if (length > MAX_RST_DATA_LEN) {
    length = MAX_RST_DATA_LEN;
    ctx.print('+');
  }
  ctx.print(' ');
  for (let p = at; length > 0 && p < ctx.snapEnd; p++, length--) ctx.print(printableChar(ctx.u8(p)));
  ctx.print(']');
}

/** fn_print_char: "M-" for bytes ≥ 0x80, "^X" for control characters. */
export function printableChar(c: number): string {
  let s = '';
  if (c >= 0x80) { c &= 0x7f; s += 'M-'; }
  if (c < 0x20 || c === 0x7f) { c ^= 0x40; s += '^'; }
  return s + String.fromCharCode(c);
}
