/**
 * `synack-capture read -Y FILTER` against tshark 4.0: with -T fields it must print exactly the rows
 * `tshark -2 -r FILE -Y FILTER -T fields …` prints (non-TCP rows included, their TCP cells empty), on corpus
 * files with UDP, ICMP, ARP, a pcapng and many streams. Rows may differ only by the known classes of the
 * filter differential test (test/shared/filter/filter-known-differences.ts, which includes
 * test/fixtures/tcp-known-differences.json). Then: the tcpdump-style text, JSON and --explain print only the
 * matching packets, unchanged; a bad filter is exit status 2 with its column; --conversations refuses -Y.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FilterNode } from '../../../../shared/filter/ast';
import { parseFilter } from '../../../../shared/filter/parser';
import { CORPUS_DIR, SEED_PCAP } from '../../../support/paths';
import { writeReassemblyCapture } from '../../../fixtures/ip-reassembly-capture';
import { requireTool } from '../../../support/require-tool';
import { allowance, knownClasses } from '../../../shared/filter/filter-known-differences';
import { splitTcpdumpOutput } from '../../../shared/format/tcpdump-compare';
import { readCli } from './cli-run';

const hasTshark = requireTool('tshark');
const KNOWN = knownClasses();

const read = readCli;
const ours = (args: string[]): string => {
  const r = read(args);
  if (r.status !== 0) throw new Error(`synack-capture read ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
};
const tshark = (args: string[]): string =>
  execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
/** Frame numbers `tshark -2 -Y filter` shows. */
const tsharkFrames = (file: string, filter: string): number[] =>
  tshark(['-2', '-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number']).split('\n').filter(Boolean).map(Number);

/** Corpus files and an address each: UDP + ICMP errors, a pcapng, ARP/ICMP on ARCnet, UDP only, retransmissions, 20 streams. */
const FILES: [file: string, address: string][] = [
  ['zeek__smtp.pcap', '192.168.1.1'],
  ['gopacket__le__test301.pcapng', '172.16.71.4'],
  ['tcpdump__arcnet-rfc1201-arp-icmp-http.pcap', '10.80.3.254'],
  ['scapy__pfcp.pcap', '127.0.0.2'],
  ['zeek__tcp__retransmit-fast009.pcap', '10.0.88.85'],
  ['zeek__rotation.pcap', '10.0.0.3'],
  ['zeek__modbus__modbus-and-non-modbus-p502.pcap', '66.175.213.4'],
];

/** Filters in tshark 4.0 syntax (sets need commas in 4.0); `ADDR` is replaced by the file's address. */
const FILTERS = [
  'tcp', 'udp', '!tcp', 'ip.addr == ADDR', 'tcp.analysis.retransmission', 'tcp.stream in {0, 2}', 'frame.number <= 5',
  'tcp.completeness == 31 || tcp.completeness & 0x20', 'tcp.seq > 1000 and tcp.len > 0', 'tcp.window_size > 65535',
  'tcp.flags.syn == 1 && !tcp.analysis.flags', 'frame.time_relative < 1 and not ip.src == ADDR', 'udp.port >= 1024 || tcp.port in {80, 502}',
  'frame contains "HTTP" || tcp.payload contains 0d:0a', 'tcp.time_delta > 0.2', 'tcp.time_relative < 0.5 && tcp.nxtseq > 1',
  'frame.time_delta > 0.1 || tcp.time_delta == 0', 'tcp.analysis.initial_rtt > 0.001', 'tcp.analysis.initial_rtt && tcp.len > 0',
];
const FIELD_ARGS = ['-T', 'fields', '-E', 'header=y', '-e', 'frame.number', '-e', 'tcp.stream', '-e', 'tcp.seq'];

/** Field names an expression uses (ip.addr stands for ip.src and ip.dst too), as the filter differential test counts them. */
function fieldsOf(n: FilterNode): string[] {
  switch (n.kind) {
    case 'and': case 'or': return [...fieldsOf(n.left), ...fieldsOf(n.right)];
    case 'not': return fieldsOf(n.operand);
    default: return n.field === 'ip.addr' ? ['ip.addr', 'ip.src', 'ip.dst'] : [n.field];
  }
}

/** Frames whose line differs (or that one side lacks), from two -T fields outputs whose first column is frame.number. */
function differingFrames(theirs: string, mine: string): number[] {
  const rows = (text: string) => new Map(text.split('\n').slice(1).filter(Boolean).map((l) => [Number(l.split('\t')[0]), l]));
  const t = rows(theirs), o = rows(mine);
  return [...new Set([...t.keys(), ...o.keys()])].filter((f) => t.get(f) !== o.get(f)).sort((a, b) => a - b);
}

describe.skipIf(!hasTshark)('read -2 -Y FILTER -T fields prints the rows tshark -2 -Y prints', () => {
  it('the list covers the filters the issue names and tshark accepts every one', () => {
    expect(FILTERS.length).toBeGreaterThanOrEqual(10);
    const file = join(CORPUS_DIR, FILES[0][0]);
    for (const f of FILTERS) expect(() => tshark(['-r', file, '-Y', f.replace(/ADDR/g, '10.0.0.1'), '-c', '1']), f).not.toThrow();
  });

  it.each(FILES)('%s: byte for byte, except known difference classes', (file, address) => {
    const path = join(CORPUS_DIR, file);
    const unexplained: string[] = [];
    let nonTcpRows = 0;
    for (const template of FILTERS) {
      const filter = template.replace(/ADDR/g, address);
      const args = ['-2', '-r', path, '-Y', filter, ...FIELD_ARGS];
      const theirs = tshark(args), mine = ours(args);
      nonTcpRows += theirs.split('\n').slice(1).filter((l) => /^\d+\t\t$/.test(l)).length;
      if (mine === theirs) continue;
      const parsed = parseFilter(filter);
      if (!parsed.ok) throw new Error(`${filter}: ${parsed.error.message}`);
      const frames = differingFrames(theirs, mine);
      const allowed = allowance(KNOWN, file, [...fieldsOf(parsed.ast), 'tcp.stream', 'tcp.seq']);
      // Same header, and every difference a whole row that a known class explains.
      expect(mine.split('\n')[0]).toBe(theirs.split('\n')[0]);
      if (frames.length === 0 || frames.length > allowed) {
        unexplained.push(`${filter}: frames ${frames.slice(0, 10).join(' ')} differ (${frames.length}, known ≤ ${allowed})`);
      }
    }
    expect(unexplained).toEqual([]);
    // Files with UDP/ICMP/ARP must print non-TCP rows: the test must see the "empty TCP cells" case.
    if (['zeek__smtp.pcap', 'scapy__pfcp.pcap', 'tcpdump__arcnet-rfc1201-arp-icmp-http.pcap'].includes(file)) {
      expect(nonTcpRows).toBeGreaterThan(0);
    }
  }, 300_000);

  it('without -2 the filter sees one pass, as tshark without -2', () => {
    for (const file of ['zeek__smtp.pcap', 'zeek__tcp__retransmit-fast009.pcap']) {
      for (const filter of ['tcp.analysis.retransmission || udp', 'tcp.seq > 1000 && tcp.window_size < 70000']) {
        const args = ['-r', join(CORPUS_DIR, file), '-Y', filter, ...FIELD_ARGS];
        expect(ours(args), `${file} ${filter}`).toBe(tshark(args));
      }
    }
  });

  it('the last -Y wins, as in tshark', () => {
    const args = ['-2', '-r', join(CORPUS_DIR, 'zeek__smtp.pcap'), '-Y', 'tcp', '-Y', 'udp', ...FIELD_ARGS];
    expect(ours(args)).toBe(tshark(args));
  });
});

describe.skipIf(!hasTshark)('read -Y in the tcpdump-style text, JSON and --explain', () => {
  const file = join(CORPUS_DIR, 'zeek__smtp.pcap');
  const all = splitTcpdumpOutput(ours(['-tt', file]));   // one block per frame, in order

  it.each(['udp || tcp.stream == 2', 'tcp.analysis.flags', 'tcp.len > 0 && ip.src == 10.10.1.4', 'frame.number > 100'])(
    '-2 -Y %s prints the lines of the matching frames, each as it reads without -Y', (filter) => {
      const frames = tsharkFrames(file, filter);
      expect(frames.length).toBeGreaterThan(0);
      expect(splitTcpdumpOutput(ours(['-tt', '-2', file, '-Y', filter]))).toEqual(frames.map((f) => all[f - 1]));
    });

  it('-Y with a tcpdump FILTER prints the packets both match; -c counts printed packets', () => {
    const frames = tsharkFrames(file, 'tcp.len > 0 && tcp.port == 25');
    expect(splitTcpdumpOutput(ours(['-tt', '-2', file, '-Y', 'tcp.len > 0', 'port', '25']))).toEqual(frames.map((f) => all[f - 1]));
    expect(splitTcpdumpOutput(ours(['-tt', file, '-Y', 'udp', '-c', '2']))).toEqual(tsharkFrames(file, 'udp').slice(0, 2).map((f) => all[f - 1]));
  });

  it('--format json: one object per matching frame', () => {
    const filter = '!tcp || tcp.flags.reset == 1';
    const json = ours(['--format', 'json', '-2', file, '-Y', filter]).trim().split('\n').map((l) => (JSON.parse(l) as { frame: number }).frame);
    expect(json).toEqual(tsharkFrames(file, filter));
  });

  it('--explain explains only the matching frames and sums up only their streams', () => {
    const filter = 'tcp.stream == 3 && tcp.len > 0';
    const out = ours([file, '--explain', '-2', '-Y', filter]);
    const explained = [...out.matchAll(/\[stream (\d+) frame (\d+)\]/g)];
    expect(explained.map((m) => Number(m[2]))).toEqual(tsharkFrames(file, filter));
    expect(new Set(explained.map((m) => m[1]))).toEqual(new Set(['3']));
    expect([...out.matchAll(/^stream (\d+):/gm)].map((m) => m[1])).toEqual(['3']);
  });

  it('synack.* fields filter too: synack.phase == handshake selects the packets --explain calls handshake steps', () => {
    const explain = ours([SEED_PCAP, '--explain']);
    const handshake = [...explain.matchAll(/\[stream \d+ frame (\d+)\] Handshake/g)].map((m) => Number(m[1]));
    expect(handshake.length).toBeGreaterThan(0);
    const filtered = ours([SEED_PCAP, '--explain', '-Y', 'synack.phase == handshake']);
    expect([...filtered.matchAll(/\[stream \d+ frame (\d+)\]/g)].map((m) => Number(m[1]))).toEqual(handshake);
  });
});

describe('read -Y refuses what it cannot do', () => {
  const file = join(CORPUS_DIR, 'zeek__smtp.pcap');

  it.each([
    ['tcp.sqe == 1', /column 1: "tcp\.sqe" is not a field SynAck knows\. Did you mean "tcp\.seq"\?/],
    ['tcp.stream in {0 2}', /column 18: .*"2"/],          // tshark 4.0 rejects it too: sets need commas
    ['(tcp || udp', /column 12: expected "\)"/],
    ['tcp.analysis.flags == 1', /column 1: tcp\.analysis\.flags is a flag with no value/],
    ['ip.addr == 10.0.0.300', /column 12/],
    ['', /the filter is empty/],
  ])('%j: exit status 2, the column and what was expected, no stack trace', (filter, message) => {
    const r = read([file, '-Y', filter, '-T', 'fields', '-e', 'frame.number']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^synack-capture read: bad display filter \(-Y\): /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`\n  ${filter}\n`);
    expect(r.stderr).toMatch(/\n {2}\s*\^~*\n/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(!hasTshark)('a filter tshark 4.0 rejects is rejected with the same exit status', () => {
    const t = spawnSync('tshark', ['-r', file, '-Y', 'tcp.stream in {0 2}'], { encoding: 'utf8' });
    expect(t.status).toBe(2);
    expect(read([file, '-Y', 'tcp.stream in {0 2}']).status).toBe(t.status);
  });

  it('a misspelt field gives the did-you-mean in every output mode', () => {
    for (const mode of [[], ['--explain'], ['--format', 'json']]) {
      const r = read([file, ...mode, '-Y', 'tcp.analysis.retransmision']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('Did you mean "tcp.analysis.retransmission"?');
    }
  });

  it('--conversations with -Y: exit status 2 saying why (tshark ignores -Y for -z conv,tcp)', () => {
    const r = read([file, '--conversations', '-Y', 'tcp.stream == 1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('-Y does not apply to --conversations');
    expect(read(['--help']).stdout).toMatch(/Not with\s+--conversations/);
  });

  it.skipIf(!hasTshark)('the reason holds: tshark -Y leaves the -z conv,tcp table as it is', () => {
    const conv = (extra: string[]) => tshark(['-2', '-r', file, ...extra, '-q', '-z', 'conv,tcp']);
    expect(conv(['-Y', 'tcp.stream == 1'])).toBe(conv([]));
  });

  it.skipIf(!hasTshark)('-z endpoints,tcp with -Y: refused the same way, for the same reason', () => {
    const r = read([file, '-q', '-z', 'endpoints,tcp', '-Y', 'tcp.stream == 1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('-Y does not apply to -z endpoints,tcp');
    const ep = (extra: string[]) => tshark(['-2', '-r', file, ...extra, '-q', '-z', 'endpoints,tcp']);
    expect(ep(['-Y', 'tcp.stream == 1'])).toBe(ep([]));
  });
});

describe.skipIf(!hasTshark)('read -Y on reassembled IP datagrams', () => {
  // The completing fragment is decoded as its datagram, but `frame` is still the frame's own bytes: the TCP ports
  // (9c:41 = 40001) are only in first fragments and whole segments, not in the fragments that complete a datagram.
  it('frame contains sees each frame\'s own bytes, not the reassembled datagram', () => {
    const file = writeReassemblyCapture();
    for (const filter of ['frame contains 9c:41', 'tcp.port == 40001', 'tcp.len > 200']) {
      const frames = ours(['-2', '-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number']).split('\n').filter(Boolean).map(Number);
      expect(frames, filter).toEqual(tsharkFrames(file, filter));
    }
  });
});
