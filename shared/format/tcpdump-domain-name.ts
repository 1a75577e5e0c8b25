/**
 * A DNS-encoded domain name as tcpdump prints it (print-domain.c fqdn_print, tcpdump 4.99.3): labels joined and
 * ended by ".", compression pointers followed backwards from `base` (BIND's rule, so a name cannot loop),
 * RFC 2673 bit-string labels as "\[xHEX/BITS]", bytes outside printable ASCII as fn_print_char writes them,
 * and "<BAD PTR>", "<BAD LABEL TYPE>", "<ELT n>", "<DOMAIN NAME TOO LONG>" for names tcpdump refuses.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hex, hexPad } from './tcpdump-context';
import { printableChar } from './tcpdump-tcp';

const TYPE_MASK = 0xc0, POINTER = 0xc0, RESERVED = 0x80, EXTENDED = 0x40;
const BIT_LABEL = 0x01;
/** MAXCDNAME: the longest name tcpdump prints in full. */
const MAX_NAME = 255;

/** State of one name being printed. */
interface Walk { cp: number; byte: number; len: number; chars: number }

/**
 * fqdn_print of the name at `at`, pointers counted from `base`: the offset just after the name as it sits at
 * `at`, or null where tcpdump gives up (the packet has stopped if a read ran out).
 */
export function printDomainName(ctx: TcpdumpContext, at: number, base: number): number | null {
  const len = labelLength(ctx, at);
  if (len < 0) return null;
  let maxOffset = at - base;
  const w: Walk = { cp: at + 1, byte: ctx.u8(at), len, chars: 0 };
  let compressed = false;
  let rest = (w.byte & TYPE_MASK) === POINTER ? 0 : w.cp + len;
  if (w.byte === 0) { ctx.print('.'); return rest; }
  while (w.byte !== 0 && w.cp < ctx.snapEnd) {
    if ((w.byte & TYPE_MASK) === POINTER) {
      if (!compressed) { rest = w.cp + 1; compressed = true; }
      if (!ctx.has(w.cp, 1)) return null;
      const offset = ((w.byte << 8) | ctx.u8(w.cp)) & 0x3fff;
      if (offset >= maxOffset) { ctx.print('<BAD PTR>'); return null; }
      maxOffset = offset;
      if (!readLabelStart(ctx, w, base + offset)) return null;
      continue;
    }
    if (!printLabel(ctx, w)) return null;
    w.cp += w.len;
    if (w.chars <= MAX_NAME) ctx.print('.');
    w.chars++;
    if (!readLabelStart(ctx, w, w.cp)) return null;
    if (!compressed) rest += w.len + 1;
  }
  if (w.chars > MAX_NAME) ctx.print('<DOMAIN NAME TOO LONG>');
  return rest;
}

/** Moves the walk to the label starting at `at`: its first byte and length; false when tcpdump gives up. */
function readLabelStart(ctx: TcpdumpContext, w: Walk, at: number): boolean {
  if (!ctx.has(at, 1)) return false;
  w.byte = ctx.u8(at);
  w.len = labelLength(ctx, at);
  if (w.len < 0) return false;
  w.cp = at + 1;
  return true;
}

/** One ordinary or bit-string label (the walk's `cp` is just after its first byte); false when giving up. */
function printLabel(ctx: TcpdumpContext, w: Walk): boolean {
  const type = w.byte & TYPE_MASK;
  if (type === RESERVED) { ctx.print('<BAD LABEL TYPE>'); return false; }
  if (type === EXTENDED) {
    const elt = w.byte & ~TYPE_MASK;
    if (elt !== BIT_LABEL) { ctx.print(`<ELT ${elt}>`); return false; }
    return printBitLabel(ctx, w.cp);
  }
  const n = w.chars + w.len <= MAX_NAME ? w.len : w.chars < MAX_NAME ? MAX_NAME - w.chars : 0;
  if (!printChars(ctx, w.cp, n)) return false;
  w.chars += w.len;
  return true;
}

/** nd_printn: `n` bytes as fn_print_char writes them; false when the captured bytes end first. */
function printChars(ctx: TcpdumpContext, at: number, n: number): boolean {
  let text = '';
  for (; n > 0 && at < ctx.snapEnd; n--, at++) text += printableChar(ctx.u8(at));
  ctx.print(text);
  return n === 0;
}

/** labellen: the bytes a label occupies after its first byte, or -1 (with tcpdump's complaint) when invalid. */
function labelLength(ctx: TcpdumpContext, at: number): number {
  if (!ctx.has(at, 1)) return -1;
  const byte = ctx.u8(at);
  switch (byte & TYPE_MASK) {
    case EXTENDED: {
      const elt = byte & ~TYPE_MASK;
      if (elt !== BIT_LABEL) { ctx.print(`<ELT ${elt}>`); return -1; }
      if (!ctx.has(at + 1, 1)) return -1;
      const bits = ctx.u8(at + 1) || 256;
      return Math.floor((bits + 7) / 8) + 1;
    }
    case RESERVED: ctx.print('<BAD LABEL TYPE>'); return -1;
    default: return byte;
  }
}

/** blabel_print (RFC 2673): "\[x" + the bits in hex + "/BITS]". */
function printBitLabel(ctx: TcpdumpContext, at: number): boolean {
  if (!ctx.need(at, 1)) return false;
  const bits = ctx.u8(at) || 256;
  const end = at + 1 + Math.floor((bits + 3) / 4);
  let text = '\\[x';
  let p = at + 1, b = bits;
  for (; p < end && b > 7; b -= 8, p++) {
    if (!ctx.need(p, 1)) return false;
    text += hexPad(ctx.u8(p), 2);
  }
  if (b > 0) {
    if (!ctx.need(p, 1)) return false;
    const tc = ctx.u8(p);
    text += b > 4 ? hexPad(tc & (0xff << (8 - b)), 2) : hex(((tc >> 4) & 0x0f) & (0x0f << (4 - b)));
  }
  ctx.print(`${text}/${bits}]`);
  return true;
}
