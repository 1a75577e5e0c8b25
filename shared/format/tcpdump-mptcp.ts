/**
 * MPTCP option text as tcpdump 4.99 prints it (print-mptcp.c, RFC 8684): " <len> <subtype> <details>".
 * Returns false where mptcp_print returns 0 (the caller then writes "[bad opt]"); a read past the
 * option's end stops the context with protocol "mptcp", as tcpdump's GET_* macros do.
 */
import { TCP_ACK, TCP_SYN } from '../wire/tcp-flag-bits';
import type { TcpdumpContext } from './tcpdump-context';
import { hex } from './tcpdump-context';
import { ipv4String, ipv6String } from './tcpdump-address';

const SUBTYPES = ['capable', 'join', 'dss', 'add-addr', 'rem-addr', 'prio', 'fail', 'fast-close', 'unknown'];

/** Prints the MPTCP option of `len` bytes starting at its kind byte `at`; `flags` is the TCP flags byte. */
export function printMptcp(ctx: TcpdumpContext, at: number, len: number, flags: number): boolean {
  ctx.protocol = 'mptcp';
  if (len < 3) return false;
  if (!ctx.need(at + 2, 1)) return true;
  const subtype = Math.min(ctx.u8(at + 2) >> 4, 8);
  ctx.print(` ${len} ${SUBTYPES[subtype]}`);
  switch (subtype) {
    case 0: return capable(ctx, at, len, flags);
    case 1: return join(ctx, at, len, flags);
    case 2: return dss(ctx, at, len, flags);
    case 3: return addAddr(ctx, at, len);
    case 4: return removeAddr(ctx, at, len);
    case 5: return prio(ctx, at, len);
    case 6: return u64After(ctx, at, len, ' seq ', false);
    case 7: return u64After(ctx, at, len, ' key 0x', true);
    default: return true;
  }
}

function u64(ctx: TcpdumpContext, at: number): bigint {
  return ctx.view.getBigUint64(at);
}

function capable(ctx: TcpdumpContext, at: number, len: number, flags: number): boolean {
  if (!((len === 12 || len === 4) && (flags & TCP_SYN)) && !((len === 20 || len === 22) && (flags & (TCP_SYN | TCP_ACK)) === TCP_ACK)) {
    return false;
  }
  const version = ctx.u8(at + 2) & 0x0f;
  if (version > 1) { ctx.print(` Unknown Version (${version})`); return true; }
  ctx.print(` v${version}`);
  if (!ctx.need(at + 3, 1)) return true;
  if (ctx.u8(at + 3) & 0x80) ctx.print(' csum');
  if (len === 12 || len >= 20) {
    if (!ctx.need(at + 4, 8)) return true;
    ctx.print(` {0x${u64(ctx, at + 4).toString(16)}`);
    if (len >= 20) {
      if (!ctx.need(at + 12, 8)) return true;
      ctx.print(`,0x${u64(ctx, at + 12).toString(16)}`);
    }
    ctx.print('}');
  }
  return true;
}

function join(ctx: TcpdumpContext, at: number, len: number, flags: number): boolean {
  if (!(len === 12 && (flags & TCP_SYN)) && !(len === 16 && (flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK))
    && !(len === 24 && (flags & TCP_ACK))) return false;
  if (len !== 24) {
    if (!ctx.need(at + 3, 1)) return true;
    if (ctx.u8(at + 2) & 0x01) ctx.print(' backup');
    ctx.print(` id ${ctx.u8(at + 3)}`);
  }
  if (len === 12) {
    if (!ctx.need(at + 4, 8)) return true;
    ctx.print(` token 0x${hex(ctx.u32(at + 4))} nonce 0x${hex(ctx.u32(at + 8))}`);
  } else if (len === 16) {
    if (!ctx.need(at + 4, 12)) return true;
    ctx.print(` hmac 0x${u64(ctx, at + 4).toString(16)} nonce 0x${hex(ctx.u32(at + 12))}`);
  } else {
    // tcpdump reads these bytes without a bounds check; the option length (24) guarantees them here.
    let mac = '';
    for (let i = 0; i < 20 && ctx.has(at + 4 + i, 1); i++) mac += ctx.u8(at + 4 + i).toString(16).padStart(2, '0');
    ctx.print(` hmac 0x${mac}`);
  }
  return true;
}

/** One DSS number: 8 bytes when `wide`, else 4. Returns the bytes used, or -1 when the option is too short. */
function dssNumber(ctx: TcpdumpContext, at: number, left: number, wide: boolean): number {
  const n = wide ? 8 : 4;
  if (left < n) return -1;
  if (!ctx.need(at, n)) return 0;
  ctx.print(wide ? u64(ctx, at).toString() : String(ctx.u32(at)));
  return n;
}

function dss(ctx: TcpdumpContext, at: number, len: number, flags: number): boolean {
  if (len < 4 || (flags & TCP_SYN)) return false;
  if (!ctx.need(at + 3, 1)) return true;
  const f = ctx.u8(at + 3);
  if (f & 0x10) ctx.print(' fin');
  let p = at + 4, left = len - 4;
  if (f & 0x01) {
    ctx.print(' ack ');
    const used = dssNumber(ctx, p, left, (f & 0x02) !== 0);
    if (used < 0) return false;
    if (used === 0) return true;
    p += used; left -= used;
  }
  if (f & 0x04) {
    ctx.print(' seq ');
    const used = dssNumber(ctx, p, left, (f & 0x08) !== 0);
    if (used < 0) return false;
    if (used === 0) return true;
    p += used; left -= used;
    if (left < 4) return false;
    if (!ctx.need(p, 4)) return true;
    ctx.print(` subseq ${ctx.u32(p)}`);
    p += 4; left -= 4;
    if (left < 2) return false;
    if (!ctx.need(p, 2)) return true;
    ctx.print(` len ${ctx.u16(p)}`);
    p += 2; left -= 2;
    if (left >= 2) {
      if (!ctx.need(p, 2)) return true;
      ctx.print(` csum 0x${hex(ctx.u16(p))}`);
      left -= 2;
    }
  }
  return left === 0;
}

const ADD_ADDR_KIND: Record<number, string> = { 6: 'v0-ip6', 4: 'v0-ip4', 1: 'v1-echo', 0: 'v1' };

function addAddr(ctx: TcpdumpContext, at: number, len: number): boolean {
  if (![8, 10, 16, 18, 20, 22, 28, 30].includes(len)) return false;
  if (!ctx.need(at + 3, 1)) return true;
  ctx.print(` ${ADD_ADDR_KIND[ctx.u8(at + 2) & 0x0f] ?? '[bad version/echo]'} id ${ctx.u8(at + 3)}`);
  const v4 = len <= 18;
  const addrLen = v4 ? 4 : 16;
  if (!ctx.need(at + 4, addrLen)) return true;
  ctx.print(` ${v4 ? ipv4String(ctx.view, at + 4) : ipv6String(ctx.view, at + 4)}`);
  const withPort = len === 10 || len === 18 || len === 22 || len === 30;
  const portAt = at + 4 + addrLen;
  if (withPort) {
    if (!ctx.need(portAt, 2)) return true;
    ctx.print(`:${ctx.u16(portAt)}`);
  }
  if (len === 16 || len === 18 || len === 28 || len === 30) {
    const macAt = portAt + (withPort ? 2 : 0);
    if (!ctx.need(macAt, 8)) return true;
    ctx.print(` hmac 0x${u64(ctx, macAt).toString(16)}`);
  }
  return true;
}

function removeAddr(ctx: TcpdumpContext, at: number, len: number): boolean {
  if (len < 4) return false;
  ctx.print(' id');
  for (let i = 0; i < len - 3; i++) {
    if (!ctx.need(at + 3 + i, 1)) return true;
    ctx.print(` ${ctx.u8(at + 3 + i)}`);
  }
  return true;
}

function prio(ctx: TcpdumpContext, at: number, len: number): boolean {
  if (len !== 3 && len !== 4) return false;
  ctx.print(ctx.u8(at + 2) & 0x01 ? ' backup' : ' non-backup');
  if (len === 4) {
    if (!ctx.need(at + 3, 1)) return true;
    ctx.print(` id ${ctx.u8(at + 3)}`);
  }
  return true;
}

/** MP_FAIL (decimal data sequence) and MP_FASTCLOSE (hex key): a 64-bit value after 4 bytes, length 12. */
function u64After(ctx: TcpdumpContext, at: number, len: number, label: string, asHex: boolean): boolean {
  if (len !== 12) return false;
  if (!ctx.need(at + 4, 8)) return true;
  const v = u64(ctx, at + 4);
  ctx.print(label + (asHex ? v.toString(16) : v.toString()));
  return true;
}
