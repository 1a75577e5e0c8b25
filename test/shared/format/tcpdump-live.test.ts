import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, MALFORMED_DIR, TEST_OUTPUT_DIR, TOOLS_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import {
  compareWithTcpdump, explain, formatCapture, splitTcpdumpOutput, type KnownDifference,
} from './tcpdump-compare';
import type { TcpdumpFormatOptions } from '../../../shared/format/tcpdump-line';

const haveTcpdump = requireTool('tcpdump');
const known = (JSON.parse(readFileSync(join(FIXTURES_DIR, 'tcpdump-known-differences.json'), 'utf8')) as {
  differences: KnownDifference[];
}).differences;

/** tcpdump's stdout for FILE with the given flags (TZ=UTC; stderr and exit status ignored, as for the corpus). */
function liveTcpdump(file: string, flags: string[], filter: string[]): string[] {
  const r = spawnSync('tcpdump', ['-nn', '-vv', ...flags, '-r', file, ...filter], {
    env: { ...process.env, TZ: 'UTC' }, encoding: 'latin1', maxBuffer: 1 << 28,
  });
  return splitTcpdumpOutput(r.stdout);
}

function expectAgreement(file: string, flags: string[], filter: string[], options: TcpdumpFormatOptions): void {
  const theirs = liveTcpdump(file, flags, filter);
  const ours = formatCapture(file, filter, options);
  const name = file.slice(file.lastIndexOf('/') + 1);
  const unexplained = compareWithTcpdump(name, ours, theirs).filter((m) => !explain(m, known));
  expect(unexplained.slice(0, 5)).toEqual([]);
}

/** Captures the tests have never seen: gen-pcap with different seeds, IPv6 share, payload sizes and loss. */
const GENERATED = [
  { name: 'gen-a', args: ['--packets', '4000', '--seed', '101'] },
  { name: 'gen-b', args: ['--packets', '4000', '--seed', '202', '--ipv6-fraction', '0.5', '--payload-bytes', '300'] },
  { name: 'gen-c', args: ['--packets', '3000', '--seed', '303', '--retrans-rate', '0.05', '--dupack-rate', '0.05',
    '--ipv6-fraction', '0.2', '--concurrency', '8', '--start-time', '2000000000'] },
];

describe.skipIf(!haveTcpdump)('tcpdump-style text against live tcpdump 4.99', () => {
  const dir = join(TEST_OUTPUT_DIR, 'tcpdump-live');
  mkdirSync(dir, { recursive: true });
  for (const g of GENERATED) {
    const file = join(dir, `${g.name}.pcap`);
    it(`agrees on every packet of generated capture ${g.name} (-tt, relative and -S)`, () => {
      execFileSync(process.execPath, [join(TOOLS_DIR, 'gen-pcap.mjs'), '--out', file, ...g.args], { stdio: 'ignore' });
      expectAgreement(file, ['-tt'], [], { time: 'epoch' });
      expectAgreement(file, ['-tt', '-S'], ['tcp'], { time: 'epoch', absoluteSeq: true });
      expectAgreement(file, [], ['tcp'], { time: 'hms' });
    });
  }

  const malformed = readdirSync(MALFORMED_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();
  for (const f of malformed) {
    it(`agrees on the TCP packets of malformed capture ${f}`, () => {
      expectAgreement(join(MALFORMED_DIR, f), ['-tt'], ['tcp'], { time: 'epoch' });
    });
  }
});
