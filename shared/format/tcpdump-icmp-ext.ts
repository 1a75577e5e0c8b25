/**
 * ICMP multi-part extensions as tcpdump -v prints them after the quoted datagram (print-icmp.c, tcpdump 4.99.3):
 * RFC 4884 puts an extension header 128 bytes into the original-datagram field of a destination unreachable,
 * time exceeded or parameter problem message, followed by objects; RFC 4950's MPLS label stack (class 1,
 * c-type 1) is what traceroutes through MPLS networks show. Other objects are hex-dumped.
 *
 *     ICMP Multi-Part extension v2, checksum 0xNNNN (correct), length N
 *       MPLS Stack Entry Object (1), Class-Type: 1, length 8
 *         label 16004, tc 0, [S], ttl 1
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hexPad } from './tcpdump-context';
import { finishSum, sumWords } from './tcpdump-checksum';
import { printUnknownData } from './tcpdump-hex';

/** Offset of the extension header in the ICMP message: 8-byte ICMP header + 128 bytes of original datagram. */
const EXTENSION_AT = 136;
/** sizeof(struct icmp_ext_t): tcpdump checks these bytes before it looks for an extension. */
const EXTENDED_HEADER_SIZE = 141;
const OBJECT_HEADER = 4;
const MPLS_STACK_ENTRY = 1;
const OBJECT_NAMES: Record<number, string> = { 1: 'MPLS Stack Entry', 2: 'Interface Identification' };

/** The extension part of icmp_print for the message at `at` of `length` bytes (longer than 136). */
export function printIcmpExtensions(ctx: TcpdumpContext, at: number, length: number): void {
  if (!ctx.check(at, EXTENDED_HEADER_SIZE)) return;
  const ext = at + EXTENSION_AT;
  const extLength = length - EXTENSION_AT;
  const summed = ctx.has(ext, extLength);
  const sum = summed ? finishSum(sumWords(ctx.view, ext, extLength, 0)) : 0;
  // Not every sender fills in RFC 4884's length field: without it, only a correct checksum says an
  // extension is there.
  if (ctx.u8(at + 5) === 0 && summed && sum !== 0) return;
  const version = ctx.u8(ext) >> 4;
  ctx.print(`\n\tICMP Multi-Part extension v${version}`);
  if (version !== 2) { ctx.print(' packet not supported'); return; }
  if (summed) {
    ctx.print(`, checksum 0x${hexPad(ctx.u16(ext + 2), 4)} (${sum !== 0 ? 'in' : ''}correct), length ${extLength}`);
  }
  printObjects(ctx, ext + 4, (extLength - 4) >>> 0);
}

/** The objects after the extension header; `left` wraps like tcpdump's u_int when the header was cut short. */
function printObjects(ctx: TcpdumpContext, at: number, left: number): void {
  while (left > OBJECT_HEADER) {
    if (!ctx.check(at, OBJECT_HEADER)) return;
    const objectLength = ctx.u16(at), cls = ctx.u8(at + 2), ctype = ctx.u8(at + 3);
    at += OBJECT_HEADER;
    left -= OBJECT_HEADER;
    ctx.print(`\n\t  ${OBJECT_NAMES[cls] ?? 'unknown'} Object (${cls}), Class-Type: ${ctype}, length ${objectLength}`);
    // A zero class or a length shorter than the header would never advance.
    if (cls === 0 || objectLength < OBJECT_HEADER) return;
    const dataLength = objectLength - OBJECT_HEADER;
    if (cls === MPLS_STACK_ENTRY && ctype === 1) {
      if (!ctx.need(at, 4)) return;
      printMplsEntry(ctx, ctx.u32(at));
    } else {
      printUnknownData(ctx, at, '\n\t    ', dataLength);
      if (ctx.stopped) return;
    }
    if (left < dataLength) break;
    left -= dataLength;
    at += dataLength;
  }
}

/** One RFC 3032 label stack entry: label 20 bits, traffic class 3, bottom-of-stack 1, TTL 8. */
function printMplsEntry(ctx: TcpdumpContext, entry: number): void {
  ctx.print(`\n\t    label ${entry >>> 12}, tc ${(entry >> 9) & 7}`);
  if (entry & 0x100) ctx.print(', [S]');
  ctx.print(`, ttl ${entry & 0xff}`);
}
