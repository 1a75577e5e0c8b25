/**
 * PcapngWriter output reads back identically: with our reader, with tshark (timestamps, lengths, TCP fields)
 * and with tcpdump (the same text as for the original file).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureReader } from '../../../shared/capture-file/capture-reader';
import { PcapngWriter } from '../../../shared/capture-file/pcapng-writer';
import { CORPUS_DIR, TEST_OUTPUT_DIR } from '../../support/paths';
import { epochText, forEachRecord } from '../../support/read-capture';
import { requireTool } from '../../support/require-tool';

const OUT = join(TEST_OUTPUT_DIR, 'pcapng-writer');
const SOURCES = [
  { file: 'tcpdump__tcp-handshake-nano.pcap', ns: true }, // LINUX_SLL, nanosecond timestamps
  { file: 'zeek__tcp__options.pcap', ns: false }, // Ethernet, microseconds
  { file: 'zeek__tcp__truncated-header.pcap', ns: false }, // caplen < len
];

/** Copies every record of a corpus file into a new pcapng file; returns its path. */
function rewrite(file: string, ns: boolean): string {
  const w = new PcapngWriter();
  const parts: Uint8Array[] = [w.sectionHeader()];
  const { interfaces } = forEachRecord(join(CORPUS_DIR, file), () => {});
  parts.push(w.interfaceDescription({ linkType: interfaces[0].linkType, snaplen: interfaces[0].snaplen, name: 'any', tsresolNs: ns }));
  forEachRecord(join(CORPUS_DIR, file), (r) => {
    parts.push(w.packet(0, r.tsSec, r.tsNsec, r.bytes.subarray(r.at, r.at + r.capLen), r.origLen));
  });
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `${file}.pcapng`);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

function records(path: string): string[] {
  const out: string[] = [];
  forEachRecord(path, (r) => { out.push(`${epochText(r)} ${r.capLen} ${r.origLen} ${Buffer.from(r.bytes.subarray(r.at, r.at + r.capLen)).toString('hex')}`); });
  return out;
}

const haveTshark = requireTool('tshark');
const haveTcpdump = requireTool('tcpdump');
const TSHARK_FIELDS = ['frame.time_epoch', 'frame.len', 'frame.cap_len', 'tcp.srcport', 'tcp.dstport', 'tcp.flags', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.len'];

describe('PcapngWriter', () => {
  it.each(SOURCES)('$file rewritten as pcapng reads back with the same records', ({ file, ns }) => {
    expect(records(rewrite(file, ns))).toEqual(records(join(CORPUS_DIR, file)));
  });

  it.skipIf(!haveTshark).each(SOURCES)('$file rewritten as pcapng gives tshark the same fields', ({ file, ns }) => {
    const path = rewrite(file, ns);
    const tshark = (p: string): string => execFileSync('tshark', ['-r', p, '-T', 'fields', ...TSHARK_FIELDS.flatMap((f) => ['-e', f])],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(tshark(path)).toBe(tshark(join(CORPUS_DIR, file)));
  });

  it.skipIf(!haveTcpdump).each(SOURCES)('$file rewritten as pcapng gives tcpdump the same text', ({ file, ns }) => {
    const path = rewrite(file, ns);
    const tcpdump = (p: string): string => execFileSync('tcpdump', ['-nn', '-tt', '-vv', ...(ns ? ['--nano'] : []), '-r', p],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(tcpdump(path)).toBe(tcpdump(join(CORPUS_DIR, file)));
  });

  it('writes 64-bit timestamps exactly, past 2^32 seconds (up to 2^34 s, the ns limit of 64 bits) and at the last nanosecond', () => {
    const w = new PcapngWriter();
    const bytes = [w.sectionHeader(), w.interfaceDescription({ linkType: 1, snaplen: 0, tsresolNs: true }),
      w.interfaceDescription({ linkType: 101, snaplen: 65535, name: 'lo0 — loopback' })];
    const cases: [number, number, number][] = [[0, 4294967296, 0], [0, 1999999999, 999999999], [1, 1700000000, 123456999], [0, 2 ** 34, 1]];
    for (const [iface, s, n] of cases) bytes.push(w.packet(iface, s, n, Uint8Array.of(1, 2, 3), 3));
    const reader = createCaptureReader();
    const seen: [number, number, number][] = [];
    for (const b of bytes) expect(reader.push(b, (r) => { seen.push([r.iface, r.tsSec, r.tsNsec]); })).toBeNull();
    expect(reader.end()).toBeNull();
    // The microsecond interface keeps microseconds.
    expect(seen).toEqual([[0, 4294967296, 0], [0, 1999999999, 999999999], [1, 1700000000, 123456000], [0, 2 ** 34, 1]]);
    expect(reader.interfaces[1]).toMatchObject({ name: 'lo0 — loopback', linkType: 101, tsresol: 6 });
  });

  it('writes if_description and if_fcslen, which the reader and tshark read back', () => {
    const w = new PcapngWriter();
    const blocks = [w.sectionHeader(), w.interfaceDescription({ linkType: 1, snaplen: 262144, name: 'eth0', description: 'Ethernet — uplink', fcsLen: 4, tsresolNs: true }),
      w.packet(0, 1700000000, 5, new Uint8Array(64), 64)];
    const reader = createCaptureReader();
    for (const b of blocks) expect(reader.push(b, () => {})).toBeNull();
    expect(reader.interfaces[0]).toMatchObject({ name: 'eth0', description: 'Ethernet — uplink', linkType: 1, tsresol: 9 });
    if (!haveTshark) return;
    mkdirSync(OUT, { recursive: true });
    const path = join(OUT, 'idb-options.pcapng');
    writeFileSync(path, Buffer.concat(blocks));
    const info = execFileSync('capinfos', ['-I', path], { encoding: 'utf8' });
    expect(info).toMatch(/Name = eth0\n\s+Description = Ethernet — uplink\n/);
    expect(info).toMatch(/FCS length = 4\n/);
    expect(execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.time_epoch'], { encoding: 'utf8' }).trim()).toBe('1700000000.000000005');
  });

  it('writes packet comments (UTF-8, several, any length) that the reader and tshark read back', () => {
    const w = new PcapngWriter();
    const comments = ['naïve — first', 'a', 'abc', 'four', 'x'.repeat(1001)];
    const blocks = [w.sectionHeader(), w.interfaceDescription({ linkType: 1, snaplen: 262144 }),
      w.packet(0, 1700000000, 0, new Uint8Array(61), 61, comments), w.packet(0, 1700000001, 0, new Uint8Array(3), 3, ['second packet'])];
    const reader = createCaptureReader(), seen: [number, string][] = [], lengths: number[] = [];
    reader.onComment = (frame, text) => seen.push([frame, text]);
    for (const b of blocks) expect(reader.push(b, (r) => lengths.push(r.capLen))).toBeNull();
    expect(seen).toEqual([...comments.map((c): [number, string] => [1, c]), [2, 'second packet']]);
    expect(lengths).toEqual([61, 3]);
    if (!haveTshark) return;
    mkdirSync(OUT, { recursive: true });
    const path = join(OUT, 'packet-comments.pcapng');
    writeFileSync(path, Buffer.concat(blocks));
    expect(execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.comment'], { encoding: 'utf8' }))
      .toBe(`${comments.join(',')}\nsecond packet\n`);
  });

  it('refuses a packet for an interface it has not described', () => {
    expect(() => new PcapngWriter().packet(0, 0, 0, new Uint8Array(0), 0)).toThrow(RangeError);
  });
});
