/**
 * libpcap 1.10 stops reading a pcapng file at an interface whose link type or snapshot length differs from the
 * first one's, or at a section in the other byte order; tcpdump prints the packets before it. The tcpdump-style
 * listing does the same: checked against live tcpdump on pcapng files built for each case.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { concat, epb, ethernet, handshake, idb, shb } from '../../support/capture-bytes';
import { TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { formatCapture, splitTcpdumpOutput } from './tcpdump-compare';

const haveTcpdump = requireTool('tcpdump');
const DIR = join(TEST_OUTPUT_DIR, 'libpcap-interface-check');

/** A pcapng: SHB, IDB 0 (Ethernet), two packets, then `later` blocks, then a packet on interface `lastIface`. */
function capture(name: string, later: Uint8Array[], lastIface: number, le = true): string {
  mkdirSync(DIR, { recursive: true });
  const [syn, synAck, ack] = handshake().map(ethernet);
  const path = join(DIR, `${name}.pcapng`);
  writeFileSync(path, concat(shb(le), idb(le, 1, 262144), epb(le, 0, 1_000_000n, syn), epb(le, 0, 2_000_000n, synAck),
    ...later, epb(le, lastIface, 3_000_000n, ack)));
  return path;
}

const cases: [string, () => string, RegExp | null][] = [
  ['another link type', () => capture('type', [idb(true, 113, 262144)], 0), /an interface has a type 113 different/],
  ['another snapshot length', () => capture('snaplen', [idb(true, 1, 1500)], 1), /snapshot length 1500 different/],
  ['snapshot length 0, the maximum', () => capture('snaplen0', [idb(true, 1, 0)], 1), null],
  ['a section in the other byte order', () => capture('order', [shb(false), idb(false, 1, 262144)], 0, true), /pcapng block size \d+ > maximum/],
  ['a new section like the first', () => capture('section', [shb(true), idb(true, 1, 262144)], 0), null],
];

describe.skipIf(!haveTcpdump)('libpcap stops where tcpdump stops', () => {
  for (const [what, make, message] of cases) {
    it(`at ${what}: ${message ? 'the packets before it' : 'reads on'}`, () => {
      const path = make();
      const r = spawnSync('tcpdump', ['-nn', '-tt', '-vv', '-r', path], { encoding: 'utf8' });
      expect(formatCapture(path, [], { time: 'epoch' })).toEqual(splitTcpdumpOutput(r.stdout));
      if (message) expect(r.stderr).toMatch(message);
      else expect(r.status).toBe(0);
    });
  }
});
