/**
 * tcpdump-style text on captures nobody wrote: every corpus file cut at snaplens that end the frame inside the TCP
 * header, before the options and inside them (editcap -s), against live `tcpdump -nn -tt -vv -r FILE tcp` on the
 * same file, with the corpus test's known differences only (test/fixtures/tcpdump-known-differences.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_CAPTURES, VARIANT_DIR, editcap, toolOutput } from '../../support/corpus-variant';
import { FIXTURES_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { compareWithTcpdump, explain, formatCapture, splitTcpdumpOutput, type KnownDifference } from './tcpdump-compare';

const fixture = JSON.parse(readFileSync(join(FIXTURES_DIR, 'tcpdump-known-differences.json'), 'utf8')) as {
  corpusInterfaceNames: Record<string, string>; differences: KnownDifference[];
};
const SNAPLENS = [40, 54, 62];

describe.skipIf(!(requireTool('tcpdump') && requireTool('editcap')))('tcpdump text on corpus files cut by a snaplen', () => {
  it.each(CORPUS_CAPTURES.filter((f) => /\.(pcap|pcapng)$/.test(f)))('%s', (cap) => {
    for (const snaplen of SNAPLENS) {
      const out = join(VARIANT_DIR, `${cap}.t${snaplen}.pcapng`);
      if (!editcap(cap, out, ['-s', String(snaplen)])) return;
      const ours = formatCapture(out, ['tcp'], { time: 'epoch', interfaceName: (i) => fixture.corpusInterfaceNames[String(i)] });
      const theirs = splitTcpdumpOutput(toolOutput('tcpdump', ['-nn', '-tt', '-vv', '-r', out, 'tcp']));
      const unexplained = compareWithTcpdump(cap, ours, theirs).filter((m) => !explain(m, fixture.differences));
      expect(unexplained.slice(0, 3), `${cap} cut at ${snaplen} bytes`).toEqual([]);
    }
  });
});
