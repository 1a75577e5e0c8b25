/**
 * The ", options [...]" part of a tcpdump TCP line (print-tcp.c, tcp_print's option loop, 4.99.3), byte for
 * byte: option names from tcp_option_values, "[len N]" when an option's length differs from what its kind
 * uses, "[bad opt]" when a length is impossible, " [|tcp]>" when the capture ends inside an option, SACK edges
 * relative to the connection's bases, MPTCP via tcpdump-mptcp, TFO (kind 34 and experimental 254/0xf989).
 */
import type { TcpdumpContext } from './tcpdump-context';
import { hex, hexPad } from './tcpdump-context';
import { printMptcp } from './tcpdump-mptcp';

const NAMES: Record<number, string> = {
  0: 'eol', 1: 'nop', 2: 'mss', 3: 'wscale', 4: 'sackOK', 5: 'sack', 6: 'echo', 7: 'echoreply', 8: 'TS',
  11: 'cc', 12: 'ccnew', 13: '', 19: 'md5', 20: 'scps', 28: 'uto', 29: 'tcp-ao', 30: 'mptcp', 34: 'tfo', 254: 'exp',
};

/** SACK edge bases from the sequence table (tcp_print's thseq/thack/rev; all 0 with -S or without ACK). */
export interface SackBases { baseSeq: number; baseAck: number; rev: boolean }

/** One option's state while it is printed: where its data starts, how many header bytes remain. */
interface Cursor { cp: number; hlen: number; sep: string }

/**
 * Prints ", options [...]" for the `optLen` option bytes at `at`. `flags` is the TCP flags byte;
 * `segmentEnd` the end of the segment per the IP length (for the MD5 snaplen note). Returns false when the
 * list ended at a "[bad opt]" or a truncation: tcp_print then prints nothing more.
 */
export function printTcpOptions(ctx: TcpdumpContext, at: number, optLen: number, flags: number, bases: SackBases,
  segmentEnd: number): boolean {
  const c: Cursor = { cp: at, hlen: optLen, sep: '' };
  ctx.print(', options [');
  while (c.hlen > 0) {
    ctx.print(c.sep);
    if (!ctx.need(c.cp, 1)) return false;
    const opt = ctx.u8(c.cp++);
    let len = 1;
    if (opt > 1) {
      if (!ctx.need(c.cp, 1)) return false;
      len = ctx.u8(c.cp++);
      if (len < 2 || len > c.hlen) return bad(ctx, c);
      c.hlen--;
    }
    c.hlen--;
    ctx.print(NAMES[opt] ?? `unknown-${opt}`);
    const datalen = printOptionData(ctx, c, opt, len, flags, bases, segmentEnd);
    if (datalen === BAD) return bad(ctx, c);
    if (datalen === TRUNC) return trunc(ctx, c);
    if (ctx.stopped) return false;
    c.cp += datalen;
    c.hlen -= datalen;
    if (datalen + (opt > 1 ? 2 : 1) !== len) ctx.print(`[len ${len}]`);
    c.sep = ',';
    if (opt === 0) break;
  }
  ctx.print(']');
  return true;
}

const BAD = -1, TRUNC = -2;

function bad(ctx: TcpdumpContext, c: Cursor): false {
  ctx.print('[bad opt]');
  if (c.sep) ctx.print(']');
  return false;
}

function trunc(ctx: TcpdumpContext, c: Cursor): false {
  ctx.printTrunc();
  if (c.sep) ctx.print('>');
  return false;
}

/** LENCHECK(l): BAD when the option claims fewer bytes, TRUNC when they were not captured, else 0. */
function lenCheck(ctx: TcpdumpContext, c: Cursor, l: number): number {
  if (l > c.hlen) return BAD;
  return ctx.has(c.cp, l) ? 0 : TRUNC;
}

/** Prints one option's data; returns the data length consumed, or BAD / TRUNC. */
function printOptionData(ctx: TcpdumpContext, c: Cursor, opt: number, len: number, flags: number,
  bases: SackBases, segmentEnd: number): number {
  switch (opt) {
    case 2: return fixed(ctx, c, 2, () => ` ${ctx.u16(c.cp)}`);
    case 3: return fixed(ctx, c, 1, () => ` ${ctx.u8(c.cp)}`);
    case 5: return sack(ctx, c, len, bases);
    case 6: case 7: case 11: case 12: case 13:
      return fixed(ctx, c, 4, () => ` ${ctx.u32(c.cp)}`);
    case 8: return fixed(ctx, c, 8, () => ` val ${ctx.u32(c.cp)} ecr ${ctx.u32(c.cp + 4)}`);
    case 19: return fixed(ctx, c, 16, () => ` ${md5Text(ctx, c.cp, segmentEnd)}`);
    case 20: return fixed(ctx, c, 2, () => ` cap ${hexPad(ctx.u8(c.cp), 2)} id ${ctx.u8(c.cp + 1)}`);
    case 28: return fixed(ctx, c, 2, () => utoText(ctx.u16(c.cp)));
    case 29: return tcpAo(ctx, c, len - 2);
    case 0: case 1: case 4: return 0;
    case 30: return mptcp(ctx, c, len, flags);
    case 34: return fastOpen(ctx, c, len - 2, false);
    case 254: return fastOpen(ctx, c, len - 2, true);
    default: return hexBytes(ctx, c, len - 2, ' 0x');
  }
}

function fixed(ctx: TcpdumpContext, c: Cursor, n: number, text: () => string): number {
  const r = lenCheck(ctx, c, n);
  if (r !== 0) return r;
  ctx.print(text());
  return n;
}

function sack(ctx: TcpdumpContext, c: Cursor, len: number, b: SackBases): number {
  const datalen = len - 2;
  if (datalen % 8 !== 0) {
    ctx.print(' invalid sack');
    return datalen;
  }
  ctx.print(` ${datalen / 8} `);
  const base = b.rev ? b.baseSeq : b.baseAck;
  for (let i = 0; i < datalen; i += 8) {
    let r = lenCheck(ctx, c, i + 4);
    if (r !== 0) return r;
    const s = (ctx.u32(c.cp + i) - base) >>> 0;
    r = lenCheck(ctx, c, i + 8);
    if (r !== 0) return r;
    const e = (ctx.u32(c.cp + i + 4) - base) >>> 0;
    ctx.print(`{${s}:${e}}`);
  }
  return datalen;
}

function hexBytes(ctx: TcpdumpContext, c: Cursor, datalen: number, lead: string): number {
  if (datalen) ctx.print(lead);
  for (let i = 0; i < datalen; i++) {
    const r = lenCheck(ctx, c, i + 1);
    if (r !== 0) return r;
    ctx.print(hexPad(ctx.u8(c.cp + i), 2));
  }
  return datalen;
}

/** RFC 5482 user timeout: granularity bit selects minutes or seconds. */
function utoText(v: number): string {
  const t = v & 1 ? (v >> 1) * 60 : v >> 1;
  return ` 0x${hex(v)} ${t}`;
}

/** tcpdump built with libcrypto but given no -M secret, as the Debian package is. */
function md5Text(ctx: TcpdumpContext, at: number, segmentEnd: number): string {
  let digest = '';
  for (let i = 0; i < 16; i++) digest += hexPad(ctx.u8(at + i), 2);
  const note = segmentEnd > ctx.snapEnd ? 'snaplen too short, ' : 'shared secret not supplied with -M, ';
  return `${note}can't check - ${digest}`;
}

function tcpAo(ctx: TcpdumpContext, c: Cursor, datalen: number): number {
  if (datalen < 2) {
    ctx.print(' (invalid)');
    return datalen;
  }
  let r = lenCheck(ctx, c, 1);
  if (r !== 0) return r;
  ctx.print(` keyid ${ctx.u8(c.cp)}`);
  r = lenCheck(ctx, c, 2);
  if (r !== 0) return r;
  ctx.print(` rnextkeyid ${ctx.u8(c.cp + 1)}`);
  if (datalen > 2) {
    ctx.print(' mac 0x');
    for (let i = 2; i < datalen; i++) {
      r = lenCheck(ctx, c, i + 1);
      if (r !== 0) return r;
      ctx.print(hexPad(ctx.u8(c.cp + i), 2));
    }
  }
  return datalen;
}

function mptcp(ctx: TcpdumpContext, c: Cursor, len: number, flags: number): number {
  const r = lenCheck(ctx, c, len - 2);
  if (r !== 0) return r;
  // tcpdump narrows the snapshot end to this option while mptcp_print runs.
  const saved = ctx.snapEnd;
  ctx.snapEnd = Math.min(c.cp - 2 + len, saved);
  const ok = printMptcp(ctx, c.cp - 2, len, flags);
  ctx.snapEnd = saved;
  if (ctx.stopped) return 0;
  return ok ? len - 2 : BAD;
}

/** RFC 7413 cookie (kind 34) or its experimental form (kind 254, magic 0xf989, RFC 6994). */
function fastOpen(ctx: TcpdumpContext, c: Cursor, datalen: number, experimental: boolean): number {
  const r = lenCheck(ctx, c, datalen);
  if (r !== 0) return r;
  let at = c.cp, n = datalen;
  if (experimental) {
    if (datalen < 2) return BAD;
    const magic = ctx.u16(c.cp);
    ctx.print('-');
    if (magic !== 0xf989) {
      ctx.print(hexPad(magic, 4));
      return datalen;
    }
    ctx.print('tfo');
    at += 2; n -= 2;
  } else {
    ctx.print(' ');
  }
  if (n === 0) ctx.print(' cookiereq');
  else if (n % 2 !== 0 || n < 4 || n > 16) ctx.print(' (invalid)');
  else {
    ctx.print(' cookie ');
    for (let i = 0; i < n; i++) ctx.print(hexPad(ctx.u8(at + i), 2));
  }
  return datalen;
}
