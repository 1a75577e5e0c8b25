import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conversationSummary } from '../../../shared/tcp/conversation-summary';
import { writeNanosecondFixtures } from '../../fixtures/tcp/tcp-fixture-builder';
import { REPO_ROOT, TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { runTracker, tcpFieldRows } from '../../support/tcp-fields';

/**
 * Time differences are exact to the nanosecond at any span: pcapngs with if_tsresol 9 (test/fixtures/tcp/
 * tcp-fixture-builder.ts), one stitched from 2001 and 2026, where a double counting ns since the first packet is
 * ~100 ns off, and one whose clock stands still or runs backwards, print the same ACK RTT, iRTT and stream
 * times as tshark 4.0 -2, character for character, and hand the renderer and the display filter the same values.
 */
const FIELDS = ['tcp.stream', 'tcp.analysis.ack_rtt', 'tcp.analysis.initial_rtt', 'tcp.time_relative', 'tcp.time_delta'];
const STREAM = 0, RTT = 1, IRTT = 2;
const YEARS = 20 * 365 * 86400;

const dir = join(TEST_OUTPUT_DIR, 'tcp-fixtures');
mkdirSync(dir, { recursive: true });
const paths = writeNanosecondFixtures(dir);

/** A tshark time text ("-1.000000050") in ns, exactly. */
const textNs = (t: string): bigint => {
  const [s, f] = t.replace('-', '').split('.');
  return (t.startsWith('-') ? -1n : 1n) * (BigInt(s) * 1_000_000_000n + BigInt(f));
};

function tshark(path: string): Map<number, string[]> {
  const out = execFileSync('tshark', ['-2', '-r', path, '-Y', 'tcp', '-T', 'fields', '-e', 'frame.number',
    ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return new Map(out.trim().split('\n').map((l) => { const [f, ...v] = l.split('\t'); return [Number(f), v]; }));
}

describe.skipIf(!requireTool('tshark'))('nanosecond time differences equal tshark -2', () => {
  it('the fixtures hold what they are for, as tshark reads them', () => {
    const years = [...tshark(paths['nanosecond-years']).values()], backwards = [...tshark(paths['clock-backwards']).values()];
    expect(years.some((v) => Number(v[RTT]) > YEARS) && years.some((v) => Number(v[IRTT]) > YEARS)).toBe(true);
    expect(years.some((v) => v[RTT] !== '' && Number(v[RTT]) < 1 && !v[RTT].endsWith('000'))).toBe(true);
    expect(backwards.some((v) => v[RTT].startsWith('-')) && backwards.some((v) => v[IRTT].startsWith('-'))).toBe(true);
  });

  it.each(Object.keys(paths))('%s: ack_rtt, initial_rtt, time_relative and time_delta, exactly', (name) => {
    const expected = tshark(paths[name]);
    const ours = tcpFieldRows(paths[name], FIELDS);
    expect([...ours.keys()]).toEqual([...expected.keys()]);
    for (const [frame, v] of expected) {
      FIELDS.forEach((f, i) => expect(ours.get(frame)![i], `#${frame} ${f}`).toBe(v[i] ?? ''));
    }
  });

  // What the renderer and the display filter read: the batch column and the conversation summary, in ns (exact
  // below 2^53 ns, 104 days; negative ones too, NaN for none).
  it.each(Object.keys(paths))('%s: the ackRttNs column and the summary iRTT are tshark\'s values in ns', (name) => {
    const expected = tshark(paths[name]);
    const column = new Map<number, number>();
    const tracker = runTracker(paths[name], (r, isTcp) => { if (isTcp) column.set(r.cols.frame[0], r.cols.ackRttNs[0]); });
    const asNs = (t: string): number => (t === '' ? NaN : t.startsWith('-') ? -Number(textNs(t.slice(1))) : Number(textNs(t)));
    const irtts = new Map<number, number>();
    for (const [frame, v] of expected) {
      const ns = asNs(v[RTT]);
      if (Number.isNaN(ns) || Math.abs(ns) < 2 ** 53) expect(column.get(frame), `#${frame}`).toBe(ns);
      else expect(column.get(frame)! / ns, `#${frame}`).toBeCloseTo(1, 12);
      if (v[IRTT] !== '') irtts.set(Number(v[STREAM]), Number(textNs(v[IRTT])));
    }
    for (let stream = 0; stream < tracker.conversationCount; stream++) {
      const want = irtts.get(stream) ?? -1, got = conversationSummary(tracker, stream).irttNs;
      if (Math.abs(want) < 2 ** 53) expect(got, `stream ${stream}`).toBe(want);
      else expect(got / want, `stream ${stream}`).toBeCloseTo(1, 12);
    }
  });
});

describe.skipIf(!requireTool('tshark'))('display filters on ACK RTTs of a clock that runs backwards', () => {
  // A negative ACK RTT is an ACK RTT (tshark shows and filters it); before, the column kept positive ones only.
  const frames = (cmd: string, args: string[]): string =>
    execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const cli = join(REPO_ROOT, 'bin', 'synack-capture.mjs');
  it.each(['tcp.analysis.ack_rtt < 0', 'tcp.analysis.ack_rtt', 'tcp.analysis.ack_rtt > -1'])('-2 -Y "%s" selects tshark\'s frames', (expr) => {
    const args = ['-2', '-r', paths['clock-backwards'], '-Y', expr, '-T', 'fields', '-e', 'frame.number'];
    const expected = frames('tshark', args);
    expect(expected.trim()).not.toBe('');
    expect(frames(process.execPath, [cli, 'read', ...args])).toBe(expected);
  });
});
