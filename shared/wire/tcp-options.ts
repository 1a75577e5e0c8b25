/**
 * TCP option walk (RFC 9293 §3.2) without allocation: `TcpOptionReader` steps through kind/length pairs
 * and `readTcpOptions` keeps what the tracker needs. A length byte below 2 or past the header ends the walk
 * with a problem (tshark "bad length", tcpdump "[bad opt]") instead of a throw. Options whose length is
 * wrong for their kind are skipped, as tshark does not fill tcp.options.mss_val etc. for them.
 */
import type { DecodedPacket } from './decoded-packet';
import { type DetailNode, hexValue, leaf } from './detail-node';
import { WireProblemCode } from './wire-problem';

import {
  TCPOPT_ACC_ECN_0, TCPOPT_ACC_ECN_1, TCPOPT_ACC_ECN_MAGIC_0, TCPOPT_ACC_ECN_MAGIC_1, TCPOPT_AO, TCPOPT_EOL, TCPOPT_EXP_FD, TCPOPT_EXP_FE, TCPOPT_MD5, TCPOPT_MPTCP, TCPOPT_MSS, TCPOPT_NOP, TCPOPT_SACK,
  TCPOPT_SACK_PERM, TCPOPT_TFO, TCPOPT_TFO_MAGIC, TCPOPT_TIMESTAMP, TCPOPT_UTO, TCPOPT_WSCALE,
} from './tcp-option-kinds';
import { optionOverruns, optionReach } from './tcp-option-reach';

export * from './tcp-option-kinds';

/** Kind and length bytes of NOP, NOP, Timestamps (length 10), as one big-endian word. */
const NOP_NOP_TIMESTAMPS = 0x0101080a;

/** Steps through the options area; after `next()` returns true, kind/at/length describe one option. */
export class TcpOptionReader {
  private dv!: DataView;
  private pos = 0;
  /** End of the captured option bytes, and of the option area the data offset announces (≥ end). */
  private end = 0;
  private areaEnd = 0;
  /** Option kind. */
  kind = 0;
  /** Absolute offset of the kind byte. */
  at = 0;
  /** Whole option length including kind and length bytes (1 for EOL/NOP). */
  length = 0;
  /**
   * Bytes captured from `at` on: after a truncation, how much of the cut option's `length` the frame holds; below
   * `length` for an option the capture cut where tshark's dissector does not read (tcp-option-reach.ts).
   */
  get capturedFromAt(): number { return this.end - this.at; }
  /** Problem that ended the walk (0 none) and its offset. */
  problem = 0;
  problemOffset = 0;

  /**
   * `len` = option bytes captured; `claimed` = option bytes the data offset announces. As packet-tcp.c walks them:
   * an option running past the announced area is a bad length (an expert note there, the walk stops), and reaching
   * the end of the captured bytes inside the area is a truncation (tshark's dissection stops: "Packet size limited").
   */
  reset(dv: DataView, at: number, len: number, claimed = len): void {
    if (this.dv !== dv) this.dv = dv;   // per chunk, not per packet (write barrier)
    this.pos = at; this.end = at + len; this.areaEnd = at + Math.max(len, claimed);
    this.problem = 0; this.problemOffset = 0;
    // No option yet: a walk that stops before the first one must not leave the last packet's behind (readTcpOptions
    // reads a timestamps option's head from kind/at/length after a cut).
    this.kind = -1; this.at = at; this.length = 0;
  }

  /** Advances to the next option; false at the end, after EOL, or at a malformed length. */
  next(): boolean {
    if (this.pos >= this.areaEnd) return false;
    if (this.pos >= this.end) return this.fail(WireProblemCode.tcpOptionsTruncated, this.end);
    const kind = this.dv.getUint8(this.pos);
    this.kind = kind; this.at = this.pos;
    // packet-tcp.c's End of Option List item covers the rest of the area: cut padding after it is a truncation too.
    if (kind === TCPOPT_EOL) {
      if (this.areaEnd > this.end) return this.fail(WireProblemCode.tcpOptionsTruncated, this.end);
      this.length = 1; this.pos = this.areaEnd;
      return true;
    }
    if (kind === TCPOPT_NOP) { this.length = 1; this.pos++; return true; }
    if (this.pos + 1 >= this.areaEnd) return this.fail(WireProblemCode.tcpOptionLength, this.pos);
    if (this.pos + 1 >= this.end) return this.fail(WireProblemCode.tcpOptionsTruncated, this.end);
    const len = this.dv.getUint8(this.pos + 1);
    if (len < 2) return this.fail(WireProblemCode.tcpOptionLength, this.pos + 1);
    if (this.pos + len > this.areaEnd) {
      // packet-tcp.c notes it over the rest of the area but its last 2 bytes: if those were not captured, the note's
      // bounds check stops the dissection there (measured: fixture option-reach).
      if (this.areaEnd - 2 > this.end) return this.fail(WireProblemCode.tcpOptionsTruncated, this.end);
      return this.fail(WireProblemCode.tcpOptionLength, this.pos + 1);
    }
    this.length = len;
    // Cut by the capture: tshark goes on only if the option's dissector does not read that far (tcp-option-reach.ts).
    if (this.pos + len > this.end && optionReach(this.dv, this.pos, kind, len, this.end - this.pos) > this.end - this.pos) {
      return this.fail(WireProblemCode.tcpOptionsTruncated, this.end);   // `at`, kind, length stay: its head may be read
    }
    if ((kind === TCPOPT_SACK || kind === TCPOPT_MPTCP) && optionOverruns(this.dv, this.pos, kind, len)) {
      return this.fail(WireProblemCode.tcpOptionOverrun, this.pos);
    }
    this.pos += len;
    return true;
  }

  /**
   * Whether the whole option area, captured, is NOP, NOP, Timestamps (RFC 7323 appendix A): what Linux and the BSDs
   * put on almost every segment after the handshake. If so the walk is done (as after reading all three options).
   */
  takeNopNopTimestamps(): boolean {
    const pos = this.pos;
    if (this.areaEnd - pos !== 12 || this.end !== this.areaEnd || this.dv.getUint32(pos) !== NOP_NOP_TIMESTAMPS) return false;
    this.kind = TCPOPT_TIMESTAMP; this.at = pos + 2; this.length = 10; this.pos = this.areaEnd;
    return true;
  }

  private fail(code: number, offset: number): false {
    this.problem = code; this.problemOffset = offset; this.pos = this.areaEnd;
    return false;
  }
}

/** Whether option `kind` at `at` with `len` is TCP Fast Open (kind 34, or 253/254 with the TFO magic). */
export function isFastOpen(dv: DataView, kind: number, at: number, len: number): boolean {
  if (kind === TCPOPT_TFO) return true;
  return (kind === TCPOPT_EXP_FD || kind === TCPOPT_EXP_FE) && len >= 4 && dv.getUint16(at + 2) === TCPOPT_TFO_MAGIC;
}

/** An AccECN option under an experimental kind (RFC 6994 experiment id 0xACC0/0xACC1), of a length tshark dissects. */
function isAccEcnExperiment(dv: DataView, at: number, len: number): boolean {
  if (len !== 4 && len !== 7 && len !== 10 && len !== 13) return false;
  const exid = dv.getUint16(at + 2);
  return exid === TCPOPT_ACC_ECN_MAGIC_0 || exid === TCPOPT_ACC_ECN_MAGIC_1;
}

/**
 * Fills the option summary of `out` (first occurrence of each, like tshark's occurrence=f, but the window scale's
 * last too: see DecodedPacket.windowScale) and returns the
 * walk's problem code (0 none); `out.problemOffset` is not touched.
 */
export function readTcpOptions(reader: TcpOptionReader, dv: DataView, out: DecodedPacket): number {
  out.mss = -1; out.windowScale = -1; out.windowScaleFirst = -1; out.sackPermitted = false; out.accEcnOption = false; out.sackPermOffset = -1; out.sackPermBytes = 0; out.hasTimestamp = false;
  out.tsVal = 0; out.tsEcr = 0; out.sackCount = 0; out.tsValOnly = false;
  if (reader.takeNopNopTimestamps()) {
    out.hasTimestamp = true; out.tsVal = dv.getUint32(reader.at + 2); out.tsEcr = dv.getUint32(reader.at + 6);
    return 0;
  }
  while (reader.next()) {
    const at = reader.at, len = reader.length;
    switch (reader.kind) {
      case TCPOPT_MSS: if (len === 4 && out.mss < 0) out.mss = dv.getUint16(at + 2); break;
      case TCPOPT_WSCALE:
        if (len === 3) { out.windowScale = dv.getUint8(at + 2); if (out.windowScaleFirst < 0) out.windowScaleFirst = out.windowScale; }
        break;
      case TCPOPT_SACK_PERM:
        if (len === 2) out.sackPermitted = true;
        if (out.sackPermOffset < 0) { out.sackPermOffset = at; out.sackPermBytes = Math.min(len, reader.capturedFromAt); }
        break;
      case TCPOPT_TIMESTAMP:
        if (len === 10 && !out.hasTimestamp) {
          out.hasTimestamp = true; out.tsVal = dv.getUint32(at + 2); out.tsEcr = dv.getUint32(at + 6);
        }
        break;
      case TCPOPT_SACK: readSackBlocks(dv, at, len, len, out); break;
      case TCPOPT_ACC_ECN_0: case TCPOPT_ACC_ECN_1: if (len === 2 || len === 5 || len === 8 || len === 11) out.accEcnOption = true; break;
      case TCPOPT_EXP_FD: case TCPOPT_EXP_FE: if (isAccEcnExperiment(dv, at, len)) out.accEcnOption = true; break;
    }
  }
  // A SACK option the capture cut: packet-tcp.c keeps the blocks it read whole before the cut stopped it.
  if (reader.problem === WireProblemCode.tcpOptionsTruncated && reader.kind === TCPOPT_SACK) {
    readSackBlocks(dv, reader.at, reader.length, reader.capturedFromAt, out);
  }
  // A timestamps option the capture cut after its TSval: tshark shows the TSval, then stops at the TSecr.
  if (reader.problem === WireProblemCode.tcpOptionsTruncated && reader.kind === TCPOPT_TIMESTAMP && reader.length === 10
    && reader.capturedFromAt >= 6 && !out.hasTimestamp) {
    out.tsValOnly = true; out.tsVal = dv.getUint32(reader.at + 2);
  }
  return reader.problem;
}

/**
 * The blocks of a SACK option as packet-tcp.c's dissect_tcpopt_sack stores them for the bytes in flight: each SACK
 * option starts again, and every (left, right) pair that lies whole within the option's length and the `captured`
 * bytes counts (a trailing part is only a malformed item; the capture cutting a pair stops the dissection there).
 */
function readSackBlocks(dv: DataView, at: number, len: number, captured: number, out: DecodedPacket): void {
  const end = Math.min(len, captured);
  let n = 0;
  for (let off = 2; off + 8 <= end && n < out.sackEdges.length / 2; off += 8, n++) {
    out.sackEdges[2 * n] = dv.getUint32(at + off);
    out.sackEdges[2 * n + 1] = dv.getUint32(at + off + 4);
  }
  out.sackCount = n;
}

const MPTCP_SUBTYPES = ['MP_CAPABLE', 'MP_JOIN', 'DSS', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'];

/**
 * Name and value text of one option, for the detail tree (tcpdump's wording in the value). `held`: the option's
 * bytes the frame holds (below `len` only for a cut option tshark dissects anyway; none of its value is read).
 */
export function describeTcpOption(dv: DataView, kind: number, at: number, len: number, held = len): [string, string] {
  const u16 = (o: number) => dv.getUint16(at + o), u32 = (o: number) => dv.getUint32(at + o);
  switch (kind) {
    case TCPOPT_EOL: return ['End of Option List (EOL)', 'eol'];
    case TCPOPT_NOP: return ['No-Operation (NOP)', 'nop'];
    case TCPOPT_MSS: return ['Maximum segment size', len === 4 ? `mss ${u16(2)}` : `bad length ${len}`];
    case TCPOPT_WSCALE:
      return ['Window scale', len === 3 ? `wscale ${dv.getUint8(at + 2)} (multiply by ${2 ** Math.min(dv.getUint8(at + 2), 14)})` : `bad length ${len}`];
    case TCPOPT_SACK_PERM: return ['SACK permitted', len === 2 ? 'sackOK' : `bad length ${len}`];
    case TCPOPT_SACK: {
      const blocks: string[] = [];
      for (let o = 2; o + 8 <= len; o += 8) blocks.push(`{${u32(o)}:${u32(o + 4)}}`);
      return ['SACK', `sack ${blocks.length} ${blocks.join('')}`];
    }
    case TCPOPT_TIMESTAMP: return ['Timestamps', len === 10 ? `TS val ${u32(2)} ecr ${u32(6)}` : `bad length ${len}`];
    case TCPOPT_MD5: return ['MD5 signature', len === 18 ? `md5 ${hexBytes(dv, at + 2, 16)}` : `bad length ${len}`];
    case TCPOPT_AO:
      return ['TCP Authentication Option', len >= 4 ? `tcp-ao keyid ${dv.getUint8(at + 2)} rnextkeyid ${dv.getUint8(at + 3)} mac 0x${hexBytes(dv, at + 4, len - 4)}` : `bad length ${len}`];
    case TCPOPT_UTO: return ['User Timeout', len === 4 ? `uto ${u16(2) & 0x7fff}${u16(2) & 0x8000 ? ' minutes' : ' seconds'}` : `bad length ${len}`];
    case TCPOPT_MPTCP: {
      const sub = len >= 3 ? dv.getUint8(at + 2) >> 4 : -1;
      return ['Multipath TCP', sub < 0 ? `bad length ${len}` : `mptcp ${MPTCP_SUBTYPES[sub] ?? `subtype ${sub}`} length ${len}`];
    }
  }
  if (isFastOpen(dv, kind, at, len)) {
    const cookieAt = kind === TCPOPT_TFO ? 2 : 4;
    const label = kind === TCPOPT_TFO ? 'TCP Fast Open' : 'TCP Fast Open (experimental)';
    if (len === cookieAt) return [label, 'tfo cookiereq'];
    return [label, `tfo cookie ${hexBytes(dv, at + cookieAt, len - cookieAt)}`];
  }
  const cut = held < len ? ' (cut)' : '';
  return [`Unknown option (kind ${kind})`, `unknown-${kind}${held > 2 ? ` 0x${hexBytes(dv, at + 2, held - 2)}` : ''}${cut}`];
}

/** `n` bytes at `at` as lower-case hex without separators (option values; -T fields prints protocol items so). */
export function hexBytes(dv: DataView, at: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += dv.getUint8(at + i).toString(16).padStart(2, '0');
  return s;
}

/** The "Options" subtree: one row per option with its bytes; a malformed length ends it with a problem row. */
export function describeTcpOptions(dv: DataView, at: number, captured: number, claimed: number, base: number): DetailNode {
  const reader = new TcpOptionReader();
  reader.reset(dv, at, captured, claimed);
  const children: DetailNode[] = [];
  while (reader.next()) {
    // An option cut where tshark does not read (tcp-option-reach.ts) is shown with the bytes the frame holds.
    const held = Math.min(reader.length, reader.capturedFromAt);
    const [label, value] = describeTcpOption(dv, reader.kind, reader.at, reader.length, held);
    children.push(leaf(label, value, reader.at, held, base));
  }
  if (reader.problem !== 0) {
    const what = reader.problem === WireProblemCode.tcpOptionLength ? 'bad option length'
      : reader.problem === WireProblemCode.tcpOptionOverrun ? 'option too short for its fields' : 'options truncated';
    children.push(leaf('Problem', `${what} at byte ${reader.problemOffset - base} (${hexValue(reader.problem, 2)})`, reader.problemOffset, reader.problemOffset < at + captured ? 1 : 0, base));
  }
  return { label: 'Options', value: `${claimed} bytes`, start: at - base, length: captured, children };
}
