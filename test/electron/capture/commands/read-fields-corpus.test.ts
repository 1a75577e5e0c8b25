/**
 * `synack-capture read -T fields` as a drop-in for tshark in scripts. The corpus README's tshark command line
 * (the one that made every FILE.tshark.tsv), run with "tshark" replaced by `synack-capture read`, must print
 * the TSV byte for byte, cell by cell, on every corpus file. The only differences allowed are the classes in
 * test/fixtures/wire-known-differences.json and tcp-known-differences.json.
 *
 * Fields the TSV does not hold (tcp.nxtseq, iRTT, stream times …) and tshark's default -E occurrence=a
 * (several values joined by ",") are compared with live tshark 4.0 -2 the same way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TSHARK_FIELDS, TSHARK_OCCURRENCES } from '../../../../shared/tcp/tshark-fields';
import { isKnownWireDifference, tcpKnownClass } from '../../../support/known-differences';
import { concat, pcapHeader, pcapRecord } from '../../../support/capture-bytes';
import { CORPUS_DIR, MALFORMED_DIR, REPO_ROOT, TEST_OUTPUT_DIR } from '../../../support/paths';
import { IP6_SYN_FRAME, SEED_SYN_IP_TCP, ethernet, join as join2 } from '../../../shared/wire/wire-fixtures';
import { requireTool } from '../../../support/require-tool';
import { writeIcmpErrorCapture, writePathMtuCapture } from '../../../fixtures/icmp-error-capture';

const CLI = join(REPO_ROOT, 'bin', 'synack-capture.mjs');
const exec = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
const ours = (args: string[]): string => exec(process.execPath, [CLI, 'read', ...args]);

/** The README's command, as argument words with FILE still in them ("tshark" dropped). */
const README_ARGS = ((): string[] => {
  const line = readFileSync(join(CORPUS_DIR, 'README.md'), 'utf8').split('\n').find((l) => l.startsWith('tshark -2 -r FILE'));
  if (!line) throw new Error('no tshark command line in the corpus README');
  return line.trim().split(/\s+/).slice(1);
})();
const withFile = (args: string[], file: string): string[] => args.map((a) => (a === 'FILE' ? join(CORPUS_DIR, file) : a));

const FILES = readdirSync(CORPUS_DIR).filter((f) => /\.pcap(ng)?$/.test(f) && existsSync(join(CORPUS_DIR, `${f}.tshark.tsv`)));

/** Per field, the frames whose cells differ ("frame:tshark|ours"); field "(row)" for frames one side lacks. */
function cellDifferences(tshark: string, mine: string): Map<string, { frame: number; text: string }[]> {
  const parse = (text: string) => {
    const [head, ...rows] = text.split('\n').filter((l) => l.length > 0);
    return { head: head.split('\t'), rows: new Map(rows.map((r) => [Number(r.split('\t')[0]), r.split('\t')])) };
  };
  const t = parse(tshark), o = parse(mine);
  expect(o.head).toEqual(t.head);
  const diffs = new Map<string, { frame: number; text: string }[]>();
  const add = (field: string, frame: number, text: string) => diffs.set(field, [...(diffs.get(field) ?? []), { frame, text }]);
  for (const frame of new Set([...t.rows.keys(), ...o.rows.keys()])) {
    const tr = t.rows.get(frame), or = o.rows.get(frame);
    if (!tr || !or) { add('(row)', frame, tr ? 'missing in ours' : 'extra in ours'); continue; }
    t.head.forEach((field, i) => {
      if ((tr[i] ?? '') !== (or[i] ?? '')) add(field, frame, `#${frame} tshark=${tr[i] ?? ''} ours=${or[i] ?? ''}`);
    });
  }
  return diffs;
}

/** Fails on any difference that the known-difference lists do not explain. */
function expectOnlyKnown(file: string, diffs: Map<string, { frame: number; text: string }[]>): void {
  for (const [field, all] of diffs) {
    const rest = all.filter((d) => !isKnownWireDifference(file, field, d.frame));
    if (rest.length === 0) continue;
    const k = tcpKnownClass(file, field);
    const sample = rest.slice(0, 5).map((d) => d.text).join('; ');
    expect(k, `unexplained ${field} differences in ${file}: ${sample}`).toBeDefined();
    expect(rest.length, `${file} ${field}: ${sample}`).toBeLessThanOrEqual(k!.rows);
  }
}

describe('read -T fields with the corpus README command prints FILE.tshark.tsv', () => {
  it('the README command asks for exactly the TSV columns, all of which we know', () => {
    const fields = README_ARGS.filter((_, i) => README_ARGS[i - 1] === '-e');
    const head = readFileSync(join(CORPUS_DIR, `${FILES[0]}.tshark.tsv`), 'utf8').split('\n')[0].split('\t');
    expect(fields).toEqual(head);
    expect(fields.filter((f) => !Object.hasOwn(TSHARK_FIELDS, f))).toEqual([]);
  });

  it.each(FILES)('%s: every cell equal, except known difference classes', (file) => {
    const tsv = readFileSync(join(CORPUS_DIR, `${file}.tshark.tsv`), 'utf8');
    const out = ours(withFile(README_ARGS, file));
    expectOnlyKnown(file, cellDifferences(tsv, out));
  });
});

/** Our fields the TSV does not hold, plus the TSV fields tshark may print several times in one frame. */
const LIVE_FIELDS = ['frame.number', ...Object.keys(TSHARK_OCCURRENCES),
  ...Object.keys(TSHARK_FIELDS).filter((f) => !README_ARGS.includes(f) && !Object.hasOwn(TSHARK_OCCURRENCES, f))];
const LIVE_ARGS = ['-2', '-r', 'FILE', '-o', 'tcp.check_checksum:TRUE', '-Y', 'tcp', '-T', 'fields', '-E', 'header=y',
  ...LIVE_FIELDS.flatMap((f) => ['-e', f])];

describe.skipIf(!requireTool('tshark'))('read -T fields agrees with live tshark 4.0 -2', () => {
  it.each(FILES)('%s: fields outside the TSV, and every occurrence (tshark\'s default -E occurrence=a)', (file) => {
    const args = withFile(LIVE_ARGS, file);
    expectOnlyKnown(file, cellDifferences(exec('tshark', args), ours(args)));
  });

  it('an ICMP-quoted TCP header gives ip.src "outer,inner" by default and the outer one with occurrence=f/l', () => {
    const args = ['-r', join(CORPUS_DIR, 'zeek__smtp.pcap'), '-T', 'fields', '-e', 'frame.number', '-e', 'ip.src'];
    const row26 = (extra: string[]) => ours([...args, ...extra]).split('\n').find((l) => l.startsWith('26\t'));
    expect(row26([])).toBe('26\t192.168.1.1,10.10.1.4');
    expect(row26(['-E', 'aggregator=;'])).toBe('26\t192.168.1.1;10.10.1.4');
    expect(row26(['-E', 'occurrence=f'])).toBe('26\t192.168.1.1');
    expect(row26(['-E', 'occurrence=l'])).toBe('26\t10.10.1.4');
  });

  it.each(['d', 's'])('-E quote=%s quotes non-empty values as tshark does', (q) => {
    const args = ['-r', join(CORPUS_DIR, 'zeek__smtp.pcap'), '-Y', 'tcp', '-T', 'fields', '-E', `quote=${q}`, '-E', 'header=y',
      '-e', 'frame.number', '-e', 'ip.src', '-e', 'tcp.options.mss_val'];
    expect(ours(args)).toBe(exec('tshark', args));
  });
});

describe.skipIf(!requireTool('tshark'))('read -T fields without -2 agrees with one-pass tshark 4.0', () => {
  // One pass prints the running values: tcp.completeness as it stood before the packet (a stream caught
  // mid-connection counts nothing for its first packet), seq/ack against the bases known at that packet.
  const ONE_PASS = README_ARGS.filter((a) => a !== '-2');
  it.each(FILES)('%s: the README command without -2, byte for byte', (file) => {
    const args = withFile(ONE_PASS, file);
    expect(ours(args)).toBe(exec('tshark', args));
  });
});

describe.skipIf(!requireTool('tshark'))('read -T fields on damaged pcap timestamps (fraction ≥ 1 s)', () => {
  // The reader carries the fraction into the seconds as wiretap reads it (so the packet list and the analysis use
  // tshark's instants), while frame.time_epoch prints the file's values the way tshark does: ".1000000000",
  // and "-" before the seconds of a fraction that is negative as a signed 32-bit number.
  it.each(['tcpdump__timestamp_invalid_micro.pcap', 'tcpdump__timestamp_invalid_nano.pcap'])('%s: frame.time_epoch as tshark', (file) => {
    const args = ['-r', join(MALFORMED_DIR, file), '-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_epoch'];
    expect(ours(args)).toBe(exec('tshark', args));
  });

  it('the microsecond file: stream times as tshark computes them from its (wrapped) instants', () => {
    // Frame 3 (2^31 µs) wraps to .000000 in wiretap: 1 µs after the SYN, 1 s before frame 2.
    const args = ['-2', '-r', join(MALFORMED_DIR, 'tcpdump__timestamp_invalid_micro.pcap'), '-T', 'fields',
      '-e', 'frame.number', '-e', 'tcp.time_relative'];
    expect(ours(args)).toBe(exec('tshark', args));
  });
});

describe('read -T fields arguments', () => {
  const fails = (args: string[]) => () => execFileSync(process.execPath, [CLI, 'read', ...args], { stdio: 'ignore' });
  const seed = join(CORPUS_DIR, 'zeek__smtp.pcap');

  it('checksum status is 2 (unverified) unless -o tcp.check_checksum:TRUE, as in tshark', () => {
    const status = (extra: string[]) => new Set(ours(['-r', seed, ...extra, '-T', 'fields', '-e', 'tcp.checksum.status']).trim().split('\n'));
    expect(status([])).toEqual(new Set(['2']));
    expect(status(['-o', 'tcp.check_checksum:TRUE']).has('1')).toBe(true);
  });

  it('refuses bad display filters, unknown preferences and switched-off analysis', () => {
    expect(fails(['-r', seed, '-Y', 'tcp.nope', '-T', 'fields', '-e', 'frame.number'])).toThrow();
    expect(fails(['-r', seed, '-o', 'ip.defragment:FALSE', '-T', 'fields', '-e', 'frame.number'])).toThrow();
    expect(fails(['-r', seed, '-o', 'tcp.analyze_sequence_numbers:FALSE', '-T', 'fields', '-e', 'frame.number'])).toThrow();
    expect(fails(['-r', seed, '-T', 'fields', '-E', 'occurrence=x', '-e', 'frame.number'])).toThrow();
  });
});

/** The README's tshark command with FILE replaced by `path`. */
const argsFor = (path: string): string[] => README_ARGS.map((a) => (a === 'FILE' ? path : a));

describe('read -T fields on TCP headers a short snaplen cut', () => {
  // 16 bytes (through the window field) are all the analysis reads: tshark shows such a segment with its stream,
  // flags and numbers, and no checksum (under 18 bytes) or urgent pointer (under 20) field; it is not counted in
  // the conversation table (the dissector stops at the cut). With 4–15 bytes tshark shows tcp with the ports alone
  // and no stream; with fewer, no tcp. An IPv6 capture with a 64-byte snaplen holds 10 TCP bytes per packet.
  it('prints what tshark prints, byte for byte, for headers cut at 0 to 20 bytes, and -Y tcp / tcp.port pick the same frames', () => {
    if (!requireTool('tshark')) return;
    mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
    const path = join(TEST_OUTPUT_DIR, 'tcp-header-cut.pcap');
    const frames = Array.from({ length: 21 }, (_, k) => k).map((k, i) => {
      const f = new Uint8Array(join2(ethernet(0x0800), SEED_SYN_IP_TCP));
      f[14 + 20 + 1] = i;                                   // source port low byte: one stream per frame
      return f.subarray(0, 14 + 20 + k);
    });
    writeFileSync(path, concat(pcapHeader(), ...frames.map((f, i) => pcapRecord(true, 1_700_000_000 + i, 0, f, 14 + SEED_SYN_IP_TCP.length))));
    const mine = ours(argsFor(path));
    expect(mine).toBe(exec('tshark', argsFor(path)));
    expect(mine.trim().split('\n')).toHaveLength(1 + 17);
    // Source ports are 57088 + k (the seed's 57273 with its low byte replaced).
    for (const [filter, frames] of [['tcp', 17], ['tcp.port == 57093', 1], ['tcp.srcport == 57098 || tcp.stream == 2', 2],
      ['tcp && !tcp.flags', 12], ['tcp.dstport == 8080 && !tcp.stream', 12]] as const) {
      const args = ['-r', path, '-Y', filter, '-T', 'fields', '-e', 'frame.number'];
      const mine = ours(args.slice(1));
      expect(mine, filter).toBe(exec('tshark', args));
      expect(mine.trim().split('\n'), filter).toHaveLength(frames);
    }
  });
});

describe('read -T fields on TCP headers quoted by ICMP errors', () => {
  // A router's ICMP error quotes the IP header and at least 8 bytes of the segment: tshark shows the ports and the
  // raw sequence number from 8 bytes on, and everything up to the window (with the stream's completeness) from 16.
  it('prints what tshark prints, one-pass and -2, for quotes of 4 to 20 TCP bytes after the quoted SYN itself', () => {
    if (!requireTool('tshark')) return;
    mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
    const path = join(TEST_OUTPUT_DIR, 'icmp-quoted-tcp.pcap');
    const syn = join2(ethernet(0x0800), SEED_SYN_IP_TCP);
    const icmpError = (k: number): Uint8Array => {
      const quote = SEED_SYN_IP_TCP.subarray(0, 20 + k);
      const ip = new Uint8Array(20 + 8 + quote.length);
      const dv = new DataView(ip.buffer);
      ip[0] = 0x45; dv.setUint16(2, ip.length); ip[8] = 64; ip[9] = 1; ip.set([10, 0, 0, 9], 12); ip.set([127, 0, 0, 1], 16);
      ip[20] = 3; ip[21] = 3;                                // destination unreachable, port unreachable
      ip.set(quote, 28);
      return join2(ethernet(0x0800), ip);
    };
    const frames = [syn, ...[4, 8, 12, 16, 20].map(icmpError)];
    writeFileSync(path, concat(pcapHeader(), ...frames.map((f, i) => pcapRecord(true, 1_700_000_000 + i, 0, f))));
    const twoPass = argsFor(path), onePass = twoPass.filter((a) => a !== '-2');
    for (const args of [twoPass, onePass]) expect(ours(args)).toBe(exec('tshark', args));
    expect(ours(twoPass).trim().split('\n')).toHaveLength(1 + 6);
  });
});

describe('read -T fields without -Y', () => {
  // The help promises "one line per TCP packet like tshark -Y tcp": that includes an ICMP error's 8-byte quote, whose
  // ports make it tcp in tshark though it has no stream.
  it.each([['icmp-errors', writeIcmpErrorCapture, 2], ['path-mtu', writePathMtuCapture, 12]] as const)('prints the packets tshark -Y tcp prints (%s)', (_name, write, portsOnly) => {
    if (!requireTool('tshark')) return;
    const path = write();
    const theirs = README_ARGS.map((a) => (a === 'FILE' ? path : a));
    const y = theirs.indexOf('-Y');
    const mine = ours([...theirs.slice(0, y), ...theirs.slice(y + 2)]);
    expect(mine).toBe(exec('tshark', theirs));
    expect(mine).toMatch(new RegExp(`^${portsOnly}\t`, 'm'));   // a quote of only the ports
  });
});

describe('read -T fields on IP headers under the other IP version\'s EtherType', () => {
  // packet-ip.c hands a version-6 header under EtherType 0x0800 to the IPv6 dissector, so tshark shows ipv6 and
  // TCP there (tcpdump: "IP6, wrong link-layer encapsulation"); a version-4 header under 0x86dd stays undecoded.
  it('prints what tshark prints, byte for byte, for the README\'s fields', () => {
    if (!requireTool('tshark')) return;
    mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
    const path = join(TEST_OUTPUT_DIR, 'ip-version-handover.pcap');
    const v6 = IP6_SYN_FRAME.slice(14), v4 = SEED_SYN_IP_TCP;
    const frames = [join2(ethernet(0x0800), v6), join2(ethernet(0x86dd), v4), IP6_SYN_FRAME];
    writeFileSync(path, concat(pcapHeader(), ...frames.map((f, i) => pcapRecord(true, 1_700_000_000 + i, 0, f))));
    const args = argsFor(path);
    const mine = ours(args);
    expect(mine).toBe(exec('tshark', args));
    expect(mine.split('\n')[1]).toContain('2001:4f8:4:7:2e0:81ff:fe52:ffff');
  });
});
