/**
 * `synack-capture info`: Capture File Properties as capinfos(1) prints its long report with exact numbers
 * (`capinfos -M`, capinfos.c print_stats), line for line, so scripts written for it keep working. Times are in
 * the local time zone, as capinfos prints them. Differences from capinfos 4.0, on purpose: no RIPEMD160 line (newer
 * capinfos dropped it too), and packet comments are listed as capinfos 4.2 lists them ("Packet N Comment:", escaped),
 * saying so when more than MAX_PACKET_COMMENTS were left out.
 */
import { printfFixed } from '../format/printf-fixed';
import type { CaptureFileProperties, InterfaceProperties, PacketTime } from './capture-file-scan';
import { precisionName } from './time-precision';

const INDENT = ' '.repeat(21);

export function capinfosReport(fileName: string, p: CaptureFileProperties): string {
  const out: string[] = [];
  const line = (label: string, value: string): void => { out.push(`${label.padEnd(21)}${value}`); };
  line('File name:', fileName);
  line('File type:', p.fileType.name + (p.compressed ? ' (gzip compressed)' : ''));
  line('File encapsulation:', p.encapsulation?.name ?? 'per-packet');
  if (p.encapsulation === null) {
    out.push('Encapsulation in use by packets (# of pkts):');
    for (const c of p.encapsulationCounts) out.push(`${INDENT}${c.encapsulation.description} (${c.packets})`);
  }
  out.push(`File timestamp precision:  ${precisionName(p.precision)} (${p.precision})`);
  line('Packet size limit:', p.snaplen > 0 ? `file hdr: ${p.snaplen} bytes` : 'file hdr: (not set)');
  if (p.inferredSnaplen) {
    const { min, max } = p.inferredSnaplen;
    line('Packet size limit:', min === max ? `inferred: ${min} bytes` : `inferred: ${min} bytes - ${max} bytes (range)`);
  }
  line('Number of packets:', String(p.packets));
  line('File size:', `${p.fileSize} bytes`);
  line('Data size:', `${p.dataBytes} bytes`);
  const timed = p.timesKnown;
  const span = p.first && p.last ? seconds(p.last) - seconds(p.first) : 0;
  const rate = (x: number, unit: string): string => (span > 0 && x > 0 ? `${printfFixed(x / span, 2)} ${unit}` : 'n/a');
  if (timed) {
    line('Capture duration:', p.first && p.last ? duration(p.first, p.last) : 'n/a');
    line('First packet time:', p.first ? dateTime(p.first) : 'n/a');
    line('Last packet time:', p.last ? dateTime(p.last) : 'n/a');
    line('Data byte rate:', rate(p.dataBytes, 'bytes/sec'));
    line('Data bit rate:', rate(p.dataBytes * 8, 'bits/sec'));
  }
  line('Average packet size:', `${printfFixed(p.packets > 0 ? p.dataBytes / p.packets : 0, 2)} bytes`);
  if (timed) line('Average packet rate:', rate(p.packets, 'packets/sec'));
  line('SHA256:', p.sha256);
  line('SHA1:', p.sha1);
  line('Strict time order:', p.order === 'in-order' ? 'True' : p.order === 'not-in-order' ? 'False' : 'Unknown');
  // capinfos 4.0 lists the file's interfaces (all sections') under every section.
  const sections = p.sections.length > 0 ? p.sections : [{ comments: [] }];
  sections.forEach((s, k) => {
    if (sections.length > 1) out.push(`Section ${k}:`, '');
    const option = (label: string, v: string | undefined): void => { if (v) line(label, v.replace(/[\r\n]/g, ' ')); };
    option('Capture hardware:', s.hardware);
    option('Capture oper-sys:', s.os);
    option('Capture application:', s.application);
    for (const c of s.comments) option('Capture comment:', c);
    for (const c of p.packetComments) line(`Packet ${c.packet} Comment:`, escapeC(c.text));
    if (p.packetCommentCount > p.packetComments.length) out.push(`(${p.packetCommentCount - p.packetComments.length} more packet comments not listed)`);
    if (p.interfaces.length > 0) {
      out.push(`Number of interfaces in file: ${p.interfaces.length}`);
      p.interfaces.forEach((i, n) => { out.push(`Interface #${n} info:`, ...interfaceLines(i)); });
    }
    if (p.resolvedIpv4 > 0) out.push(`Number of resolved IPv4 addresses in file: ${p.resolvedIpv4}`);
    if (p.resolvedIpv6 > 0) out.push(`Number of resolved IPv6 addresses in file: ${p.resolvedIpv6}`);
    if (p.decryptionSecrets > 0) out.push(`Number of decryption secrets in file: ${p.decryptionSecrets}`);
  });
  return out.map((l) => l + '\n').join('');
}

/** wtap_get_debug_if_descr with capinfos's indent; strings as the file has them (newlines too). */
function interfaceLines(i: InterfaceProperties): string[] {
  const l: string[] = [];
  const add = (text: string): void => { l.push(INDENT + text); };
  if (i.name !== undefined) add(`Name = ${i.name}`);
  if (i.description !== undefined) add(`Description = ${i.description}`);
  add(`Encapsulation = ${i.encapsulation.description} (${i.encapsulation.wtap} - ${i.encapsulation.name})`);
  if (i.hardware !== undefined) add(`Hardware = ${i.hardware}`);
  if (i.speed !== undefined) add(`Speed = ${i.speed}`);
  add(`Capture length = ${i.captureLength}`);
  if (i.fcsLen !== undefined) add(`FCS length = ${i.fcsLen}`);
  add(`Time precision = ${precisionName(i.precision)} (${i.precision})`);
  add(`Time ticks per second = ${i.ticksPerSecond}`);
  if (i.tsresol !== undefined) add(`Time resolution = 0x${i.tsresol.toString(16).padStart(2, '0')}`);
  if (i.filter?.kind === 'pcap') add(`Filter string = ${i.filter.text}`);
  else if (i.filter?.kind === 'bpf') add(`BPF filter length = ${i.filter.instructions}`);
  else if (i.filter) add(`Unknown filter type ${i.filter.type}`);
  if (i.os !== undefined) add(`Operating system = ${i.os}`);
  if (i.comments.length > 0) add(`Comment = ${i.comments[0]}`);
  add(`Number of stat entries = ${i.statistics.entries}`);
  add(`Number of packets = ${i.packets}`);
  return l;
}

const seconds = (t: PacketTime): number => t.sec + t.nsec / 1e9;

/**
 * The fraction of `nsec` shown with `precision` digits, "%0*d" of the truncated quotient as
 * format_fractional_part_nsecs does (a damaged pcap fraction can make it longer, or negative).
 */
function fraction(nsec: number, precision: number): string {
  return precision <= 0 ? '' : '.' + String(Math.trunc(nsec / 10 ** (9 - precision))).padStart(precision, '0');
}

/**
 * relative_time_string (capinfos 4.0) of nstime_delta(last, first): whole seconds, the fraction at the finer of the
 * two precisions, " second(s)". The nanoseconds are subtracted in 32-bit ints and borrowed from only when negative.
 */
function duration(first: PacketTime, last: PacketTime): string {
  let sec = last.sec - first.sec, nsec = (last.nsec - first.nsec) | 0;
  if (sec !== 0 && nsec < 0) { sec--; nsec = (nsec + 1e9) | 0; }
  return `${sec}${fraction(nsec, Math.max(first.precision, last.precision))} second${sec === 1 && nsec === 0 ? '' : 's'}`;
}

/** format_nstime_as_iso8601 in local time: "YYYY-MM-DD HH:MM:SS.fff…". */
function dateTime(t: PacketTime): string {
  const d = new Date(t.sec * 1000), two = (n: number): string => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())} `
    + `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}${fraction(t.nsec, t.precision)}`;
}

/** g_strescape, as capinfos -M prints packet comments: C escapes for controls, backslash and quote, octal for the rest. */
function escapeC(s: string): string {
  const named: Record<string, string> = { '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (named[ch] !== undefined) out += named[ch];
    else if (c >= 0x20 && c < 0x7f) out += ch;
    // Every other byte (UTF-8 ones too) as three octal digits.
    else for (const hex of encodeURIComponent(ch).match(/%([0-9A-F]{2})/g) ?? [`%${c.toString(16)}`]) out += '\\' + parseInt(hex.slice(1), 16).toString(8).padStart(3, '0');
  }
  return out;
}
