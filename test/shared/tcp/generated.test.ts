import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_OUTPUT_DIR, TOOLS_DIR } from '../../support/paths';
import { runTracker } from '../../support/tcp-fields';

/** A generated capture and its per-stream expectations (../shared/tools/gen-pcap.mjs --expect). */
function generated(packets: number, seed: number, extra: string[] = []): { pcap: string; expect: string[][] } {
  mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
  const base = join(TEST_OUTPUT_DIR, `tcp-gen-${packets}-s${seed}${extra.join('').replace(/[^a-z0-9.]/gi, '')}`);
  if (!existsSync(`${base}.exp`)) {
    execFileSync(process.execPath, [join(TOOLS_DIR, 'gen-pcap.mjs'), '--out', `${base}.pcap`, '--packets', String(packets),
      '--seed', String(seed), '--expect', `${base}.exp`, ...extra], { stdio: 'ignore' });
  }
  const lines = readFileSync(`${base}.exp`, 'utf8').trim().split('\n').filter((l) => /^\d/.test(l));
  return { pcap: `${base}.pcap`, expect: lines.map((l) => l.split('\t')) };
}

describe('generated captures match gen-pcap expectations per stream', () => {
  it.each([
    [20_000, 7, []], [20_000, 11, ['--ipv6-fraction', '0.3', '--retrans-rate', '0.05', '--dupack-rate', '0.05']],
  ] as [number, number, string[]][])('%i packets, seed %i %j', (packets, seed, extra) => {
    const { pcap, expect: exp } = generated(packets, seed, extra);
    const tracker = runTracker(pcap, () => {});
    expect(tracker.conversationCount).toBe(exp.length);
    for (const [stream, kind, completeness, pkts, retrans, dupacks] of exp) {
      const c = tracker.conversation(Number(stream));
      const got = [c.completeness, c.d[0].packets + c.d[1].packets, c.retrans, c.dupAcks];
      expect(got, `stream ${stream} (${kind})`).toEqual([Number(completeness), Number(pkts), Number(retrans), Number(dupacks)]);
    }
  });
});
