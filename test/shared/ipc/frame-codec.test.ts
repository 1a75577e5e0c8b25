import { describe, expect, it } from 'vitest';
import {
  encodeFrame, type Frame, FRAME_HEADER_BYTES, FrameDecoder, frameHeader, FrameScanner, FrameType,
} from '../../../shared/ipc/frame-codec';
import { mulberry32 } from '../../support/seeded-random';


function collect(maxPayload?: number): { frames: Frame[]; decoder: FrameDecoder } {
  const frames: Frame[] = [];
  return { frames, decoder: new FrameDecoder((f) => frames.push(f), maxPayload) };
}

function randomFrames(next: () => number, count: number): { type: FrameType; payload: Uint8Array }[] {
  return Array.from({ length: count }, () => {
    const len = next() < 0.1 ? 0 : Math.floor(next() * (next() < 0.1 ? 70_000 : 300));
    const payload = new Uint8Array(len);
    const fill = Math.floor(next() * 256);
    for (let i = 0; i < len; i += 7) payload[i] = (fill + i) & 255;
    return { type: (1 + Math.floor(next() * 5)) as FrameType, payload };
  });
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

describe('frame codec', () => {
  it('writes a 12-byte little-endian header: magic SYNF, type, format 1, reserved 0, length', () => {
    expect([...frameHeader(FrameType.Batch, 0x01020304)]).toEqual([0x53, 0x59, 0x4e, 0x46, 5, 1, 0, 0, 4, 3, 2, 1]);
  });

  it('round-trips frames split at every chunk size, each payload in its own exact buffer', () => {
    const sent = randomFrames(mulberry32(1), 40);
    const stream = concat(sent.map((f) => encodeFrame(f.type, f.payload)));
    for (const size of [1, 3, 11, 12, 13, 4096, stream.length]) {
      const { frames, decoder } = collect();
      for (let at = 0; at < stream.length; at += size) expect(decoder.push(stream.subarray(at, at + size))).toBeNull();
      expect(decoder.finish()).toBeNull();
      expect(frames.map((f) => f.type)).toEqual(sent.map((f) => f.type));
      frames.forEach((f, i) => {
        expect(f.payload).toEqual(sent[i].payload);
        expect(f.payload.byteOffset).toBe(0);
        expect(f.payload.buffer.byteLength).toBe(f.payload.byteLength);
      });
    }
  });

  it('fuzzed streams cut at random points: every whole frame before the cut arrives, the rest is "truncated"', () => {
    const next = mulberry32(7);
    for (let round = 0; round < 200; round++) {
      const sent = randomFrames(next, 1 + Math.floor(next() * 6));
      const encoded = sent.map((f) => encodeFrame(f.type, f.payload));
      const stream = concat(encoded);
      const cut = Math.floor(next() * (stream.length + 1));
      const { frames, decoder } = collect();
      let at = 0;
      while (at < cut) {
        const size = 1 + Math.floor(next() * 2000);
        expect(decoder.push(stream.subarray(at, Math.min(cut, at + size)))).toBeNull();
        at += size;
      }
      let whole = 0, ends = 0;
      for (const e of encoded) {
        if (ends + e.length > cut) break;
        whole++;
        ends += e.length;
      }
      expect(frames.length).toBe(whole);
      const err = decoder.finish();
      if (cut === ends) expect(err).toBeNull();
      else expect(err).toMatchObject({ code: 'truncated', offset: ends });
    }
  });

  it('fuzzed corruption never throws: it yields frames or one error, and refuses input after an error', () => {
    const next = mulberry32(99);
    for (let round = 0; round < 300; round++) {
      const stream = concat(randomFrames(next, 4).map((f) => encodeFrame(f.type, f.payload)));
      for (let k = 0; k < 3; k++) stream[Math.floor(next() * stream.length)] = Math.floor(next() * 256);
      const { decoder } = collect(100_000);
      let err = null;
      for (let at = 0; at < stream.length && !err; at += 97) err = decoder.push(stream.subarray(at, at + 97));
      err ??= decoder.finish();
      if (err && err.code !== 'closed') {
        expect(['bad-magic', 'bad-type', 'bad-format', 'oversize', 'truncated']).toContain(err.code);
        expect(decoder.push(new Uint8Array(1))).toBe(err);
      }
    }
  });

  it('rejects a bad magic at the header offset', () => {
    const { decoder, frames } = collect();
    const good = encodeFrame(FrameType.Event, new Uint8Array([1, 2]));
    const bad = encodeFrame(FrameType.Event, new Uint8Array([3]));
    bad[0] = 0x54;
    expect(decoder.push(concat([good, bad]))).toMatchObject({ code: 'bad-magic', offset: good.length });
    expect(frames).toHaveLength(1);
  });

  it('rejects unknown frame types 0 and 6..255', () => {
    for (const t of [0, 6, 255]) {
      const f = encodeFrame(FrameType.Event, new Uint8Array(0));
      f[4] = t;
      expect(collect().decoder.push(f)).toMatchObject({ code: 'bad-type' });
    }
  });

  it('rejects another frame format or non-zero reserved bytes', () => {
    const f = encodeFrame(FrameType.Event, new Uint8Array(0));
    f[5] = 2;
    expect(collect().decoder.push(f)).toMatchObject({ code: 'bad-format' });
    const g = encodeFrame(FrameType.Event, new Uint8Array(0));
    g[7] = 1;
    expect(collect().decoder.push(g)).toMatchObject({ code: 'bad-format' });
  });

  it('rejects an oversize length from the header alone, before allocating the payload', () => {
    const { decoder } = collect(1024);
    expect(decoder.push(frameHeader(FrameType.Batch, 1025))).toMatchObject({ code: 'oversize', offset: 0 });
    expect(collect().decoder.push(frameHeader(FrameType.Batch, 0xffffffff))).toMatchObject({ code: 'oversize' });
  });

  it('reports a stream that ends inside a header as truncated', () => {
    const { decoder } = collect();
    expect(decoder.push(frameHeader(FrameType.Event, 4).subarray(0, 5))).toBeNull();
    expect(decoder.finish()).toMatchObject({ code: 'truncated', offset: 0 });
    expect(FRAME_HEADER_BYTES).toBe(12);
  });

  it('the relay scanner agrees with the decoder on fuzzed streams, without copying payloads', () => {
    const next = mulberry32(1234);
    for (let round = 0; round < 300; round++) {
      const stream = concat(randomFrames(next, 3).map((f) => encodeFrame(f.type, f.payload)));
      if (next() < 0.5) stream[Math.floor(next() * stream.length)] ^= 1 << Math.floor(next() * 8);
      const cut = next() < 0.3 ? Math.floor(next() * stream.length) : stream.length;
      const { decoder } = collect(100_000);
      const scanner = new FrameScanner(100_000);
      let a = null, b = null;
      for (let at = 0; at < cut; at += 61) {
        a ??= decoder.push(stream.subarray(at, Math.min(cut, at + 61)));
        b ??= scanner.push(stream.subarray(at, Math.min(cut, at + 61)));
      }
      a ??= decoder.finish();
      b ??= scanner.finish();
      expect(b?.code ?? null).toBe(a?.code === 'closed' ? null : a?.code ?? null);
      if (a && b && a.code !== 'closed') expect(b.offset).toBe(a.offset);
    }
  });
});
