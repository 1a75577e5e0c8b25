/**
 * The TCP-analysis options of `synack-capture read` (parsed here so read.ts needs only a two-line hook):
 * --conversations, --explain, -T fields, -e FIELD, -E header|separator|occurrence|aggregator=…, -2, -Y FILTER,
 * -o PREF:VALUE, --msl SECONDS. The tshark-like ones accept what tshark accepts, so a tshark command line
 * works unchanged (with -r FILE, read.ts).
 */
import type { CaptureProblem } from '../../../shared/capture-file/capture-reader';
import type { CompiledFilter } from '../../../shared/filter/compile';
import { TSHARK_FIELDS, type Occurrence } from '../../../shared/tcp/tshark-fields';
import { printConversations, printEndpoints } from './read-conversations';
import { printExplain } from './read-explain';
import { compileDisplayFilter } from './read-display-filter';
import { printFields, unknownFields } from './read-fields';
import { FOLLOW_MODES, printFollow, type FollowMode } from './read-follow';

export interface TcpReadOptions {
  mode: 'none' | 'fields' | 'conversations' | 'endpoints' | 'explain' | 'follow';
  /** -z follow,tcp,MODE,STREAM. */
  follow: { mode: FollowMode; stream: number } | null;
  fields: string[];
  header: boolean;
  separator: string;
  occurrence: Occurrence;
  aggregator: string;
  /** tshark -E quote=d|s|n: the mark put around each non-empty value ('' for none, the default). */
  quote: string;
  twoPass: boolean;
  /** tshark --color: apply the coloring rules (colorfilters-file.ts; frame.coloring_rule.* are empty without it, as in tshark). */
  color: boolean;
  /** -Y: the display filter (the last -Y wins, as in tshark), or null. */
  displayFilter: CompiledFilter | null;
  /** -z conv,tcp,FILTER / endpoints,tcp,FILTER: the table counts only the packets FILTER matches (its text, compiled). */
  statFilter: { text: string; filter: CompiledFilter } | null;
  /** tshark -o tcp.check_checksum:TRUE (tshark's default is FALSE: tcp.checksum.status 2, unverified). */
  verifyChecksums: boolean;
  mslSeconds: number;
}

/** `words` joined by spaces in lines of at most `width` characters, each indented by `indent` spaces. */
function wrapped(words: string[], indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent + line.length + 1 + w.length > width) { lines.push(line); line = ''; }
    line += (line ? ' ' : '') + w;
  }
  if (line) lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}

export const TCP_READ_HELP = `
TCP analysis (tshark-compatible names and formats):
  --conversations  TCP conversation table (same rows as "tshark -q -z conv,tcp") with completeness, end, states
  --explain        each packet's tcpdump line, then its phase step, endpoint states, notes and why it was flagged
  -T fields -e FIELD [-e FIELD ...] [-E header=y] [-E separator=,] [-E occurrence=f|l|a] [-E aggregator=;]
                   [-E quote=d|s|n]
                   tab-separated values like "tshark -Y tcp -T fields", one line per TCP packet, same names and
                   formats (with -Y, one line per matching packet, TCP or not, as tshark). Fields:
${wrapped(Object.keys(TSHARK_FIELDS), 19, 110)}
                   A field found more than once in a frame (ip.src of a tunnelled or ICMP-quoted packet: outer,
                   then inner header) prints every value joined by "," as tshark does; -E occurrence=f the first.
  -2               two passes like tshark -2: tcp.completeness etc. show each stream's final value (in -T fields
                   and in what -Y tests)
  --color          apply the coloring rules "tshark --color" applies (the colorfilters file of Wireshark's default
                   profile: $WIRESHARK_CONFIG_DIR or ~/.config/wireshark, else Wireshark's defaults):
                   frame.coloring_rule.name and .string name the first rule each packet matches (empty without --color)
  -Y FILTER        display filter in the filter bar's language (a Wireshark 4.0 subset plus synack.* fields, e.g.
                   "tcp.stream in {0, 2}" (sets need commas, as in tshark 4.0), "synack.phase == handshake",
                   "ip.addr == 10.0.0.0/8 && !tcp.analysis.retransmission"): the tcpdump-style text, --format
                   json, --explain and -T fields show only the packets it matches, as "tshark -2 -Y FILTER" does
                   with -2; --explain then sums up only the conversations of those packets. Not with
                   --conversations: tshark applies -Y to the packets it prints, never to "-z conv,tcp" tables
                   (-z conv,tcp,FILTER counts only what FILTER matches).
                   The last -Y counts. A bad filter is exit status 2, naming its column and what was expected
  -o tcp.check_checksum:TRUE   verify TCP checksums (tcp.checksum.status 0 bad / 1 good; default 2 unverified).
                   tcp.relative_sequence_numbers, tcp.analyze_sequence_numbers, tcp.calculate_timestamps and
                   tcp.track_bytes_in_flight are accepted as TRUE (their tshark defaults)
  -z follow,tcp,MODE,STREAM   the payload of tcp.stream STREAM in order, as "tshark -q -z follow,tcp,MODE,STREAM"
                   prints it (retransmitted bytes once, out-of-order data in place, "[N bytes missing in capture
                   file]" where the peer acknowledged bytes the capture lacks). MODE: raw (hex per record, the
                   server's indented), ascii, hex (dump), yaml (frame, peer, time and base64 bytes per record)
  -z conv,tcp      the same as --conversations;  -q is accepted (tshark's quiet flag) and changes nothing
  -z endpoints,tcp the TCP endpoints (address and port: packets and bytes sent and received), as tshark prints them
  -z conv,tcp,FILTER / -z endpoints,tcp,FILTER   the same tables over the packets FILTER (a display filter) matches
                   only, as tshark counts them (with -2, FILTER reads each stream's final values)
  -r FILE          the capture file, as for tshark
  --msl SECONDS    maximum segment lifetime for the TIME-WAIT end (default 60)
`;

export const newTcpReadOptions = (): TcpReadOptions =>
  ({
    mode: 'none', fields: [], header: false, separator: '\t', occurrence: 'a', aggregator: ',', quote: '', twoPass: false, color: false,
    displayFilter: null, statFilter: null, verifyChecksums: false, mslSeconds: 60, follow: null,
  });

/** Parses tshark's `-z follow,tcp,MODE,STREAM`, conv,tcp[,FILTER] (the same as --conversations) and endpoints,tcp[,FILTER]. */
function takeStatistic(v: string, o: TcpReadOptions): string | null {
  const table = /^(conv|endpoints),tcp(?:,(.*))?$/s.exec(v);
  if (table) {
    o.mode = table[1] === 'conv' ? 'conversations' : 'endpoints';
    if (table[2] === undefined) return null;
    const f = compileDisplayFilter(table[2]);
    if (typeof f === 'string') return f;
    o.statFilter = { text: table[2], filter: f };
    return null;
  }
  const m = /^follow,tcp,(\w+),(\d+)$/.exec(v);
  if (!m) {
    return /^follow,tcp,/.test(v) ? `-z ${v}: use follow,tcp,MODE,STREAM with MODE one of ${FOLLOW_MODES.join(', ')} and a tcp.stream number`
      : `-z supports only "follow,tcp,MODE,STREAM", "conv,tcp[,FILTER]" and "endpoints,tcp[,FILTER]", got "${v}"`;
  }
  if (!(FOLLOW_MODES as readonly string[]).includes(m[1])) return `-z follow,tcp: unknown mode "${m[1]}" (${FOLLOW_MODES.join(', ')})`;
  if (o.follow) return 'only one -z follow,tcp at a time';
  o.mode = 'follow';
  o.follow = { mode: m[1] as FollowMode, stream: Number(m[2]) };
  return null;
}

/** tshark's -E separator/aggregator values: "/t" tab, "/s" space, else the text itself. */
const separatorText = (v: string): string => (v === '/t' ? '\t' : v === '/s' ? ' ' : v);

/** tshark preferences that are on by default and that SynAck always applies. */
const FIXED_PREFS = ['tcp.relative_sequence_numbers', 'tcp.analyze_sequence_numbers', 'tcp.calculate_timestamps',
  'tcp.track_bytes_in_flight'];

/** Applies one `-o NAME:VALUE`; returns an error message or null. */
function takePreference(v: string, o: TcpReadOptions): string | null {
  const m = /^([\w.]+):(.*)$/.exec(v);
  if (!m) return `-o needs NAME:VALUE, got "${v}"`;
  const [, name, value] = m;
  const on = /^true$/i.test(value), off = /^false$/i.test(value);
  if (!on && !off) return `-o ${name} must be TRUE or FALSE, got "${value}"`;
  if (name === 'tcp.check_checksum') { o.verifyChecksums = on; return null; }
  if (FIXED_PREFS.includes(name)) return on ? null : `-o ${name}:FALSE is not supported (always TRUE)`;
  return `unsupported preference "${name}"`;
}

function takeDisplayOption(v: string, o: TcpReadOptions): string | null {
  if (v === 'header=y' || v === 'header=n') o.header = v === 'header=y';
  else if (v.startsWith('separator=')) o.separator = separatorText(v.slice(10));
  else if (v.startsWith('aggregator=')) o.aggregator = separatorText(v.slice(11));
  else if (v === 'occurrence=f' || v === 'occurrence=l' || v === 'occurrence=a') o.occurrence = v.slice(11) as Occurrence;
  else if (v === 'quote=d' || v === 'quote=s' || v === 'quote=n') o.quote = v === 'quote=d' ? '"' : v === 'quote=s' ? "'" : '';
  else return `unsupported -E "${v}"`;
  return null;
}

/**
 * Consumes the TCP option at args[i] into `o`. Returns the index of the last argument used, -1 when args[i]
 * is not a TCP option, or an error message.
 */
export function takeTcpOption(args: string[], i: number, o: TcpReadOptions): number | string {
  const a = args[i];
  if (a === '--conversations') { o.mode = 'conversations'; return i; }
  if (a === '--explain') { o.mode = 'explain'; return i; }
  if (a === '-2') { o.twoPass = true; return i; }
  if (a === '--color') { o.color = true; return i; }
  if (a === '-q') return i;                  // tshark's "quiet": -z output is all SynAck prints with -z anyway
  if (a !== '-T' && a !== '-e' && a !== '-E' && a !== '-o' && a !== '-Y' && a !== '--msl' && a !== '-z') return -1;
  const v = args[i + 1];
  if (v === undefined) return `${a} needs a value`;
  let problem: string | null = null;
  if (a === '-T') { if (v !== 'fields') return `-T supports only "fields", got "${v}"`; o.mode = 'fields'; }
  else if (a === '-e') o.fields.push(v);
  else if (a === '-Y') {
    const f = compileDisplayFilter(v);
    if (typeof f === 'string') return f;
    o.displayFilter = f;
  }
  else if (a === '-o') problem = takePreference(v, o);
  else if (a === '-z') problem = takeStatistic(v, o);
  else if (a === '--msl') { if (!/^\d+(\.\d+)?$/.test(v)) return `--msl needs seconds, got "${v}"`; o.mslSeconds = Number(v); }
  else problem = takeDisplayOption(v, o);
  if (problem) return problem;
  return i + 1;
}

/** Checks a parsed set of TCP options; returns an error message or null. */
export function checkTcpOptions(o: TcpReadOptions): string | null {
  if (o.mode === 'fields' && o.fields.length === 0) return '-T fields needs at least one -e FIELD';
  if (o.fields.length > 0 && o.mode !== 'fields') return '-e needs -T fields';
  if (o.mode === 'follow' && (o.displayFilter || o.fields.length > 0 || o.twoPass)) {
    return '-z follow,tcp prints the whole stream, as tshark does: it takes no -Y, -T fields or -2';
  }
  if (o.displayFilter && (o.mode === 'conversations' || o.mode === 'endpoints')) {
    const z = o.mode === 'endpoints' ? 'endpoints,tcp' : 'conv,tcp';
    return `-Y does not apply to ${o.mode === 'endpoints' ? '-z endpoints,tcp' : '--conversations'}: tshark counts every packet in its`
      + ` "-z" tables whatever -Y says, so the table would ignore the filter. Count only the packets a filter matches with -z ${z},FILTER`;
  }
  const bad = unknownFields(o.fields);
  return bad.length ? `unknown field(s): ${bad.join(', ')}` : null;
}

/** Runs the TCP output mode; resolves with the read problem. */
export function runTcpRead(file: string, o: TcpReadOptions, epoch: boolean, absoluteSeq: boolean): Promise<CaptureProblem | null> {
  if (o.mode === 'fields') return printFields(file, o);
  if (o.mode === 'conversations') return printConversations(file, o);
  if (o.mode === 'endpoints') return printEndpoints(file, o);
  if (o.mode === 'follow' && o.follow) return printFollow(file, o.follow.mode, o.follow.stream);
  return printExplain(file, { time: epoch ? 'epoch' : 'hms', absoluteSeq }, o);
}
