import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, TEST_OUTPUT_DIR, TOOLS_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import {
  compareWithTcpdump, explain, formatCapture, splitTcpdumpOutput, type KnownDifference,
} from './tcpdump-compare';

const haveTcpdump = requireTool('tcpdump');
const known = (JSON.parse(readFileSync(join(FIXTURES_DIR, 'tcpdump-known-differences.json'), 'utf8')) as {
  differences: KnownDifference[];
}).differences;

/** Small deterministic PRNG (mulberry32) so a failure is reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Rewrites a generated Ethernet pcap with damaged packets: random bytes of the IP and TCP headers and options
 * changed (data offset, lengths, flags, option kinds and lengths), and records cut short, so every
 * truncation and bad-header path of tcpdump's printer is exercised on bytes no test fixture holds.
 */
function mutate(src: Buffer, seed: number): Buffer {
  const rnd = prng(seed);
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
