/**
 * `synack-capture read FILE [FILTER]`: prints the packets of a pcap/pcapng file like `tcpdump -nn -vv -r FILE`
 * (times in UTC), or one JSON object per packet. Streams the file: memory stays flat for any file size.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCaptureReader, type CaptureProblem, type CaptureRecord } from '../../../shared/capture-file/capture-reader';
import type { DecodedPacket } from '../../../shared/wire/decoded-packet';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { TcpdumpFormatter } from '../../../shared/format/tcpdump-line';
import { parseTcpdumpFilter, type TcpdumpFilter } from '../../../shared/format/tcpdump-filter';
import { LibpcapInterfaceCheck } from '../../../shared/format/libpcap-interface-check';
import { packetJson } from '../../../shared/format/packet-json';
import { openCaptureFile } from '../file-source';
import { OutputBuffer } from './output-buffer';
import { PacketFilter } from './read-display-filter';
import { finalValues, TrackedRow } from './tcp-pass';
import { TCP_READ_HELP, checkTcpOptions, newTcpReadOptions, runTcpRead, takeTcpOption, type TcpReadOptions } from './read-tcp-options';

export const READ_HELP = `usage: synack-capture read FILE [options] [FILTER]   (or: read -r FILE [options] [FILTER])

Prints every packet of a pcap or pcapng file the way "tcpdump -nn -vv -r FILE" does (TZ=UTC):
the IP line and the TCP line match tcpdump 4.99 byte for byte up to "length N"; payload
dissectors (HTTP, DNS ...) are not reproduced. UDP, ICMP and ARP get a one-line summary.

options:
  -tt              print times as seconds since 1970 (tcpdump -tt); default HH:MM:SS.uuuuuu UTC
  -S               absolute TCP sequence numbers (tcpdump -S); default relative, as tcpdump computes them
  -c N             stop after N printed packets
  --format text    tcpdump-style text (default)
  --format json    one JSON object per packet and line, fields:
                     frame       1-based record number in the file
                     time        "SECONDS.NNNNNNNNN" since 1970 (string, full precision)
                     capLen, origLen, linkType   record lengths and LINKTYPE_* number
                     ip          4, 6 or null; src, dst: addresses of that IP header (null without IP)
                     proto       IP protocol after extension headers (6 TCP, 17 UDP, 1 ICMP ...)
                     srcPort, dstPort  TCP/UDP ports or null
                     tcp         null, or { flags (tcpdump letters "S.", "P." ...), flagBits (12 bits as
                                 tshark tcp.flags), seq, ack (absolute), win (unscaled), urg, headerLen,
                                 payloadLen (from IP length), payloadCaptured, mss, windowScale,
                                 sackPermitted, tsVal, tsEcr (null when absent), sack: [[left,right]...] }
                     problem     null, or { code: WireProblemCode, offset: absolute byte offset in the frame }
                     text        the tcpdump-style text of the packet
  -h, --help       this text
${TCP_READ_HELP}
FILTER: a subset of tcpdump's filter language, e.g. "tcp", "udp", "port 443", "host 10.0.0.1",
"tcp and not port 22". It reads the bytes libpcap's compiled filter reads for the file's link type, so
like tcpdump "tcp" does not match TCP behind VLAN tags, MPLS or tunnels, and a link type libpcap cannot
filter (NFLOG, IPoIB ...) is refused (exit status 1). Like tcpdump, the listing stops at a pcapng
interface whose link type or snapshot length differs from the first one's (exit status 1).
-Y FILTER (see above) filters with the app's display-filter language instead, TCP analysis included
("tcp.analysis.retransmission", "tcp.stream == 3"); with both, a packet must match both.
Exit status: 0 on success, 1 when the file cannot be read to its end (packets before the problem are printed),
2 on bad arguments.
`;

interface ReadArgs {
  file: string;
  epoch: boolean;
  absoluteSeq: boolean;
  json: boolean;
  count: number;
  filter: TcpdumpFilter | null;
  tcp: TcpReadOptions;
}

/** Parses the arguments; a string is an error message. */
export function parseReadArgs(args: string[]): ReadArgs | string | 'help' {
  const out: ReadArgs = { file: '', epoch: false, absoluteSeq: false, json: false, count: Infinity, filter: null, tcp: newTcpReadOptions() };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return 'help';
    const tcpAt = takeTcpOption(args, i, out.tcp);
    if (typeof tcpAt === 'string') return tcpAt;
    if (tcpAt >= 0) { i = tcpAt; continue; }
    else if (a === '-r') {                    // tshark/tcpdump spelling of the file argument
      const v = args[++i];
      if (v === undefined) return '-r needs a FILE';
      rest.unshift(v);
    } else if (a === '-tt') out.epoch = true;
    else if (a === '-S') out.absoluteSeq = true;
    else if (a === '-n' || a === '-nn' || a === '-v' || a === '-vv') continue; // always on
    else if (a === '-c' || a === '--format') {
      const v = args[++i];
      if (v === undefined) return `${a} needs a value`;
      if (a === '-c') {
        if (!/^\d+$/.test(v) || Number(v) < 1) return `-c needs a positive count, got "${v}"`;
        out.count = Number(v);
      } else if (v === 'json' || v === 'text') out.json = v === 'json';
      else return `--format must be "text" or "json", got "${v}"`;
    } else if (a.startsWith('--format=')) {
      return parseReadArgs([...args.slice(0, i), '--format', a.slice(9), ...args.slice(i + 1)]);
    } else if (a.startsWith('-') && a.length > 1) return `unknown option "${a}"`;
    else rest.push(a);
  }
  if (rest.length === 0) return 'missing FILE';
  const tcpProblem = checkTcpOptions(out.tcp);
  if (tcpProblem) return tcpProblem;
  out.file = rest[0];
  if (rest.length > 1) {
    const f = parseTcpdumpFilter(rest.slice(1));
    if (typeof f === 'string') return `bad filter: ${f}`;
    out.filter = f;
  }
  return out;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseReadArgs(args);
  if (parsed === 'help') { process.stdout.write(READ_HELP); return 0; }
  if (typeof parsed === 'string') {
    process.stderr.write(`synack-capture read: ${parsed}\nrun "synack-capture read --help" for usage\n`);
    return 2;
  }
  try {
    const problem = parsed.tcp.mode === 'none' ? await printFile(parsed)
      : await runTcpRead(parsed.file, parsed.tcp, parsed.epoch, parsed.absoluteSeq);
    if (problem) {
      process.stderr.write(`synack-capture read: ${parsed.file}: ${problem.message} (${problem.code} at offset ${problem.offset})\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    process.stderr.write(`synack-capture read: ${(e as Error).message}\n`);
    return 1;
  }
}

interface PacketSource {
  decode(r: CaptureRecord): DecodedPacket;
  /** The -Y test of the packet just decoded. */
  keep(r: CaptureRecord, d: DecodedPacket): boolean;
}

/**
 * Decodes each record; with -Y also tracks it (the display filter reads the TCP analysis), after a first pass
 * for -2. Returns the problem that ended the first pass instead when nothing can be printed.
 */
async function packetSource(a: ReadArgs): Promise<PacketSource | CaptureProblem> {
  const compiled = a.tcp.displayFilter;
  if (!compiled) {
    const decoder = new PacketDecoder();
    return { decode: (r) => decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType), keep: () => true };
  }
  const { final, fatal } = await finalValues(a.file, a.tcp.twoPass);
  if (fatal) return fatal;
  const filter = new PacketFilter(compiled, final);
  const row = new TrackedRow();
  return { decode: (r) => row.track(r), keep: (r, d) => filter.matches(r, d, row.cols, row.tracker) };
}

/** Streams the file through reader → decoder (and tracker for -Y) → filters → formatter; resolves with the read problem, if any. */
async function printFile(a: ReadArgs): Promise<CaptureProblem | null> {
  const source = await packetSource(a);
  if ('code' in source) return source;
  // Without -Y this is tcpdump's reading (libpcap's record headers); -Y reads as tshark, like its tracking pass.
  const reader = createCaptureReader({ pcapRecordLayouts: a.tcp.displayFilter ? 'wiretap' : 'libpcap' });
  const names = interfaceNames();
  const formatter = new TcpdumpFormatter({
    time: a.epoch ? 'epoch' : 'hms', absoluteSeq: a.absoluteSeq, interfaceName: (i) => names.get(i),
    interfaceOf: (i) => reader.interfaces[i],
  });
  const out = new OutputBuffer(process.stdout);
  let printed = 0;
  let refused: string | null = null;
  // tcpdump's libpcap stops at an interface unlike the first; with -Y (tshark's way) every interface is read.
  const libpcap = a.tcp.displayFilter ? null : new LibpcapInterfaceCheck();
  const onRecord = (r: CaptureRecord): void => {
    if (printed >= a.count || refused !== null || (libpcap && !libpcap.readOn(reader.interfaces))) return;
    const d = source.decode(r);
    if (a.filter) {
      refused = a.filter.problemFor(r.linkType);
      if (refused !== null || !a.filter.matches(r, reader.interfaces[r.iface].littleEndian)) return;
    }
    const keep = source.keep(r, d);
    if (!keep && a.absoluteSeq) return;
    // A packet -Y hides still goes through the formatter: tcpdump's relative sequence numbers count from the
    // first packet of a connection it saw, so a line reads the same with or without -Y.
    const text = formatter.format(r, d);
    if (!keep) return;
    printed++;
    out.write(a.json ? `${JSON.stringify({ ...packetJson(r, d), text })}\n` : `${text}\n`);
  };
  let problem: CaptureProblem | null = null;
  // file-source inflates .gz captures on the fly and hands out one chunk at a time (flat memory).
  const chunks = await openCaptureFile(a.file, { chunkBytes: 1 << 20 });
  try {
    for (let chunk = await chunks.next(); chunk; chunk = await chunks.next()) {
      problem = reader.push(chunk, onRecord);
      await out.drain();
      if (problem || refused !== null || libpcap?.problem || printed >= a.count || out.closed) break;
    }
    if (!problem && refused === null && !libpcap?.problem && printed < a.count && !out.closed) problem = chunks.problem ?? reader.end();
  } finally {
    await chunks.close();
  }
  await out.flush();
  if (libpcap?.problem) {
    throw new Error(`${a.file}: ${libpcap.problem}. tcpdump (libpcap 1.10) stops reading the file here, and so does this `
      + 'tcpdump-style listing; -Y FILTER, -T fields, --conversations and the app read every interface');
  }
  if (refused !== null) {
    throw new Error(`${a.file}: filter "${a.filter!.text}": ${refused}. tcpdump's filter compiler (libpcap 1.10) refuses it for `
      + 'this link type, so tcpdump prints no packet here; -Y FILTER (a display filter) reads every link type SynAck decodes');
  }
  return problem;
}

/** Linux interface index → name, as tcpdump's if_indextoname gives for SLL2 captures (empty elsewhere). */
function interfaceNames(): Map<number, string> {
  const names = new Map<number, string>();
  try {
    for (const name of readdirSync('/sys/class/net')) {
      const index = Number(readFileSync(join('/sys/class/net', name, 'ifindex'), 'utf8').trim());
      if (Number.isInteger(index)) names.set(index, name);
    }
  } catch {
    // Not Linux or no sysfs: names print as "?", as tcpdump does for unknown indexes.
  }
  return names;
}
