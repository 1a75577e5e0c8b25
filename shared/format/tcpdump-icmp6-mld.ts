/**
 * Multicast listener discovery as tcpdump -vv prints it after "ICMP6, <name>" (print-icmp6.c mld6_print,
 * mldv2_query_print, mldv2_report_print, tcpdump 4.99.3). MLDv1 (RFC 2710) follows the name with no
 * separator ("multicast listener reportmax resp delay: 0 addr: ff02::fb"), as tcpdump does. MLDv2 (RFC 3810)
 * queries and reports list groups and, with -vv, every source.
 */
import type { TcpdumpContext } from './tcpdump-context';
import { ipv6String } from './tcpdump-address';

const QUERY = 130, REPORT_V2 = 143;
/** MLD_MINLEN, MLDV2_MINLEN: a query of exactly 24 bytes is MLDv1, one of 28 or more MLDv2. */
const MLD_LENGTH = 24, MLD2_QUERY_MIN = 28;
/** mldv2report2str: group record types (RFC 3810 §5.2.12). */
const RECORD_TYPES: Record<number, string> = { 1: 'is_in', 2: 'is_ex', 3: 'to_in', 4: 'to_ex', 5: 'allow', 6: 'block' };

/** The MLD message of `type` (130, 131, 132 or 143) at `at`, `length` bytes. */
export function printMld(ctx: TcpdumpContext, at: number, length: number, type: number): void {
  if (type === REPORT_V2) printReportV2(ctx, at, length);
  else if (type !== QUERY || length === MLD_LENGTH) printMldV1(ctx, at);
  else if (length >= MLD2_QUERY_MIN) { ctx.print(' v2'); printQueryV2(ctx, at, length); }
  else ctx.print(` unknown-version (len ${length}) `);
}

/** mld6_print: nothing when the 24 bytes were not all captured. */
function printMldV1(ctx: TcpdumpContext, at: number): void {
  if (at + MLD_LENGTH > ctx.snapEnd) return;
  ctx.print(`max resp delay: ${ctx.u16(at + 4)} addr: ${ipv6String(ctx.view, at + 8)}`);
}

/** mldv2_query_print: maximum response delay, group, S flag, robustness, query interval, sources. */
function printQueryV2(ctx: TcpdumpContext, at: number, length: number): void {
  if (!ctx.need(at + 4, 2)) return;
  ctx.print(` [max resp delay=${decodeFloat(ctx.u16(at + 4), 0x8000, 0x0fff, 12)}]`);
  if (!ctx.need(at + 8, 16)) return;
  ctx.print(` [gaddr ${ipv6String(ctx.view, at + 8)}`);
  if (!ctx.need(at + 24, 1)) return;
  const flags = ctx.u8(at + 24);
  if (flags & 0x08) ctx.print(' sflag');
  if (flags & 0x07) ctx.print(` robustness=${flags & 0x07}`);
  if (!ctx.need(at + 25, 1)) return;
  ctx.print(` qqi=${decodeFloat(ctx.u8(at + 25), 0x80, 0x0f, 4)}`);
  if (!ctx.need(at + 26, 2)) return;
  const sources = ctx.u16(at + 26);
  if (sources > 0) {
    if (length < MLD2_QUERY_MIN + sources * 16) ctx.print(' [invalid number of sources]');
    else if (!printSources(ctx, at + 28, sources)) return;
  }
  ctx.print(']');
}

/**
 * RFC 3810 §5.1.3 and §5.1.9: values from the top bit up are an exponent and a mantissa,
 * (mant | 1 << mantBits) << (exp + 3). `mantMask` selects the mantissa, `expShift` where the exponent starts.
 */
function decodeFloat(v: number, floatBit: number, mantMask: number, expShift: number): number {
  if (v < floatBit) return v;
  return ((v & mantMask) | (mantMask + 1)) * 2 ** (((v >> expShift) & 7) + 3);
}

/** mldv2_report_print: the number of group records, then each record with its sources. */
function printReportV2(ctx: TcpdumpContext, at: number, length: number): void {
  if (length < 8) { ctx.print(` [invalid len ${length}]`); return; }
  if (!ctx.need(at + 6, 2)) return;
  const groups = ctx.u16(at + 6);
  ctx.print(`, ${groups} group record(s)`);
  for (let i = 0, group = 8; i < groups; i++) {
    if (length < group + 20) { ctx.print(' [invalid number of groups]'); return; }
    if (!ctx.need(at + group + 4, 16)) return;
    ctx.print(` [gaddr ${ipv6String(ctx.view, at + group + 4)}`);
    if (!ctx.need(at + group, 4)) return;
    const type = ctx.u8(at + group), sources = ctx.u16(at + group + 2);
    ctx.print(` ${RECORD_TYPES[type] ?? ` [v2-report-#${type}]`}`);
    if (length < group + 20 + sources * 16) { ctx.print(` [invalid number of sources ${sources}]`); return; }
    if (!printSources(ctx, at + group + 20, sources)) return;
    group += 20 + sources * 16;
    ctx.print(']');
  }
}

/** " { ADDR ADDR … }"; false when an address was not captured (the packet has stopped). */
function printSources(ctx: TcpdumpContext, at: number, count: number): boolean {
  ctx.print(' {');
  for (let i = 0; i < count; i++) {
    if (!ctx.need(at + i * 16, 16)) return false;
    ctx.print(` ${ipv6String(ctx.view, at + i * 16)}`);
  }
  ctx.print(' }');
  return true;
}
