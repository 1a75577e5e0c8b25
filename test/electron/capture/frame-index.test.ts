import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { FrameIndex } from '../../../electron/capture/frame-index';
import { runFileJob } from '../../../electron/capture/file-job';
import { CapturePipeline } from '../../../electron/capture/pipeline';
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import type { DecodedColumns } from '../../../shared/ipc/decoded-columns';
import { CORPUS_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';

function record(frame: number): CaptureRecord {
  return {
    bytes: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)), at: 0, capLen: 60 + (frame % 1400),
    origLen: 1500, tsSec: 1_700_000_000 + frame, tsNsec: (frame * 7919) % 1e9, hasTimestamp: true,
    iface: frame % 3, linkType: 1, fileOffset: 2 ** 32 + frame * 100, frame,
  };
}

describe('FrameIndex', () => {
  it('finds every frame across page boundaries (200,000 frames, 64k per page), with offsets beyond 4 GiB', () => {
    const index = new FrameIndex();
    for (let f = 1; f <= 200_000; f++) index.add(record(f));
    expect(index.count).toBe(200_000);
    for (const f of [1, 65_535, 65_536, 65_537, 131_072, 131_073, 199_999, 200_000]) {
      const r = record(f);
      expect(index.get(f)).toEqual({ frame: f, fileOffset: r.fileOffset, capLen: r.capLen, origLen: r.origLen, iface: r.iface, tsSec: r.tsSec, tsNsec: r.tsNsec });
    }
  });

  it('keeps exact values when a page spans more than 4 GiB of file or 68 years of clock, or its clock runs backwards', () => {
    const index = new FrameIndex();
    const at = (f: number): CaptureRecord => {
      const r = record(f);
      if (f === 5) { r.fileOffset = 2 ** 40 + 3; r.tsSec = 2 ** 33; }               // far beyond the page's first frame
      if (f === 6) { r.fileOffset = 17; r.tsSec = 0; }                             // and before it
      if (f === 7) r.tsSec = 1_600_000_000;                                        // 3 years back: still a 32-bit step
      return r;
    };
    for (let f = 1; f <= 10; f++) index.add(at(f));
    for (let f = 1; f <= 10; f++) {
      const r = at(f);
      expect(index.get(f), `frame ${f}`).toEqual({ frame: f, fileOffset: r.fileOffset, capLen: r.capLen, origLen: r.origLen, iface: r.iface, tsSec: r.tsSec, tsNsec: r.tsNsec });
    }
  });

  it('a page that starts with a gap, or widens after one, still reads the gap as no frame', () => {
    const index = new FrameIndex();
    const far = { ...record(4), fileOffset: 2 ** 45 };
    for (const r of [record(3), far]) index.add(r);                 // frames 1 and 2: gaps before the first offset
    expect([index.get(1), index.get(2)]).toEqual([null, null]);
    expect(index.get(3)?.fileOffset).toBe(record(3).fileOffset);
    expect(index.get(4)?.fileOffset).toBe(2 ** 45);
  });

  it('answers null for frame numbers it has not seen (0, past the end, fractions)', () => {
    const index = new FrameIndex();
    expect(index.get(1)).toBeNull();
    index.add(record(1));
    expect([index.get(0), index.get(2), index.get(1.5), index.get(-1)]).toEqual([null, null, null, null]);
  });

  it('keeps frame numbers when a record between packets is not a packet (pcapng Custom Block): the gap reads back as no frame', () => {
    const index = new FrameIndex();
    for (const f of [2, 3, 5, 70_000]) index.add(record(f));
    expect(index.count).toBe(4);
    expect([1, 4, 6, 69_999, 70_001].map((f) => index.get(f))).toEqual([null, null, null, null, null]);
    for (const f of [2, 3, 5, 70_000]) expect(index.get(f)?.capLen).toBe(record(f).capLen);
  });
});

describe('FrameIndex.addRange (a decode thread\'s block)', () => {
  /** Decoded columns for the given frame numbers, as a block carries them. */
  function columnsOf(frames: number[]): DecodedColumns {
    const cols = allocateColumns(frames.length);
    frames.forEach((f, k) => {
      const r = record(f);
      cols.frame[k] = f; cols.fileOffset[k] = r.fileOffset; cols.tsSec[k] = r.tsSec; cols.capLen[k] = r.capLen;
      cols.origLen[k] = r.origLen; cols.tsNsec[k] = r.tsNsec; cols.iface[k] = r.iface;
    });
    return cols;
  }

  it('stores runs across a page boundary and around gaps exactly as add() would, one record at a time', () => {
    const frames = [...Array.from({ length: 70_000 }, (_, k) => k + 1).filter((f) => f !== 3 && f !== 65_536), 70_002];
    const bulk = new FrameIndex(), single = new FrameIndex();
    const cols = columnsOf(frames);
    bulk.addRange(cols, 0, 1000);
    bulk.addRange(cols, 1000, frames.length);
    for (const f of frames) single.add(record(f));
    expect(bulk.count).toBe(single.count);
    for (let f = 1; f <= 70_003; f++) if (JSON.stringify(bulk.get(f)) !== JSON.stringify(single.get(f))) expect(bulk.get(f), `frame ${f}`).toEqual(single.get(f));
    expect([3, 65_536, 70_001, 70_003].map((f) => bulk.get(f))).toEqual([null, null, null, null]);
  });
});

describe('FrameIndex.addRange with differences that do not fit 32 bits', () => {
  it('widens a page part-way through a block and keeps every value exact, as add() does', () => {
    const frames = Array.from({ length: 40 }, (_, k) => k + 1);
    const odd = (f: number): CaptureRecord => {
      const r = record(f);
      if (f === 7) r.fileOffset = 2 ** 44;                                  // offset jumps by > 4 GiB
      if (f === 23) r.tsSec = -5;                                           // clock 54 years back
      return r;
    };
    const cols = allocateColumns(frames.length);
    frames.forEach((f, k) => {
      const r = odd(f);
      cols.frame[k] = f; cols.fileOffset[k] = r.fileOffset; cols.tsSec[k] = r.tsSec; cols.capLen[k] = r.capLen;
      cols.origLen[k] = r.origLen; cols.tsNsec[k] = r.tsNsec; cols.iface[k] = r.iface;
    });
    const bulk = new FrameIndex();
    bulk.addRange(cols, 0, 3);
    bulk.addRange(cols, 3, frames.length);
    for (const f of frames) {
      const r = odd(f);
      expect(bulk.get(f), `frame ${f}`).toEqual({ frame: f, fileOffset: r.fileOffset, capLen: r.capLen, origLen: r.origLen, iface: r.iface, tsSec: r.tsSec, tsNsec: r.tsNsec });
    }
  });
});

describe('FrameIndex on the corpus', () => {
  const files = readdirSync(CORPUS_DIR).filter((f) => /\.pcap(ng)?$/.test(f));
  it.each(files)('%s: frame N is where tshark\'s frame N is (frame.len and frame.cap_len of every frame)', async (name) => {
    if (!requireTool('tshark')) return;
    const path = join(CORPUS_DIR, name);
    const pipeline = new CapturePipeline({ flows: () => {}, batch: () => {}, conversations: () => {} }, { maxDelayMs: 0 });
    await runFileJob(path, pipeline, { ready: () => Promise.resolve(), progress: () => {} });
    const tshark = execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.number', '-e', 'frame.len', '-e', 'frame.cap_len', '-e', 'frame.protocols'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 }).trimEnd().split('\n').filter(Boolean).map((l) => l.split('\t'));
    for (const [num, len, capLen, protocols] of tshark) {
      const loc = pipeline.index.get(Number(num));
      // Not a packet to us: only a pcapng Custom Block, which tshark shows as a frame of raw `data`.
      if (loc === null) expect(protocols, `frame ${num}`).toBe('data');
      else expect([loc.origLen, loc.capLen], `frame ${num}`).toEqual([Number(len), Number(capLen)]);
    }
    expect(pipeline.index.count).toBe(tshark.filter((r) => pipeline.index.get(Number(r[0])) !== null).length);
  });
});
