import { describe, expect, it } from 'vitest';
import { FrameSplicer } from '../../../electron/main/frame-splicer';
import { encodeBatchFrame, encodeEvent, encodeResult } from '../../../shared/ipc/encode';
import { type Frame, FrameDecoder } from '../../../shared/ipc/frame-codec';
import { parseFrame } from '../../../shared/ipc/validate';

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.byteLength; }
  return out;
};

const start = encodeEvent('source.start', { source: 1, kind: 'live', path: '/tmp/s.pcapng', iface: 'lo', bytesTotal: null });
const batch = encodeBatchFrame(new Uint8Array(70_000).fill(7).buffer);
const answer = encodeResult(9, 'file.export', { path: '/tmp/x.pcapng', frames: 3, bytes: 500 });
const stream = concat([start, batch, encodeEvent('end', { source: 1, reason: 'complete', frames: 0 })]);

describe('FrameSplicer', () => {
  for (const size of [1, 5, 12, 13, 4096, stream.byteLength]) {
    it(`passes ${size}-byte chunks on as they came, reports small events, and inserts a frame only between frames`, () => {
      const sent: Uint8Array[] = [];
      const events: Frame[] = [];
      const splicer = new FrameSplicer((b) => sent.push(b), (f) => events.push(f));
      let inserted = false;
      for (let at = 0; at < stream.byteLength; at += size) {
        splicer.push(stream.subarray(at, at + size));
        // Ask to insert in the middle of the batch frame.
        if (!inserted && at >= start.byteLength + 100) { splicer.insert(answer); inserted = true; }
      }
      if (!inserted) splicer.insert(answer); // one chunk: already between frames again
      const frames: Frame[] = [];
      const bad = new FrameDecoder((f) => frames.push(f)).push(concat(sent));
      expect(bad).toBeNull();
      expect(frames.map((f) => f.type)).toEqual(size === stream.byteLength ? [3, 5, 3, 2] : [3, 5, 2, 3]);
      expect(parseFrame(frames.find((f) => f.type === 2)!)).toMatchObject({ kind: 'response', message: { id: 9, ok: true } });
      expect(concat(sent.filter((b) => b !== answer))).toEqual(stream);
      expect(events.map((f) => parseFrame(f))).toMatchObject([
        { kind: 'event', message: { name: 'source.start', payload: { path: '/tmp/s.pcapng' } } },
        { kind: 'event', message: { name: 'end' } },
      ]);
      // Never a copy: what is sent are views of the chunks received.
      for (const b of sent) if (b !== answer) expect(b.buffer).toBe(stream.buffer);
    });
  }

  it('sends an insertion at once between frames', () => {
    const sent: Uint8Array[] = [];
    const splicer = new FrameSplicer((b) => sent.push(b), () => undefined);
    splicer.push(start);
    splicer.insert(answer);
    expect(sent).toEqual([start, answer]);
  });
});
