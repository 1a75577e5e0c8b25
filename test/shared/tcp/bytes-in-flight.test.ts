/**
 * tcp.analysis.bytes_in_flight and push_bytes_sent (shared/tcp/bytes-in-flight.ts) against live tshark 4.0, with every
 * other field: a bulk download whose ACKs acknowledge part of what is in flight (the list's span is worked out again
 * after each change), generated traffic both ways, and only its servers' side, where no ACK is captured and each list
 * only grows (up to MAX_UNACKED entries, one new entry read per segment). The corpus, its editcap variants and the
 * hand-built fixtures compare the same fields.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, TEST_OUTPUT_DIR, TOOLS_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { expectSameAsTshark, toolOutput } from '../../support/corpus-variant';

const hasTools = requireTool('tshark') && requireTool('tcpdump');

/** A generated capture with long bursts and some loss, and its server-to-client half (made by tcpdump). */
function captures(): { both: string; oneWay: string } {
  const dir = join(TEST_OUTPUT_DIR, 'bytes-in-flight');
  mkdirSync(dir, { recursive: true });
  const both = join(dir, 'bulk.pcap'), oneWay = join(dir, 'bulk-server-side.pcap');
  if (!existsSync(both)) {
    execFileSync(process.execPath, [join(TOOLS_DIR, 'gen-pcap.mjs'), '--out', both, '--packets', '6000', '--seed', '23',
      '--concurrency', '8', '--retrans-rate', '0.03', '--dupack-rate', '0.03'], { stdio: 'ignore' });
  }
  if (!existsSync(oneWay)) execFileSync('tcpdump', ['-r', both, '-w', oneWay, 'not src net 10.0.0.0/8'], { stdio: 'ignore' });
  return { both, oneWay };
}

describe.skipIf(!hasTools)('bytes in flight on bulk traffic, as tshark', () => {
  it('agrees on every field of a download ACKed while more is in flight', () => {
    expectSameAsTshark(join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'), 'download');
  }, 120_000);

  it('agrees on every field with both directions captured', () => {
    const { both } = captures();
    expectSameAsTshark(both, 'bulk');
  }, 120_000);

  it('agrees on every field when only the senders of the data were captured', () => {
    const { both, oneWay } = captures();
    expectSameAsTshark(oneWay, 'bulk, server side only');
    // The lists grew without ACKs: bytes in flight reach past what the ACKed traffic ever had in flight.
    const most = (f: string): number => Math.max(...toolOutput('tshark', ['-r', f, '-T', 'fields', '-e', 'tcp.analysis.bytes_in_flight'])
      .split('\n').filter(Boolean).map(Number));
    expect(most(oneWay)).toBeGreaterThan(2 * most(both));
  }, 120_000);
});
