/**
 * pcap files whose record headers are not the standard 16 bytes (Red Hat 6.1's ss990417 and Nokia's under the standard
 * magic, ss991029 and ss990915 under the "modified" one), files from before version 2.3 that store the two lengths
 * the other way round, and a damaged standard file that reads better as another layout: the reader chooses as wiretap
 * does (shared/capture-file/pcap-reader.ts), checked record for record against live tshark.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureReader, type PcapRecordLayouts } from '../../../shared/capture-file/capture-reader';
import { concat, fields } from '../../support/capture-bytes';
import { REPO_ROOT, TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';

const haveTshark = requireTool('tshark'), haveCapinfos = requireTool('capinfos'), haveTcpdump = requireTool('tcpdump');
const dir = join(TEST_OUTPUT_DIR, 'pcap-record-layouts');
mkdirSync(dir, { recursive: true });

const MAGIC = 0xa1b2c3d4, MODIFIED = 0xa1b2cd34;
const header = (magic: number, minor = 4, snaplen = 65535, network = 1): Uint8Array =>
  fields(true, [magic, 4], [2, 2], [minor, 2], [0, 4], [0, 4], [snaplen, 4], [network, 4]);
/** An Ethernet frame whose destination address says which record it is. */
const frame = (k: number, n = 60): Uint8Array => { const b = new Uint8Array(n); b.set([2, 0, 0, 0, 0, k]); b[12] = 0x08; return b; };
/** A record: the 16 standard bytes, `extra` bytes of the variant's own fields, the data. */
const rec = (sec: number, usec: number, data: Uint8Array, extra: number, orig = data.length): Uint8Array =>
  concat(fields(true, [sec, 4], [usec, 4], [data.length, 4], [orig, 4]), new Uint8Array(extra).fill(0x5a), data);

interface Row { len: number; capLen: number; time: string; dst: string | undefined; fileOffset: number }

function ours(bytes: Uint8Array, chunk: number, pcapRecordLayouts: PcapRecordLayouts = 'wiretap'): { rows: Row[]; problem: string | null } {
  const reader = createCaptureReader({ pcapRecordLayouts });
  const rows: Row[] = [];
  let problem = null;
  for (let at = 0; at < bytes.length && !problem; at += chunk) {
    problem = reader.push(bytes.subarray(at, at + chunk), (r) => {
      // tshark has an eth.dst only when the frame holds all six bytes of it.
      const dst = r.capLen < 6 ? undefined : [...r.bytes.subarray(r.at, r.at + 6)].map((x) => x.toString(16).padStart(2, '0')).join(':');
      rows.push({ len: r.origLen, capLen: r.capLen, time: `${r.tsSec}.${String(r.tsNsec).padStart(9, '0')}`, dst, fileOffset: r.fileOffset });
    });
  }
  problem ??= reader.end();
  return { rows, problem: problem?.code ?? null };
}

function tsharks(path: string, ethernet = true): Omit<Row, 'fileOffset'>[] {
  const text = execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.len', '-e', 'frame.cap_len', '-e', 'frame.time_epoch', '-e', 'eth.dst'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return text.trim().split('\n').filter(Boolean).map((l) => {
    const [len, capLen, time, dst] = l.split('\t');
    return { len: Number(len), capLen: Number(capLen), time, dst: ethernet ? dst || undefined : undefined };
  });
}

/** `synack-capture info` and `capinfos -M` (less its RIPEMD160 line) on `path`, in the same time zone. */
function infoReports(path: string): [string, string] {
  const env = { ...process.env, TZ: 'America/Sao_Paulo' };
  const ours = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'synack-capture.mjs'), 'info', path], { encoding: 'utf8', env }).stdout;
  const theirs = spawnSync('capinfos', ['-M', path], { encoding: 'utf8', env }).stdout.split('\n').filter((l) => !l.startsWith('RIPEMD160:')).join('\n');
  return [ours, theirs];
}

/** Writes the file, reads it whole and in 7-byte chunks, and checks both against tshark; returns our rows. */
function expectAsTshark(name: string, bytes: Uint8Array, ethernet = true): Row[] {
  const path = join(dir, `${name}.pcap`);
  writeFileSync(path, bytes);
  const whole = ours(bytes, bytes.length), small = ours(bytes, 7);
  expect(small).toEqual(whole);
  expect(whole.problem, name).toBeNull();
  expect(whole.rows.map(({ fileOffset: _, ...r }) => (ethernet ? r : { ...r, dst: undefined })), name).toEqual(tsharks(path, ethernet));
  if (haveCapinfos) {   // the file type capinfos names ("RedHat 6.1 tcpdump - pcap" …), and all else it reports
    const [ours, theirs] = infoReports(path);
    expect(ours, name).toBe(theirs);
  }
  return whole.rows;
}

const three = (extra: number): Uint8Array[] => [rec(1, 5, frame(1), extra), rec(2, 6, frame(2, 74), extra, 80), rec(3, 7, frame(3), extra)];

describe.skipIf(!haveTshark)('pcap record header layouts, as tshark tells them apart', () => {
  it('standard magic: 16-byte headers, Red Hat 6.1\'s 24-byte (ss990417) and Nokia\'s 20-byte ones', () => {
    for (const [name, extra] of [['standard', 0], ['ss990417', 8], ['nokia', 4]] as const) {
      const rows = expectAsTshark(name, concat(header(MAGIC), ...three(extra)));
      expect(rows.map((r) => r.fileOffset), name).toEqual([24 + 16 + extra, 24 + 2 * (16 + extra) + 60, 24 + 3 * (16 + extra) + 60 + 74]);
    }
  });

  it('the modified magic: 24-byte (ss991029) and 28-byte (ss990915) headers', () => {
    for (const [name, extra] of [['ss991029', 8], ['ss990915', 12]] as const) {
      const rows = expectAsTshark(name, concat(header(MODIFIED), ...three(extra)));
      expect(rows[0].fileOffset, name).toBe(24 + 16 + extra);
    }
  });

  it('fewer than three records, and none', () => {
    expectAsTshark('ss990417-one', concat(header(MAGIC), rec(1, 5, frame(1), 8)));
    expect(expectAsTshark('empty', header(MAGIC))).toEqual([]);
  });

  it('versions before 2.3 store the wire length first; 2.3 only when the captured length comes out larger', () => {
    const swapped = (sec: number, data: Uint8Array, orig: number): Uint8Array => concat(fields(true, [sec, 4], [0, 4], [orig, 4], [data.length, 4]), data);
    expect(expectAsTshark('v2.2', concat(header(MAGIC, 2), swapped(1, frame(1), 100), swapped(2, frame(2), 60))).map((r) => [r.capLen, r.len]))
      .toEqual([[60, 100], [60, 60]]);
    expect(expectAsTshark('v2.3', concat(header(MAGIC, 3), swapped(1, frame(1), 100), rec(2, 0, frame(2), 0, 90))).map((r) => [r.capLen, r.len]))
      .toEqual([[60, 100], [60, 90]]);
  });

  it('AIX\'s tcpdump: version 2.2 with an ifType for a link type, nanosecond fractions, 3 bytes before an FDDI frame', () => {
    const aixEthernet = expectAsTshark('aix-ethernet', concat(header(MAGIC, 2, 65535, 6), rec(1, 999_999_999, frame(1), 0), rec(2, 5, frame(2), 0)));
    expect(aixEthernet.map((r) => r.time)).toEqual(['1.999999999', '2.000000005']);
    // FDDI: frame control, destination, source; the record's lengths count the padding in front.
    const fddi = (k: number): Uint8Array => { const b = new Uint8Array(3 + 40); b.set([0x50, 2, 0, 0, 0, 0, k], 3); return b; };
    const rows = expectAsTshark('aix-fddi', concat(header(MAGIC, 2, 65535, 15), rec(1, 5, fddi(1), 0), rec(2, 6, fddi(2), 0)), false);
    expect(rows.map((r) => [r.capLen, r.len, r.fileOffset])).toEqual([[40, 40, 24 + 16 + 3], [40, 40, 24 + 2 * 16 + 43 + 3]]);
  });

  it('a damaged standard file reads as the layout with the fewest oddities (tcpdump would read 16-byte headers)', () => {
    // Record 1's header, then bytes that are ss990417's 8 extra fields and 60 bytes of data; where a 16-byte layout
    // finds record 2, four oddities (µs ≥ 10^6, a caplen over 262144 and over the snaplen and over the wire length);
    // ss990417's record 2 has one (a caplen of 60 over a wire length of 50).
    const bytes = concat(header(MAGIC), fields(true, [1, 4], [5, 4], [60, 4], [60, 4]), new Uint8Array(8), frame(1, 52),
      fields(true, [2, 4], [0xffffffff, 4], [0x7fffffff, 4], [5, 4], [60, 4], [50, 4]), frame(2, 60), new Uint8Array(8));
    const rows = expectAsTshark('damaged-standard', bytes);
    expect(rows.map((r) => r.fileOffset)).toEqual([48, 48 + 60 + 24]);
  });
});

/** [caplen, wire length] of each record of a pcap file with standard little-endian headers. */
function standardRecords(file: Buffer): [number, number][] {
  const out: [number, number][] = [];
  for (let p = 24; p + 16 <= file.length; p += 16 + file.readUInt32LE(p + 8)) out.push([file.readUInt32LE(p + 8), file.readUInt32LE(p + 12)]);
  return out;
}

describe.skipIf(!haveTcpdump)('the tcpdump-style listing reads record headers as libpcap does', () => {
  it('16 bytes under the standard magic and 24 under the modified one, whatever wiretap would guess', () => {
    const cli = join(REPO_ROOT, 'bin', 'synack-capture.mjs');
    for (const [name, magic, extra] of [['ss990417', MAGIC, 8], ['nokia', MAGIC, 4], ['ss990915', MODIFIED, 12], ['over-snaplen', MAGIC, 0]] as const) {
      // over-snaplen: records longer than the file's snapshot length, which libpcap cuts to it (wiretap does not).
      const bytes = concat(header(magic, 4, name === 'over-snaplen' ? 40 : 65535), ...three(extra)), path = join(dir, `${name}-libpcap.pcap`), rewritten = join(dir, `${name}-by-tcpdump.pcap`);
      writeFileSync(path, bytes);
      // What libpcap read, written back by tcpdump itself with standard 16-byte headers, walked record by record
      // (tshark would guess a layout for it too).
      spawnSync('tcpdump', ['-r', path, '-w', rewritten], { stdio: 'ignore' });
      expect(ours(bytes, bytes.length, 'libpcap').rows.map((r) => [r.capLen, r.len]), name).toEqual(standardRecords(readFileSync(rewritten)));
      const listing = (f: string): string => spawnSync(process.execPath, [cli, 'read', f], { encoding: 'utf8' }).stdout;
      expect(listing(path), name).toBe(listing(rewritten));
      expect(listing(path).length, name).toBeGreaterThan(0);
    }
  });
});
