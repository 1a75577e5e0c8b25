/**
 * The TCP-analysis options of `synack-capture read` (parsed here so read.ts needs only a two-line hook):
 * --conversations, --explain, -T fields, -e FIELD, -E header=y|n, -E separator=C, -2, --msl SECONDS.
 */
import type { CaptureProblem } from '../../../shared/capture-file/capture-reader';
import { printConversations } from './read-conversations';
import { printExplain } from './read-explain';
import { printFields, unknownFields } from './read-fields';

export interface TcpReadOptions {
  mode: 'none' | 'fields' | 'conversations' | 'explain';
  fields: string[];
  header: boolean;
  separator: string;
  twoPass: boolean;
  mslSeconds: number;
}

export const TCP_READ_HELP = `
TCP analysis (tshark-compatible names and formats):
  --conversations  TCP conversation table (same rows as "tshark -q -z conv,tcp") with completeness, end, states
  --explain        each packet's tcpdump line, then its phase step, endpoint states, notes and why it was flagged
  -T fields -e FIELD [-e FIELD ...] [-E header=y] [-E separator=,]
                   tab-separated values like "tshark -Y tcp -T fields" (tcp.stream, tcp.flags, tcp.seq, tcp.ack,
                   tcp.len, tcp.window_size, tcp.completeness, tcp.analysis.*, frame.number, frame.time_epoch ...)
  -2               two passes like tshark -2: tcp.completeness etc. show each stream's final value
  --msl SECONDS    maximum segment lifetime for the TIME-WAIT end (default 60)
`;

export const newTcpReadOptions = (): TcpReadOptions =>
  ({ mode: 'none', fields: [], header: false, separator: '\t', twoPass: false, mslSeconds: 60 });

/**
 * Consumes the TCP option at args[i] into `o`. Returns the index of the last argument used, -1 when args[i]
 * is not a TCP option, or an error message.
 */
export function takeTcpOption(args: string[], i: number, o: TcpReadOptions): number | string {
  const a = args[i];
  if (a === '--conversations') { o.mode = 'conversations'; return i; }
  if (a === '--explain') { o.mode = 'explain'; return i; }
  if (a === '-2') { o.twoPass = true; return i; }
  if (a !== '-T' && a !== '-e' && a !== '-E' && a !== '--msl') return -1;
  const v = args[i + 1];
  if (v === undefined) return `${a} needs a value`;
  if (a === '-T') { if (v !== 'fields') return `-T supports only "fields", got "${v}"`; o.mode = 'fields'; }
  else if (a === '-e') o.fields.push(v);
  else if (a === '--msl') { if (!/^\d+(\.\d+)?$/.test(v)) return `--msl needs seconds, got "${v}"`; o.mslSeconds = Number(v); }
  else if (v === 'header=y' || v === 'header=n') o.header = v === 'header=y';
  else if (v.startsWith('separator=')) o.separator = v.slice(10) === '/t' ? '\t' : v.slice(10) === '/s' ? ' ' : v.slice(10);
  else if (!v.startsWith('occurrence=') && !v.startsWith('quote=')) return `unsupported -E "${v}"`;
  return i + 1;
}

/** Checks a parsed set of TCP options; returns an error message or null. */
export function checkTcpOptions(o: TcpReadOptions): string | null {
  if (o.mode === 'fields' && o.fields.length === 0) return '-T fields needs at least one -e FIELD';
  if (o.fields.length > 0 && o.mode !== 'fields') return '-e needs -T fields';
  const bad = unknownFields(o.fields);
  return bad.length ? `unknown field(s): ${bad.join(', ')}` : null;
}

/** Runs the TCP output mode; resolves with the read problem. */
export function runTcpRead(file: string, o: TcpReadOptions, epoch: boolean, absoluteSeq: boolean): Promise<CaptureProblem | null> {
  if (o.mode === 'fields') return printFields(file, { fields: o.fields, header: o.header, separator: o.separator, twoPass: o.twoPass });
  if (o.mode === 'conversations') return printConversations(file);
  return printExplain(file, { time: epoch ? 'epoch' : 'hms', absoluteSeq }, o.mslSeconds);
}
