import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, TEST_OUTPUT_DIR, TOOLS_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import {
  compareWithTcpdump, explain, formatCapture, splitTcpdumpOutput, type KnownDifference,
} from './tcpdump-compare';
import { mulberry32 } from '../../support/seeded-random';

const haveTcpdump = requireTool('tcpdump');
const known = (JSON.parse(readFileSync(join(FIXTURES_DIR, 'tcpdump-known-differences.json'), 'utf8')) as {
  differences: KnownDifference[];
}).differences;


/**
 * Rewrites a generated Ethernet pcap with damaged packets: random bytes of the IP and TCP headers and options
 * changed (data offset, lengths, flags, option kinds and lengths), and records cut short, so every
 * truncation and bad-header path of tcpdump's printer is exercised on bytes no test fixture holds.
 */
function mutate(src: Buffer, seed: number): Buffer {
  const rnd = mulberry32(seed);
  const out = Buffer.from(src);
  const records: Buffer[] = [out.subarray(0, 24)];
  for (let at = 24; at + 16 <= out.length;) {
    const capLen = out.readUInt32LE(at + 8);
    const hdr = Buffer.from(out.subarray(at, at + 16));
    const data = Buffer.from(out.subarray(at + 16, at + 16 + capLen));
    at += 16 + capLen;
    const r = rnd();
    if (r < 0.7) {
      const n = 1 + Math.floor(rnd() * 3);
      for (let i = 0; i < n; i++) {
        // Aim at IP header (14..34), TCP header and options (34..74), sometimes anywhere.
        const pos = rnd() < 0.8 ? 14 + Math.floor(rnd() * Math.min(60, data.length - 14)) : Math.floor(rnd() * data.length);
        data[pos] = rnd() < 0.5 ? Math.floor(rnd() * 256) : data[pos] ^ (1 << Math.floor(rnd() * 8));
      }
    }
    let keep = data.length;
    if (rnd() < 0.3) keep = Math.floor(rnd() * data.length);
    hdr.writeUInt32LE(keep, 8);
    records.push(hdr, data.subarray(0, keep));
  }
  return Buffer.concat(records);
}

/** IPv6 extension headers (RFC 8200 §4) to insert: [next-header value, bytes with a placeholder next header]. */
function extensionHeaders(rnd: () => number, plen: number): [number, number[]][] {
  const addr = (): number[] => Array.from({ length: 16 }, () => Math.floor(rnd() * 256));
  const kinds: [number, number[]][] = [
    [0, [0, 0, 1, 4, 0, 0, 0, 0]], // HBH: PadN
    [0, [0, 0, 5, 2, 0, 0, 1, 0]], // HBH: router alert + Pad1 x2
    [60, [0, 0, 0, 0, 1, 2, 0, 0]], // DSTOPT: Pad1 x2, PadN
    [60, [0, 0, 0x1e, 2, 0, 0, 0, 0]], // DSTOPT: unknown option type
    [44, [0, 0, 0, 0, 0, 0, 0x12, 0x34]], // fragment, offset 0
    [44, [0, 0, 0x05, 0x09, 0xde, 0xad, 0xbe, 0xef]], // fragment, offset 1288, M set
    [43, [0, 2, 2, 1, 0, 0, 0, 0, ...addr()]], // routing type 2
    [43, [0, 4, 4, 1, 1, 0, 0, 7, ...addr(), ...addr()]], // segment routing
    [0, [0, 0, 0xc2, 4, ...[0, 1, 0, 0].map((b, i) => (i === 3 ? (plen + 8) & 255 : b))]], // jumbo (only valid when plen=0)
  ];
  const n = 1 + Math.floor(rnd() * 2);
  return Array.from({ length: n }, () => kinds[Math.floor(rnd() * kinds.length)]);
}

/** Inserts extension headers after the fixed IPv6 header of Ethernet/IPv6 frames (some with payload length 0). */
function withExtensions(src: Buffer, seed: number): Buffer {
  const rnd = mulberry32(seed);
  const parts: Buffer[] = [src.subarray(0, 24)];
  for (let at = 24; at + 16 <= src.length;) {
    const capLen = src.readUInt32LE(at + 8);
    const hdr = Buffer.from(src.subarray(at, at + 16));
    let data = Buffer.from(src.subarray(at + 16, at + 16 + capLen));
    at += 16 + capLen;
    if (data.readUInt16BE(12) === 0x86dd && rnd() < 0.8) {
      const exts = extensionHeaders(rnd, data.readUInt16BE(18));
      let nh = data[20];
      const bytes: number[] = [];
      for (const [type, body] of exts.reverse()) { bytes.unshift(nh, ...body.slice(1)); nh = type; }
      data[20] = nh;
      data = Buffer.concat([data.subarray(0, 54), Buffer.from(bytes), data.subarray(54)]);
      data.writeUInt16BE(rnd() < 0.1 ? 0 : data.readUInt16BE(18) + bytes.length, 18);
      hdr.writeUInt32LE(data.length, 8);
      hdr.writeUInt32LE(data.length, 12);
    }
    parts.push(hdr, data);
  }
  return Buffer.concat(parts);
}

describe.skipIf(!haveTcpdump)('tcpdump-style text of IPv6 extension headers, against live tcpdump', () => {
  it('agrees with tcpdump on TCP behind hop-by-hop, destination, fragment and routing headers', () => {
    const dir = join(TEST_OUTPUT_DIR, 'tcpdump-fuzz');
    mkdirSync(dir, { recursive: true });
    const clean = join(dir, 'clean-ipv6.pcap'), ext = join(dir, 'ipv6-extensions.pcap');
    execFileSync(process.execPath, [join(TOOLS_DIR, 'gen-pcap.mjs'), '--out', clean, '--packets', '2000',
      '--seed', '66', '--ipv6-fraction', '1'], { stdio: 'ignore' });
    writeFileSync(ext, withExtensions(readFileSync(clean), 66));
    const r = spawnSync('tcpdump', ['-nn', '-tt', '-vv', '-r', ext], { encoding: 'latin1', maxBuffer: 1 << 28 });
    const theirs = splitTcpdumpOutput(r.stdout);
    expect(theirs.filter((t) => / (HBH|DSTOPT|frag|RT6) /.test(t)).length).toBeGreaterThan(500);
    const ours = formatCapture(ext, [], { time: 'epoch' });
    const unexplained = compareWithTcpdump('ipv6-extensions.pcap', ours, theirs).filter((m) => !explain(m, known));
    expect(unexplained.slice(0, 5)).toEqual([]);
  });
});

/** IPv4 options (RFC 791 §3.1), each padded to a multiple of 4 bytes. */
const IPV4_OPTIONS: number[][] = [
  [1, 1, 1, 1], // NOP x4
  [7, 7, 4, 0, 0, 0, 0, 0], // record route, one empty slot, then EOL
  [7, 11, 8, 10, 0, 0, 1, 192, 0, 2, 1, 0], // record route, one recorded hop
  [131, 7, 4, 192, 0, 2, 9, 0], // loose source route to 192.0.2.9 (changes the checksum's destination)
  [148, 4, 0, 0], // router alert
  [68, 12, 5, 1, 10, 0, 0, 1, 0, 0, 0, 42], // timestamp + address
  [68, 8, 5, 0, 0, 0, 0, 99], // timestamp only
  [130, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], // security
  [25, 2, 0, 0], // unknown option, then EOL
  [7, 3, 4, 0], // record route too short
];

/** Inserts IPv4 options into Ethernet/IPv4 frames (fixing IHL and total length, not the checksums). */
function withIpv4Options(src: Buffer, seed: number): Buffer {
  const rnd = mulberry32(seed);
  const parts: Buffer[] = [src.subarray(0, 24)];
  for (let at = 24; at + 16 <= src.length;) {
    const capLen = src.readUInt32LE(at + 8);
    const hdr = Buffer.from(src.subarray(at, at + 16));
    let data = Buffer.from(src.subarray(at + 16, at + 16 + capLen));
    at += 16 + capLen;
    if (data.readUInt16BE(12) === 0x0800 && rnd() < 0.8) {
      const opt = Buffer.from(IPV4_OPTIONS[Math.floor(rnd() * IPV4_OPTIONS.length)]);
      data = Buffer.concat([data.subarray(0, 34), opt, data.subarray(34)]);
      data[14] = 0x40 | (5 + opt.length / 4);
      data.writeUInt16BE(data.readUInt16BE(16) + opt.length, 16);
      const keep = rnd() < 0.2 ? 14 + Math.floor(rnd() * (20 + opt.length + 8)) : data.length;
      hdr.writeUInt32LE(keep, 8);
      hdr.writeUInt32LE(data.length, 12);
      data = data.subarray(0, keep);
    }
    parts.push(hdr, data);
  }
  return Buffer.concat(parts);
}

describe.skipIf(!haveTcpdump)('tcpdump-style text of IPv4 options, against live tcpdump', () => {
  it('agrees with tcpdump on TCP behind record-route, source-route, timestamp and other IPv4 options', () => {
    const dir = join(TEST_OUTPUT_DIR, 'tcpdump-fuzz');
    mkdirSync(dir, { recursive: true });
    const clean = join(dir, 'clean-ipv4.pcap'), opts = join(dir, 'ipv4-options.pcap');
    execFileSync(process.execPath, [join(TOOLS_DIR, 'gen-pcap.mjs'), '--out', clean, '--packets', '2000',
      '--seed', '44'], { stdio: 'ignore' });
    writeFileSync(opts, withIpv4Options(readFileSync(clean), 44));
    const r = spawnSync('tcpdump', ['-nn', '-tt', '-vv', '-r', opts], { encoding: 'latin1', maxBuffer: 1 << 28 });
    const theirs = splitTcpdumpOutput(r.stdout);
    expect(theirs.filter((t) => t.includes(', options (')).length).toBeGreaterThan(1000);
    const ours = formatCapture(opts, [], { time: 'epoch' });
    const unexplained = compareWithTcpdump('ipv4-options.pcap', ours, theirs).filter((m) => !explain(m, known));
    expect(unexplained.slice(0, 5)).toEqual([]);
  });
});

describe.skipIf(!haveTcpdump)('tcpdump-style text on damaged packets, against live tcpdump', () => {
  const dir = join(TEST_OUTPUT_DIR, 'tcpdump-fuzz');
  mkdirSync(dir, { recursive: true });
  for (const seed of (process.env.SYNACK_FUZZ_SEEDS ?? "1,2,3").split(",").map(Number)) {
    it(`agrees with tcpdump on every TCP packet of damaged capture #${seed}`, () => {
      const clean = join(dir, `clean-${seed}.pcap`), damaged = join(dir, `damaged-${seed}.pcap`);
      execFileSync(process.execPath, [join(TOOLS_DIR, 'gen-pcap.mjs'), '--out', clean, '--packets', '3000',
        '--seed', String(seed * 17), '--ipv6-fraction', '0.3'], { stdio: 'ignore' });
      writeFileSync(damaged, mutate(readFileSync(clean), seed));
      const r = spawnSync('tcpdump', ['-nn', '-tt', '-vv', '-r', damaged], { encoding: 'latin1', maxBuffer: 1 << 28 });
      const theirs = splitTcpdumpOutput(r.stdout);
      const ours = formatCapture(damaged, [], { time: 'epoch' });
      const unexplained = compareWithTcpdump(`damaged-${seed}.pcap`, ours, theirs).filter((m) => !explain(m, known));
      expect(unexplained.slice(0, 5)).toEqual([]);
    });
  }
});
