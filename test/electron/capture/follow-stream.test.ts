/**
 * Follow TCP Stream against live tshark 4.0 (`tshark -q -z follow,tcp,MODE,N`, the oracle): every stream of every
 * corpus capture (up to 40 a file) and of every hand-built TCP fixture (out-of-order data, a gap the peer ACKs,
 * retransmissions with more data, sequence wraparound, SYN data, snaplen cuts, fragments …) must print the same
 * YAML (frames, peers, times, bytes), and two captures with data both ways the same text in every mode.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followStream, followStreams } from '../../../electron/capture/follow-stream';
import { FOLLOW_MODES, followText, printfSeconds, type FollowMode } from '../../../electron/capture/commands/read-follow';
import { writeTcpFixtures } from '../../fixtures/tcp/tcp-fixture-builder';
import { CORPUS_DIR, MALFORMED_DIR, TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';

const haveTshark = requireTool('tshark');
const fixtureDir = join(TEST_OUTPUT_DIR, 'follow-fixtures');
mkdirSync(fixtureDir, { recursive: true });
const fixtures = writeTcpFixtures(fixtureDir);
const captures = (dir: string): string[] => readdirSync(dir).filter((n) => /\.(pcap|pcapng)(\.gz)?$/.test(n)).map((n) => join(dir, n));
const tshark = (args: string[]): string => execFileSync('tshark', args, { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });

/** The tcp.stream numbers tshark assigns in `path` (at most 40). */
function streamsOf(path: string): number[] {
  const text = tshark(['-r', path, '-T', 'fields', '-e', 'tcp.stream']);
  return [...new Set(text.split('\n').filter((l) => /^\d+$/.test(l)).map(Number))].sort((a, b) => a - b).slice(0, 40);
}

/** tshark's output for several streams at once (it prints its -z outputs in reverse order: ask in reverse). */
const tsharkFollow = (path: string, streams: number[], mode: FollowMode): string =>
  tshark(['-r', path, '-q', ...[...streams].reverse().flatMap((s) => ['-z', `follow,tcp,${mode},${s}`])]);

async function expectSameAsTshark(path: string, mode: FollowMode = 'yaml'): Promise<number> {
  const streams = streamsOf(path);
  if (streams.length === 0) return 0;
  const ours = (await followStreams(path, streams)).map((f) => followText(f, mode)).join('');
  expect(ours, path).toBe(tsharkFollow(path, streams, mode));
  return streams.length;
}

describe.skipIf(!haveTshark)('follow TCP stream agrees with tshark -z follow,tcp', () => {
  it.each(captures(CORPUS_DIR))('%s: every stream, yaml', async (path) => {
    await expectSameAsTshark(path);
  });

  it.each(Object.entries(fixtures))('hand-built %s: every stream, yaml', async (_name, path) => {
    await expectSameAsTshark(path);
  });

  // Damaged files tshark can read: the records before the damage agree (tshark refuses some outright: skipped).
  it.each(captures(MALFORMED_DIR))('malformed %s: what tshark can read, yaml', async (path) => {
    let streams: number[];
    try { streams = streamsOf(path); } catch { return; }
    if (streams.length === 0) return;
    let theirs: string;
    try { theirs = tsharkFollow(path, streams, 'yaml'); } catch { return; }
    expect((await followStreams(path, streams)).map((f) => followText(f, 'yaml')).join('')).toBe(theirs);
  });

  it.each(FOLLOW_MODES.flatMap((mode) => ['gopacket__pcap__test_loopback.pcap', 'zeek__smtp.pcap', 'zeek__http__206_example_b.pcap'].map((n) => [mode, n] as const)))(
    '%s mode on %s: the same text', async (mode, name) => {
      expect(await expectSameAsTshark(join(CORPUS_DIR, name), mode)).toBeGreaterThan(0);
    });

  it('the gap fixture shows the reordered data, the missing-bytes mark and only the new part of a longer resend', async () => {
    const f = await followStream(fixtures['follow-gaps'], 0);
    const text = (d: Uint8Array): string => String.fromCharCode(...d);
    expect(f.records.map((r) => [r.frame, r.server, text(r.data)])).toEqual([
      [4, false, 'abcdefghij'], [6, false, 'abcdefghij'], [5, false, 'abcdefghij'],
      [9, false, '[10 bytes missing in capture file]\0'], [8, false, 'abcdefghij'],
      [10, false, 'fghijklmnopqrst'], [12, true, 'abcdefghijklmno'],
    ]);
    expect(f.records[3].missing).toBe(true);
    expect(f.bytes).toEqual([55, 15]);   // the missing-bytes mark is no payload
  });
});

describe('follow TCP stream bounds', () => {
  it('stops at limitBytes and says so, keeping the records before it', async () => {
    const path = join(CORPUS_DIR, 'zeek__http__206_example_b.pcap');
    const whole = await followStream(path, 0);
    const cut = await followStream(path, 0, { limitBytes: 5000 });
    expect(whole.truncated).toBe(false);
    expect(cut.truncated).toBe(true);
    expect(cut.bytes[0] + cut.bytes[1]).toBeGreaterThanOrEqual(5000);
    expect(cut.bytes[0] + cut.bytes[1]).toBeLessThan(5000 + 1500);
    expect(cut.records).toEqual(whole.records.slice(0, cut.records.length));
  });

  it('reads no further than throughFrame', async () => {
    const f = await followStream(join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'), 0, { throughFrame: 20 });
    expect(f.records.length).toBeGreaterThan(0);
    expect(Math.max(...f.records.map((r) => r.frame))).toBeLessThanOrEqual(20);
  });

  it('a stream the capture does not have: no nodes, no records (tshark prints ":0" and an empty host)', async () => {
    const f = await followStream(join(CORPUS_DIR, '..', 'seed', 'seed-lo0.pcap'), 7);
    expect(f.nodes).toBeNull();
    expect(followText(f, 'raw')).toContain('Node 0: :0\nNode 1: :0\n');
  });

  it('prints times as glibc\'s %.9f does: a double, ties to even', () => {
    expect(printfSeconds(1357492952 + 275121000 / 1e9)).toBe('1357492952.275120974');
    expect(printfSeconds(1294817595 + 649414000 / 1e9)).toBe('1294817595.649414062');
    expect(printfSeconds(0)).toBe('0.000000000');
  });
});
