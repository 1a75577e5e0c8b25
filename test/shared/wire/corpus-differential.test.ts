/**
 * Differential test against tshark 4.0 on every capture in ../shared/corpus: for each frame tshark shows
 * as TCP (FILE.tshark.tsv, columns in the corpus README), the decoder must find TCP with the same
 * addresses, ports, flags, raw seq/ack, tcp.len, window, checksum status and option values, and it must
 * find TCP in no other frame. Differences with a known reason are listed in
 * test/fixtures/wire-known-differences.json; any other difference fails.
 *
 * The malformed captures (../shared/corpus/malformed) are compared the same way against
 * test/fixtures/wire-malformed-tshark.tsv, made once with tshark 4.0.17 (running tshark over them live takes
 * minutes): for each file, `tshark -r FILE -o tcp.check_checksum:TRUE -Y tcp -T fields -E occurrence=f
 * -e frame.number -e tcp.srcport -e tcp.dstport -e tcp.flags -e tcp.seq_raw -e tcp.len -e tcp.checksum.status
 * -e tcp.options.mss_val -e tcp.options.wscale.shift -e tcp.options.timestamp.tsval`, prefixed with the file name.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import type { DecodedPacket } from '../../../shared/wire/decoded-packet';
import { ipv4Text } from '../../../shared/wire/ipv4';
import { ipv6Text } from '../../../shared/wire/ipv6';
import { isKnownWireDifference, WIRE_KNOWN } from '../../support/known-differences';
import { CORPUS_DIR, FIXTURES_DIR, MALFORMED_DIR } from '../../support/paths';
import { forEachRecord } from '../../support/read-capture';

const FIELDS = [
  'ip.src', 'ipv6.src', 'ip.dst', 'ipv6.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.flags', 'tcp.seq_raw', 'tcp.ack_raw',
  'tcp.len', 'tcp.window_size_value', 'tcp.checksum.status', 'tcp.options.mss_val', 'tcp.options.wscale.shift',
  'tcp.options.sack_perm', 'tcp.options.timestamp.tsval',
] as const;
type Field = (typeof FIELDS)[number] | 'is-tcp';

const known = WIRE_KNOWN;

/** Our value of a tshark field, printed the way `tshark -T fields` prints it. */
function ours(f: Field, p: DecodedPacket, dv: DataView): string {
  const opt = (n: number) => (n < 0 ? '' : String(n));
  switch (f) {
    case 'ip.src': return p.firstIpv4Offset < 0 ? '' : ipv4Text(dv, p.firstIpv4Offset + 12);
    case 'ip.dst': return p.firstIpv4Offset < 0 ? '' : ipv4Text(dv, p.firstIpv4Offset + 16);
    case 'ipv6.src': return p.firstIpv6Offset < 0 ? '' : ipv6Text(dv, p.firstIpv6Offset + 8);
    case 'ipv6.dst': return p.firstIpv6Offset < 0 ? '' : ipv6Text(dv, p.firstIpv6Offset + 24);
    case 'tcp.srcport': return String(p.srcPort);
    case 'tcp.dstport': return String(p.dstPort);
    case 'tcp.flags': return `0x${p.tcpFlags.toString(16).padStart(4, '0')}`;
    case 'tcp.seq_raw': return String(p.seq);
    case 'tcp.ack_raw': return String(p.ack);
    case 'tcp.len': return String(p.payloadLen);
    case 'tcp.window_size_value': return String(p.window);
    case 'tcp.checksum.status': return String(p.tcpChecksumStatus);
    case 'tcp.options.mss_val': return opt(p.mss);
    case 'tcp.options.wscale.shift': return opt(p.windowScale);
    case 'tcp.options.sack_perm': return p.sackPermitted ? 'present' : '';
    case 'tcp.options.timestamp.tsval': return p.hasTimestamp ? String(p.tsVal) : '';
    default: return '';
  }
}

type Rows = Map<number, Record<string, string>>;

/** TSV rows by frame number; with `file`, only the rows whose `file` column names it. */
function readTsv(path: string, file?: string): Rows {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const head = lines[0].split('\t');
  const rows: Rows = new Map();
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    const row: Record<string, string> = {};
    head.forEach((h, i) => { row[h] = cells[i] ?? ''; });
    if (file !== undefined && row.file !== file) continue;
    if (row['tcp.options.sack_perm']) row['tcp.options.sack_perm'] = 'present';
    rows.set(Number(row['frame.number']), row);
  }
  return rows;
}

interface Difference { field: Field; frame: number; tshark: string; ours: string }

/** Decodes every record of `file` and lists where it disagrees with tshark. */
function compareFile(
  file: string, tshark = readTsv(join(CORPUS_DIR, `${file}.tshark.tsv`)), path = join(CORPUS_DIR, file),
  fields: readonly Field[] = FIELDS,
): { differences: Difference[]; tcpFrames: number; tsharkFrames: number } {
  const decoder = new PacketDecoder({ verifyChecksums: true });
  const differences: Difference[] = [];
  let tcpFrames = 0;
  forEachRecord(path, (r) => {
    const p = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
    const row = tshark.get(r.frame);
    if (p.tcp !== (row !== undefined)) {
      differences.push({ field: 'is-tcp', frame: r.frame, tshark: String(row !== undefined), ours: String(p.tcp) });
      return;
    }
    if (!row) return;
    tcpFrames++;
    for (const f of fields) {
      const v = ours(f, p, r.view);
      if (v !== row[f]) differences.push({ field: f, frame: r.frame, tshark: row[f], ours: v });
    }
  });
  return { differences, tcpFrames, tsharkFrames: tshark.size };
}

const isKnown = (file: string, d: Difference): boolean => isKnownWireDifference(file, d.field, d.frame);

const files = readdirSync(CORPUS_DIR).filter((f) => /\.pcap(ng)?$/.test(f) && existsSync(join(CORPUS_DIR, `${f}.tshark.tsv`)));

describe('PacketDecoder agrees with tshark 4.0 on the corpus', () => {
  it('has corpus files to compare', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)('%s: same TCP frames and field values, except listed known differences', (file) => {
    const { differences, tcpFrames, tsharkFrames } = compareFile(file);
    const unexplained = differences.filter((d) => !isKnown(file, d));
    expect(unexplained.slice(0, 20)).toEqual([]);
    // Every tshark TCP frame was compared field by field (none skipped as a missing record).
    const missing = differences.filter((d) => d.field === 'is-tcp' && d.tshark === 'true').length;
    expect(tcpFrames + missing).toBe(tsharkFrames);
  });

  it('every known difference still occurs (the list does not go stale)', () => {
    for (const k of known) {
      const { differences } = k.file.startsWith('malformed/') ? compareMalformed(k.file.slice('malformed/'.length)) : compareFile(k.file);
      expect(differences.some((d) => d.field === k.field && (!k.frames || k.frames.includes(d.frame))), `${k.file} ${k.field}`).toBe(true);
    }
  });
});

const MALFORMED_TSV = join(FIXTURES_DIR, 'wire-malformed-tshark.tsv');
const MALFORMED_FIELDS: readonly Field[] = [
  'tcp.srcport', 'tcp.dstport', 'tcp.flags', 'tcp.seq_raw', 'tcp.len', 'tcp.checksum.status', 'tcp.options.mss_val',
  'tcp.options.wscale.shift', 'tcp.options.timestamp.tsval',
];

function compareMalformed(file: string) {
  return compareFile(file, readTsv(MALFORMED_TSV, file), join(MALFORMED_DIR, file), MALFORMED_FIELDS);
}

describe('PacketDecoder agrees with tshark 4.0 on the malformed corpus', () => {
  const malformed = readdirSync(MALFORMED_DIR).filter((f) => /\.pcap(ng)?$/.test(f));

  it.each(malformed)('%s: same TCP frames and field values, except listed known differences', (file) => {
    const { differences } = compareMalformed(file);
    expect(differences.filter((d) => !isKnown(`malformed/${file}`, d)).slice(0, 20)).toEqual([]);
  });
});
