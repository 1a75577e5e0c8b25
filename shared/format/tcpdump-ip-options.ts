/**
 * IPv4 options inside "options (…)" as tcpdump prints them (print-ip.c ip_optprint, ip_printroute,
 * ip_printts; RFC 791 §3.1). Returns false when an option runs past the captured bytes (tcpdump then writes
 * " [truncated-option]"); a failed single-byte read stops the context like tcpdump's GET_* longjmp.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { ipv4String } from './tcpdump-address';

const NAMES: Record<number, string> = {
  0: 'EOL', 1: 'NOP', 68: 'timestamp', 130: 'security', 7: 'RR', 137: 'SSRR', 131: 'LSRR', 148: 'RA', 82: 'traceroute',
};

export function printIpOptions(ctx: TcpdumpContext, at: number, length: number): boolean {
  let sep = '';
  for (let cp = at; length > 0;) {
    ctx.print(sep);
    sep = ',';
    if (!ctx.need(cp, 1)) return false;
    const code = ctx.u8(cp);
    ctx.print(NAMES[code] ?? `unknown ${code}`);
    let optLen = 1;
    if (code !== 0 && code !== 1) {
      if (!ctx.need(cp + 1, 1)) return false;
      optLen = ctx.u8(cp + 1);
      if (optLen < 2) { ctx.print(` [bad length ${optLen}]`); return true; }
    }
    if (optLen > length) { ctx.print(` [bad length ${optLen}]`); return true; }
    if (!ctx.has(cp, optLen)) return false;
    if (code === 0) return true;
    if (!printOptionBody(ctx, cp, code, optLen)) return false;
    cp += optLen;
    length -= optLen;
  }
  return true;
}

function printOptionBody(ctx: TcpdumpContext, cp: number, code: number, len: number): boolean {
  switch (code) {
    case 68: return printTimestamps(ctx, cp, len);
    case 7: case 131: case 137: return printRoute(ctx, cp, len);
    case 148:
      if (len < 4) { ctx.print(` [bad length ${len}]`); return true; }
      if (ctx.u16(cp + 2) !== 0) ctx.print(` value ${ctx.u16(cp + 2)}`);
      return true;
    default: return true;
  }
}

function printRoute(ctx: TcpdumpContext, cp: number, length: number): boolean {
  if (length < 3) { ctx.print(` [bad length ${length}]`); return true; }
  if ((length + 1) & 3) ctx.print(` [bad length ${length}]`);
  const ptr = ctx.u8(cp + 2) - 1;
  if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1) ctx.print(` [bad ptr ${ctx.u8(cp + 2)}]`);
  for (let len = 3; len < length; len += 4) {
    if (!ctx.has(cp + len, 4)) return false;
    ctx.print(` ${ipv4String(ctx.view, cp + len)}`);
    if (ptr > len) ctx.print(',');
  }
  return true;
}

const TS_TYPES: Record<number, string> = { 0: 'TSONLY', 1: 'TS+ADDR', 3: 'PRESPEC' };

function printTimestamps(ctx: TcpdumpContext, cp: number, length: number): boolean {
  if (length < 4) { ctx.print(`[bad length ${length}]`); return true; }
  ctx.print(' TS{');
  const flag = ctx.u8(cp + 3);
  const hoplen = (flag & 0xf) !== 0 ? 8 : 4;
  if ((length - 4) & (hoplen - 1)) ctx.print(`[bad length ${length}]`);
  const ptr = ctx.u8(cp + 2) - 1;
  let len = 0;
  if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1) ctx.print(`[bad ptr ${ctx.u8(cp + 2)}]`);
  const type = TS_TYPES[flag & 0xf];
  if (type === undefined) ctx.print(`[bad ts type ${flag & 0xf}]`);
  else {
    ctx.print(type);
    let lead = ' ';
    for (len = 4; len < length; len += hoplen) {
      if (ptr === len) lead = ' ^ ';
      if (!ctx.has(cp + len, hoplen)) return false;
      ctx.print(`${lead}${ctx.u32(cp + len + hoplen - 4)}@${hoplen !== 8 ? '' : ipv4String(ctx.view, cp + len)}`);
      lead = ' ';
    }
  }
  ctx.print(ptr === len ? ' ^ ' : '');
  ctx.print(flag >> 4 ? ` [${flag >> 4} hops not recorded]} ` : '}');
  return true;
}
