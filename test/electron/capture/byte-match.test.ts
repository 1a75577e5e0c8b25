/**
 * The worker's `filter.bytes` pass (byte-match.ts) must make the app's contains/matches select what tshark selects:
 * on every corpus capture (and the IP-reassembly fixtures, where tcp.payload is the reassembled datagram's), each
 * expression with contains/matches, evaluated over the pipeline's columns with the worker's per-frame results
 * (FilterContext.byteMatch, as the renderer does), selects exactly the frames it selects with the bytes at hand
 * (FilterContext.bytes, the CLI's -Y) — which the display-filter differential compares with `tshark -2 -Y`. A spot check
 * compares with tshark directly; asked in parts, the answers are the same.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byteMatches, ByteMatchRefusal } from '../../../electron/capture/byte-match';
import { runByteMatch } from '../../../electron/capture/byte-match-client';
import { compileFilter, type CompiledFilter } from '../../../shared/filter/compile';
import type { FilterContext } from '../../../shared/filter/filter-context';
import { frameSetHas } from '../../../shared/ipc/frame-set';
import { writeReassemblyCapture, writeReassemblyConflictCapture } from '../../fixtures/ip-reassembly-capture';
import { CORPUS_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { writePcap } from '../../support/write-pcap';
import { captureColumns, loadPipeline, type CaptureColumns } from '../../shared/filter/filter-pipeline';
import { EXPRESSIONS } from '../../shared/filter/filter-expressions';

const hasTshark = requireTool('tshark');
const { pipeline } = await loadPipeline();
const FILES = [
  ...readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort().map((f) => join(CORPUS_DIR, f)),
  writeReassemblyCapture(), writeReassemblyConflictCapture(),
];
/** The corpus differential's byte expressions, and some mixed with column fields and each other. */
const BYTE_EXPRESSIONS = [
  ...EXPRESSIONS.filter((e) => compileFilter(e).ok && (compileFilter(e) as { filter: CompiledFilter }).filter.needsBytes),
  'tcp.stream == 1 && frame contains "HTTP"', '!(tcp.payload contains 0d:0a) && tcp.len > 0', 'tcp contains "GET" || frame matches "ssh"',
  'frame contains 00:00 && tcp.payload matches "[a-z]{4}" && !(frame contains "zz")',
];

function selected(f: CompiledFilter, c: CaptureColumns, ctx: FilterContext): number[] {
  const out = new Uint32Array(Math.max(1, c.cols.rows));
  const n = f.select(c.cols, ctx, 0, c.cols.rows, out);
  return Array.from(out.subarray(0, n), (row) => c.cols.frame[row]);
}

describe('filter.bytes: contains/matches searched by the worker', () => {
  it('selects what the bytes at hand select, for every byte expression on every capture', async () => {
    expect(BYTE_EXPRESSIONS.length).toBeGreaterThanOrEqual(9);
    let checked = 0, matched = 0;
    for (const path of FILES) {
      const c = captureColumns(pipeline!, path);
      const last = c.cols.rows === 0 ? 0 : c.cols.frame[c.cols.rows - 1];
      if (last === 0) continue;
      for (const text of BYTE_EXPRESSIONS) {
        const f = (compileFilter(text) as { filter: CompiledFilter }).filter;
        const r = await byteMatches(path, { filter: text, fromFrame: 1, throughFrame: last });
        expect(r.frames, `${path}: ${text}`).toBe(last);
        const byteMatch = (test: number, frame: number): boolean => frameSetHas(r.matches[test], frame);
        const want = selected(f, c, c.ctx);
        expect(selected(f, c, { ...c.ctx, bytes: undefined, byteMatch }), `${path}: ${text}`).toEqual(want);
        checked++; matched += want.length;
      }
    }
    expect(checked).toBeGreaterThan(400);
    expect(matched).toBeGreaterThan(1000);
  });

  it.skipIf(!hasTshark)('matches tshark -Y on an HTTP capture', async () => {
    const path = join(CORPUS_DIR, 'zeek__http__206_example_b.pcap');
    for (const text of ['frame contains "GET"', 'tcp.payload matches "^http/1\\\\.1 206"', 'frame contains "Content-Range"']) {
      const want = execFileSync('tshark', ['-r', path, '-Y', text, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' }).trim().split('\n').map(Number);
      const r = await byteMatches(path, { filter: text, fromFrame: 1, throughFrame: 100_000 });
      const got = [];
      for (let i = 0; i < r.frames; i++) if (frameSetHas(r.matches[0], i + 1)) got.push(i + 1);
      expect(got, text).toEqual(want);
      expect(want.length, text).toBeGreaterThan(0);
    }
  });

  it('answers a range of frames as the whole file has them, and refuses what it cannot run', async () => {
    const path = join(CORPUS_DIR, 'zeek__smtp.pcap');
    const filter = 'frame contains "SMTP" || tcp.payload matches "^(mail|rcpt)"';
    const whole = await byteMatches(path, { filter, fromFrame: 1, throughFrame: 1_000_000 });
    expect(whole.frames).toBeGreaterThan(40);
    for (const [from, through] of [[1, 7], [8, 8], [9, 30], [31, whole.frames + 5]]) {
      const part = await byteMatches(path, { filter, fromFrame: from, throughFrame: through });
      expect(part.fromFrame).toBe(from);
      expect(part.frames).toBe(Math.min(through, whole.frames) - from + 1);
      for (let k = 0; k < 2; k++) {
        for (let i = 0; i < part.frames; i++) expect(frameSetHas(part.matches[k], i + 1), `test ${k} frame ${from + i}`).toBe(frameSetHas(whole.matches[k], from + i));
      }
    }
    await expect(byteMatches(path, { filter: 'tcp', fromFrame: 1, throughFrame: 5 })).rejects.toBeInstanceOf(ByteMatchRefusal);
    await expect(byteMatches(join(CORPUS_DIR, 'no-such.pcap'), { filter, fromFrame: 1, throughFrame: 5 })).rejects.toThrow(/no-such\.pcap/);
  });

  it('runs in a watched thread: the same answer, and a regular expression that never ends is stopped and refused', async () => {
    const path = join(CORPUS_DIR, 'zeek__smtp.pcap');
    const req = { filter: 'frame contains "SMTP" || tcp.payload matches "^(mail|rcpt)"', fromFrame: 1, throughFrame: 1_000_000 };
    expect(await runByteMatch(path, req)).toEqual(await byteMatches(path, req));
    // Nested repeats over a frame of 400 zero bytes: 2^400 ways to fail, on any machine (the corpus's zero runs were
    // short enough for a fast machine to finish). The first frame, ending in \x01, matches at once.
    const zeros = writePcap('byte-match', 'zero-run', [Uint8Array.from([0, 0, 1]), new Uint8Array(400)]);
    const t0 = performance.now();
    await expect(runByteMatch(zeros, { filter: 'frame matches "(\\x00+)+\\x01"', fromFrame: 1, throughFrame: 1_000_000 }, 1500))
      .rejects.toThrow(/made no progress for 1\.5 s after frame \d+: a matches expression that backtracks without end/);
    expect(performance.now() - t0).toBeLessThan(10_000);
    await expect(runByteMatch(path, { filter: 'tcp', fromFrame: 1, throughFrame: 5 })).rejects.toBeInstanceOf(ByteMatchRefusal);
  });
});
