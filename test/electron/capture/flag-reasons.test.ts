/**
 * The worker's `packet.why` (electron/capture/flag-reasons.ts) against live one-pass tshark (the window's flags are
 * one pass's, as tshark prints them without -2): on every corpus capture and
 * hand-built TCP fixture, the first packet of each distinct set of analysis flags tshark reports (up to 8 a file) is
 * explained flag for flag — every flag tshark set, and no other of the fields tshark prints, with the packet's own
 * relative sequence number and duplicate-ACK count in the sentence — and an unflagged packet gets no explanation.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packetWhy, whyHint, whyPass, type WhyHint } from '../../../electron/capture/flag-reasons';
import { trackFile } from '../../../electron/capture/commands/tcp-pass';
import { writeTcpFixtures } from '../../fixtures/tcp/tcp-fixture-builder';
import { writeIcmpErrorCapture, writePathMtuCapture } from '../../fixtures/icmp-error-capture';
import { CORPUS_DIR, SEED_PCAP, TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';

const haveTshark = requireTool('tshark');
const fixtureDir = join(TEST_OUTPUT_DIR, 'flag-reason-fixtures');
mkdirSync(fixtureDir, { recursive: true });
const fixtures = Object.values(writeTcpFixtures(fixtureDir));
const corpus = readdirSync(CORPUS_DIR).filter((n) => /\.(pcap|pcapng)$/.test(n)).map((n) => join(CORPUS_DIR, n));

const FLAGS = ['retransmission', 'fast_retransmission', 'spurious_retransmission', 'out_of_order', 'lost_segment',
  'ack_lost_segment', 'duplicate_ack', 'zero_window', 'zero_window_probe', 'zero_window_probe_ack', 'window_update',
  'window_full', 'keep_alive', 'keep_alive_ack', 'reused_ports'];
/** Flags whose sentence names the segment's relative sequence number. */
const NAMES_SEQ = new Set(['retransmission', 'fast_retransmission', 'out_of_order', 'lost_segment', 'zero_window_probe', 'keep_alive']);

interface Flagged { frame: number; seq: number; dupAckNum: number; flags: string[] }

/** tshark's flagged TCP packets of `path`: the first of each distinct flag set (at most 8), and one unflagged frame. */
function tsharkFlagged(path: string): { flagged: Flagged[]; unflagged: number | null } {
  const text = execFileSync('tshark', ['-r', path, '-Y', 'tcp && !icmp && !icmpv6', '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.seq',
    '-e', 'tcp.analysis.duplicate_ack_num', ...FLAGS.flatMap((f) => ['-e', `tcp.analysis.${f}`])], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  const seen = new Set<string>();
  const flagged: Flagged[] = [];
  let unflagged: number | null = null;
  for (const line of text.split('\n')) {
    const [frame, seq, dup, ...marks] = line.split('\t');
    if (!/^\d+$/.test(frame) || !/^\d+$/.test(seq)) continue;
    const flags = FLAGS.filter((_, i) => marks[i] !== undefined && marks[i] !== '');
    if (flags.length === 0) { unflagged ??= Number(frame); continue; }
    const key = flags.join(',');
    if (seen.has(key) || flagged.length >= 8) continue;
    seen.add(key);
    flagged.push({ frame: Number(frame), seq: Number(seq), dupAckNum: Number(dup || 0), flags });
  }
  return { flagged, unflagged };
}

/**
 * The hints the worker would give for `frames` (electron/capture/worker-session.ts): each frame's stream and analysis
 * bits as the whole file's tracking set them, and that tracker's view of the stream once the file is read.
 */
async function hintsFor(path: string, frames: number[]): Promise<Map<number, WhyHint | undefined>> {
  const rows = new Map<number, { stream: number; analysis: number }>();
  const { tracker } = await trackFile(path, (rec, _pkt, cols) => {
    if (frames.includes(rec.frame)) rows.set(rec.frame, { stream: cols.stream[0], analysis: cols.analysis[0] });
  });
  return new Map(frames.map((f) => {
    const row = rows.get(f);
    return [f, row && row.stream >= 0 ? whyHint(tracker, row.stream, row.analysis) : undefined];
  }));
}

/** tshark adds tcp.analysis.retransmission to a fast or spurious one; the explanation names the specific rule. */
const explained = (flags: string[]): string[] =>
  flags.filter((f) => f !== 'retransmission' || !(flags.includes('fast_retransmission') || flags.includes('spurious_retransmission')));

/** Every flag explained on some packet, across the files (checked last: the captures must exercise them all). */
const covered = new Set<string>();

async function expectExplainedAsTsharkFlags(path: string): Promise<number> {
  const { flagged, unflagged } = tsharkFlagged(path);
  const hints = await hintsFor(path, flagged.map((p) => p.frame));
  for (const p of flagged) {
    for (const f of explained(p.flags)) covered.add(f);
    const r = await packetWhy(path, p.frame);
    expect(r?.frame, `${path} frame ${p.frame}`).toBe(p.frame);
    // Started at the stream's first frame (or again from the start when that differs): the same answer.
    expect(await packetWhy(path, p.frame, undefined, hints.get(p.frame)), `${path} frame ${p.frame} from its stream's start`).toEqual(r);
    const fields = r!.flags.map((x) => x.field.replace('tcp.analysis.', '')).filter((f) => FLAGS.includes(f));
    expect(fields.sort(), `${path} frame ${p.frame}`).toEqual(explained(p.flags).sort());
    for (const x of r!.flags) {
      const f = x.field.replace('tcp.analysis.', '');
      expect(x.because.length, `${path} frame ${p.frame} ${f}`).toBeGreaterThan(20);
      if (NAMES_SEQ.has(f)) expect(x.because, `${path} frame ${p.frame} ${f}`).toMatch(new RegExp(`\\b${p.seq}\\b`));
      if (f === 'duplicate_ack') expect(x.because, `${path} frame ${p.frame}`).toContain(`#${p.dupAckNum}`);
    }
  }
  if (unflagged !== null) expect((await packetWhy(path, unflagged))?.flags, `${path} frame ${unflagged}`).toEqual([]);
  return flagged.length;
}

describe.skipIf(!haveTshark)('packet.why explains the flags tshark sets, with the packet\'s numbers', () => {
  it.each(corpus)('%s', async (path) => { await expectExplainedAsTsharkFlags(path); });

  it.each(fixtures)('hand-built %s', async (path) => { await expectExplainedAsTsharkFlags(path); });

  it('the seed: packet 4 is a window update (not a duplicate ACK) and packet 7 duplicate ACK #1 of frame 3', async () => {
    const four = await packetWhy(SEED_PCAP, 4), seven = await packetWhy(SEED_PCAP, 7);
    expect(four?.flags.map((x) => [x.field, x.notBecause])).toEqual([['tcp.analysis.window_update', 'not a duplicate ACK: a duplicate ACK needs the same window.']]);
    expect(four?.flags[0].because).toBe('No data, same seq 1 and ack 1 as before, but the window changed from 65535 to 12759.');
    expect(seven?.flags[0].because).toBe('No data, seq 2 = next expected, ack 1 and window 12759 unchanged since frame 3: duplicate #1.');
  });

  it('the captures above exercised every flag', () => {
    expect([...covered].sort()).toEqual([...FLAGS].filter((f) => f !== 'retransmission' || covered.has(f)).sort());
  });
});

describe('packet.why ties a retransmission to the path-MTU error that asked for it', () => {
  const tie = (error: number, from: string, mtu: number, len: number, v6 = false): string =>
    `In between, frame ${error} (ICMP${v6 ? 'v6 "packet too big"' : ' "fragmentation needed"'} from ${from}, MTU ${mtu}) said the segment did not `
    + `fit the path: this is path MTU discovery resending the data in segments that fit (${len} bytes here), not a loss.`;
  const because = async (path: string, frame: number): Promise<string> =>
    (await packetWhy(path, frame))!.flags.find((x) => x.field === 'tcp.analysis.retransmission')!.because;

  it('after an ICMPv6 packet too big quoting the headers, and a fragmentation needed quoting only 8 bytes of TCP', async () => {
    const path = writePathMtuCapture();
    expect(await because(path, 6)).toBe(`Seq 1 is below the next expected 1441: these bytes were sent before (frame 4). ${tie(5, '2001:db8::fe', 1280, 1220, true)}`);
    expect(await because(path, 13)).toContain(tie(12, '10.0.0.254', 1400, 1360));
    // The rest of the too-big segment's data, resent next: still the path's doing.
    expect(await because(path, 15)).toContain(tie(12, '10.0.0.254', 1400, 100));
    // The same data a second time: lost again, nothing to do with the path.
    expect(await because(path, 16)).toBe('Seq 1361 is below the next expected 1461: these bytes were sent before (frame 11).');
  });

  it('not a SYN sent again after a port unreachable', async () => {
    expect(await because(writeIcmpErrorCapture(), 97)).not.toContain('path MTU');
  });
});

describe.skipIf(!haveTshark)('packet.why starts at the stream\'s first frame when that gives the same outcome', () => {
  it('reads only the stream\'s span when the stream starts late in the file', async () => {
    const path = join(CORPUS_DIR, 'zeek__smtp.pcap');   // its last TCP packet's stream starts at frame 98
    const last = Number(execFileSync('tshark', ['-r', path, '-Y', 'tcp', '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' }).trim().split('\n').pop());
    const hint = (await hintsFor(path, [last])).get(last)!;
    expect(hint.fromFrame).toBeGreaterThan(1);
    const full = await whyPass(path, last, 1), short = await whyPass(path, last, hint.fromFrame);
    expect(short.result).toEqual(full.result);
    expect([short.analysis, ...short.baseSeq]).toEqual([hint.analysis, ...hint.baseSeq]);
    expect(short.tracked).toBe(full.tracked - (hint.fromFrame - 1));
  });

  it('goes back to the file\'s start when the stream\'s own packets do not show what the row shows (a reused port)', async () => {
    const path = fixtures.find((f) => f.endsWith('port-reuse.pcap'))!;
    const { flagged } = tsharkFlagged(path);
    const reuse = flagged.find((p) => p.flags.includes('reused_ports'))!;
    const hint = (await hintsFor(path, [reuse.frame])).get(reuse.frame)!;
    expect(hint.fromFrame).toBe(reuse.frame);
    // From its own SYN the tracker cannot know the pair was used before …
    const short = await whyPass(path, reuse.frame, hint.fromFrame);
    expect(short.result?.flags.map((x) => x.field)).not.toContain('tcp.analysis.reused_ports');
    // … so the answer comes from the whole file.
    expect((await packetWhy(path, reuse.frame, undefined, hint))?.flags.map((x) => x.field)).toContain('tcp.analysis.reused_ports');
  });
});

describe('packet.why outside the file, and withdrawn', () => {
  it('has no answer for a frame past the end of the file', async () => {
    expect(await packetWhy(SEED_PCAP, 10)).toBeNull();
  });

  it('an aborted question rejects instead of reading on', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(packetWhy(SEED_PCAP, 7, ac.signal)).rejects.toThrow('withdrawn');
  });
});
