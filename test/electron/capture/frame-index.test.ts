import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { FrameIndex } from '../../../electron/capture/frame-index';

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

  it('answers null for frame numbers it has not seen (0, past the end, fractions)', () => {
    const index = new FrameIndex();
    expect(index.get(1)).toBeNull();
    index.add(record(1));
    expect([index.get(0), index.get(2), index.get(1.5), index.get(-1)]).toEqual([null, null, null, null]);
  });
});
