/**
 * Test helper: runs our formatter over a capture and compares it, packet by packet, with tcpdump's text.
 * For a TCP packet, our text must equal tcpdump's up to and including the TCP line's "length N", and may
 * stop there (payload dissectors are not reproduced) but must not say anything tcpdump did not. A TCP packet
 * whose tcpdump text has no "length N" (truncated header, bad option, bad IP length) must match whole.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createCaptureReader, type CaptureRecord } from '../../../shared/capture-file/capture-reader';
import { TcpdumpFormatter, type TcpdumpFormatOptions } from '../../../shared/format/tcpdump-line';
import { LibpcapInterfaceCheck } from '../../../shared/format/libpcap-interface-check';
import { parseTcpdumpFilter } from '../../../shared/format/tcpdump-filter';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';

/** One packet where we differ from tcpdump. */
export interface TcpdumpMismatch { file: string; index: number; ours: string; theirs: string }

const RECORD_START = /^(\d+\.\d{6,}|\d\d:\d\d:\d\d\.\d{6,}|\[Error converting time\]) |^\[Invalid header:/;

/** Splits tcpdump output into one string per packet (continuation lines joined with "\n"). */
export function splitTcpdumpOutput(text: string): string[] {
  const records: string[] = [];
  for (const line of text.split('\n')) {
    if (RECORD_START.test(line)) records.push(line);
    else if (records.length > 0) records[records.length - 1] += `\n${line}`;
  }
  return records.map((r) => r.replace(/\n+$/, ''));
}

/**
 * Formats every packet of `path` that passes `filter` (tcpdump's filter words), cutting records to their
 * interface's snapshot length as libpcap does (so the reader's interface table is needed while reading).
 */
export function formatCapture(path: string, filter: string[], options: TcpdumpFormatOptions): string[] {
  const reader = createCaptureReader({ pcapRecordLayouts: 'libpcap' });
  const formatter = new TcpdumpFormatter({ interfaceOf: (i) => reader.interfaces[i], ...options });
  const decoder = new PacketDecoder();
  const parsed = filter.length ? parseTcpdumpFilter(filter) : null;
  if (typeof parsed === 'string') throw new Error(parsed);
  const out: string[] = [];
  let refused = false;
  const libpcap = new LibpcapInterfaceCheck();
  const onRecord = (r: CaptureRecord): void => {
    // A link type tcpdump cannot filter: it prints nothing, and so does `synack-capture read` (it says why). An
    // interface libpcap refuses part-way: the packets before it only.
    if (refused || (parsed && (refused = parsed.problemFor(r.linkType) !== null)) || !libpcap.readOn(reader.interfaces)) return;
    const d = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
    if (!parsed || parsed.matches(r, reader.interfaces[r.iface].littleEndian)) out.push(formatter.format(r, d));
  };
  const fd = openSync(path, 'r');
  const buf = new Uint8Array(65536);
  try {
    let stopped = false;
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) if ((stopped = reader.push(buf.subarray(0, n), onRecord) !== null || refused || libpcap.problem !== null)) break;
    if (!stopped) reader.end();
  } finally {
    closeSync(fd);
  }
  return refused ? [] : out;
}

/** Whether tcpdump printed this packet as TCP (so exact agreement is required). */
export function isTcpRecord(theirs: string): boolean {
  return /proto TCP \(6\)|next-header TCP \(6\)|: Flags \[/.test(theirs);
}

/** The part of tcpdump's text we must reproduce exactly: through the TCP "length N", or all of it. */
export function requiredPrefix(theirs: string): string {
  const flags = theirs.indexOf(': Flags [');
  if (flags < 0) return theirs;
  const m = /, length \d+/.exec(theirs.slice(flags));
  return m ? theirs.slice(0, flags + m.index + m[0].length) : theirs;
}

/** Whether our text agrees with tcpdump's for one packet. */
export function agrees(ours: string, theirs: string): boolean {
  if (!isTcpRecord(theirs)) return true;
  return ours.startsWith(requiredPrefix(theirs)) && theirs.startsWith(ours);
}

/** Compares our packets with tcpdump's; unequal counts report the missing side as "<none>". */
export function compareWithTcpdump(file: string, ours: string[], theirs: string[]): TcpdumpMismatch[] {
  const out: TcpdumpMismatch[] = [];
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    const o = ours[i] ?? '<none>', t = theirs[i] ?? '<none>';
    if (o === '<none>' || t === '<none>' ? o !== t : !agrees(o, t)) out.push({ file, index: i + 1, ours: o, theirs: t });
  }
  return out;
}

/** A class of difference we accept, with its reason (test/fixtures/tcpdump-known-differences.json). */
export interface KnownDifference { id: string; files: string; theirs: string; reason: string }

/** The known difference that explains a mismatch, if any. */
export function explain(m: TcpdumpMismatch, known: KnownDifference[]): KnownDifference | undefined {
  return known.find((k) => new RegExp(k.files).test(m.file) && new RegExp(k.theirs).test(m.theirs));
}
