/**
 * The hex dump tcpdump's printers fall back on for bytes they do not decode (util-print.c print_unknown_data,
 * print-ascii.c hex_print_with_offset, tcpdump 4.99.3): lines of up to eight 16-bit words, each line opened
 * by the caller's indent and "0x0000: ", the offset counting 16 bytes per line.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hexPad } from './tcpdump-context';

/** print_unknown_data: dumps `len` bytes at `at`, as many as were captured. */
export function printUnknownData(ctx: TcpdumpContext, at: number, indent: string, len: number): void {
  if (at > ctx.snapEnd) {
    ctx.print(`${indent}Dissector error: print_unknown_data called with pointer past end of packet`);
    return;
  }
  hexPrint(ctx, at, indent, Math.min(len, ctx.availableAfter(at)));
}

/**
 * hex_print: dumps `len` bytes at `at`. Asked for more than was captured, it dumps what there is and then
 * ends the packet as a failed GET_* would (print_unknown_data never asks for that much).
 */
function hexPrint(ctx: TcpdumpContext, at: number, indent: string, len: number): void {
  const available = ctx.availableAfter(at);
  const truncated = len > available;
  const n = truncated ? available : len;
  let text = '';
  let word = 0;
  for (; word < n >> 1; word++) {
    if (word % 8 === 0) text += `${indent}0x${hexPad(word * 2, 4)}: `;
    text += ` ${hexPad(ctx.u16(at + word * 2), 4)}`;
  }
  if (n & 1) {
    if (word % 8 === 0) text += `${indent}0x${hexPad(word * 2, 4)}: `;
    text += ` ${hexPad(ctx.u8(at + n - 1), 2)}`;
  }
  ctx.print(text);
  if (truncated) ctx.stopped = true;
}
