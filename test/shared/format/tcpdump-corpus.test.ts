import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, FIXTURES_DIR } from '../../support/paths';
import {
  compareWithTcpdump, explain, formatCapture, splitTcpdumpOutput, type KnownDifference, type TcpdumpMismatch,
} from './tcpdump-compare';

const fixture = JSON.parse(readFileSync(join(FIXTURES_DIR, 'tcpdump-known-differences.json'), 'utf8')) as {
  corpusInterfaceNames: Record<string, string>; differences: KnownDifference[];
};
const corpusNames = (i: number): string | undefined => fixture.corpusInterfaceNames[String(i)];
const files = readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort();

/** Formats FILE like `tcpdump -nn -tt -vv -r FILE tcp` and lists the packets that differ. */
function mismatches(file: string): TcpdumpMismatch[] {
  const theirs = splitTcpdumpOutput(readFileSync(join(CORPUS_DIR, `${file}.tcpdump.txt`), 'utf8'));
  const ours = formatCapture(join(CORPUS_DIR, file), ['tcp'], { time: 'epoch', interfaceName: corpusNames });
  return compareWithTcpdump(file, ours, theirs);
}

describe('tcpdump-style text on the corpus (FILE.tcpdump.txt = tcpdump -nn -tt -vv -r FILE tcp)', () => {
  it('has corpus files to compare', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  for (const file of files) {
    it(`agrees with tcpdump on every TCP packet of ${file}`, () => {
      const unexplained = mismatches(file).filter((m) => !explain(m, fixture.differences));
      expect(unexplained.slice(0, 5)).toEqual([]);
    });
  }
});
