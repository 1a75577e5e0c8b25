/**
 * `read -T fields` prints frame.time_relative, frame.time_delta and frame.time_delta_displayed as tshark does on every
 * corpus capture: every frame (-Y frame), and the displayed delta over what a filter shows (-Y "tcp.len > 0", one pass
 * as tshark counts it). The one known difference: a pcapng Custom Block is a frame tshark displays under a filter that
 * matches any frame (it then counts the next displayed frame from the block); the reader does not hand blocks out.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_CAPTURES } from '../../../support/corpus-variant';
import { CORPUS_DIR } from '../../../support/paths';
import { requireTool } from '../../../support/require-tool';
import { readCli } from './cli-run';

const hasTshark = requireTool('tshark');
const FIELDS = ['frame.number', 'frame.time_relative', 'frame.time_delta', 'frame.time_delta_displayed', 'frame.marked', 'frame.ignored'];

/** tshark's lines, and whether it read the whole file (else: what came before a cut last record). */
function tshark(file: string, filter: string): { out: string; whole: boolean } {
  try {
    return { out: execFileSync('tshark', ['-r', file, '-Y', filter, '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f])],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 }), whole: true };
  } catch (e) {
    return { out: (e as { stdout?: string }).stdout ?? '', whole: false };
  }
}

/** Whether tshark numbers a frame the reader does not hand out (a pcapng Custom Block) in this file. */
const hasUnreadFrames = (file: string): boolean => file.startsWith('pcapng-test-generator__');

describe.skipIf(!hasTshark)('read -T fields: frame times as tshark prints them', () => {
  it('on every frame and under a filter, on every corpus capture', () => {
    const bad: string[] = [];
    let lines = 0;
    for (const name of CORPUS_CAPTURES) {
      const file = join(CORPUS_DIR, name);
      for (const filter of ['frame', 'tcp.len > 0']) {
        if (filter === 'frame' && hasUnreadFrames(name)) continue;
        const t = tshark(file, filter), theirs = t.out.split('\n');
        const ours = readCli([file, '-Y', filter, '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f])]).stdout.split('\n');
        lines += ours.length;
        // A file tshark stops reading early (a cut last record) prints as far as it read: compare that far.
        if (t.whole && ours.length !== theirs.length) bad.push(`${name} -Y ${filter}: ${ours.length} lines ≠ ${theirs.length}`);
        const n = Math.min(theirs.length, ours.length);
        for (let i = 0; i < n; i++) if (ours[i] !== theirs[i]) { bad.push(`${name} -Y ${filter}: ${JSON.stringify(ours[i])} ≠ ${JSON.stringify(theirs[i])}`); break; }
      }
    }
    expect(lines).toBeGreaterThan(30_000);
    expect(bad).toEqual([]);
  }, 600_000);
});
