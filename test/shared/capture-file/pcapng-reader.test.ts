import { describe, expect, it } from 'vitest';
import { createCaptureReader, type CaptureProblem } from '../../../shared/capture-file/capture-reader';
import { PcapngReader } from '../../../shared/capture-file/pcapng-reader';
import { block, concat, customBlock, epb, fields, idb, option, shb } from '../../support/capture-bytes';

function read(bytes: Uint8Array, chunk = bytes.length || 1): { frames: number[]; times: string[]; problem: CaptureProblem | null } {
  const reader = createCaptureReader();
  const frames: number[] = [], times: string[] = [];
  let problem: CaptureProblem | null = null;
  for (let at = 0; at < bytes.length && !problem; at += chunk) {
    problem = reader.push(bytes.subarray(at, at + chunk), (r) => { frames.push(r.frame); times.push(`${r.tsSec}.${r.tsNsec}`); });
  }
  return { frames, times, problem: problem ?? reader.end() };
}

const data = new Uint8Array(40).fill(7);
const head = (le: boolean): Uint8Array => concat(shb(le), idb(le, 1, 0));
/** A block header claiming `len` bytes, followed by nothing else. */
const rawHeader = (type: number, len: number): Uint8Array => fields(true, [type, 4], [len, 4], [0, 4]);

describe('pcapng reader: framing problems', () => {
  const base = head(true);
  const at = base.length;
  it.each([
    ['block-too-short', rawHeader(6, 8)],
    ['block-too-short', concat(rawHeader(6, 28), new Uint8Array(16))], // an EPB needs 32
    ['block-length-unaligned', concat(rawHeader(0x99, 14), new Uint8Array(4))],
    ['block-too-large', rawHeader(0x99, 16 * 1024 * 1024 + 4)],
    ['block-trailer-mismatch', concat(fields(true, [0x99, 4], [16, 4], [0, 4], [20, 4]))],
    ['unknown-interface', epb(true, 1, 0n, data)],
    ['caplen-too-large', concat(fields(true, [6, 4], [48, 4], [0, 4], [0, 4], [0, 4], [262145, 4], [262145, 4]), new Uint8Array(16), fields(true, [48, 4]))],
    ['option-overrun', concat(fields(true, [6, 4], [48, 4], [0, 4], [0, 4], [0, 4], [100, 4], [100, 4]), new Uint8Array(16), fields(true, [48, 4]))],
    ['bad-timestamp-resolution', idb(true, 1, 0, { tsresol: 20 })],
    ['truncated', epb(true, 0, 0n, data).subarray(0, 30)],
  ])('%s is reported at the offset of the block at fault', (code, tail) => {
    const { problem, frames } = read(concat(base, epb(true, 0, 0n, data), tail), 7);
    expect(frames).toEqual([1]);
    expect(problem).toMatchObject({ code, offset: at + epb(true, 0, 0n, data).length });
  });

  it('points at the option that runs past its Interface Description Block', () => {
    const bad = block(true, 1, concat(fields(true, [1, 2], [0, 2], [0, 4]), fields(true, [2, 2], [40, 2]), new Uint8Array(4)));
    expect(read(concat(shb(true), bad)).problem).toMatchObject({ code: 'option-overrun', offset: 28 + 16 });
  });

  it('rejects a bad byte-order magic and a block before any section', () => {
    const bad = shb(true);
    bad.set([0, 0, 0, 0], 8);
    expect(read(bad).problem).toMatchObject({ code: 'bad-magic', offset: 0 });
  });

  it('rejects a block before any Section Header Block (PcapngReader used directly)', () => {
    expect(new PcapngReader().push(idb(true, 1, 0), () => {})).toMatchObject({ code: 'no-section-header', offset: 0 });
  });

  it('reads section versions 1.0 and 1.2 and rejects 1.1 and 2.0 (tshark: unknown SHB version)', () => {
    expect(read(shb(true, undefined, 1, 2)).problem).toBeNull();
    expect(read(shb(false, undefined, 1, 1)).problem?.code).toBe('unsupported-version');
    expect(read(concat(head(true), epb(true, 0, 0n, data), shb(true, undefined, 2, 0))).frames).toEqual([1]);
  });

  it('names a Section Header Block option that runs past the block, as tshark does', () => {
    const opts = concat(fields(true, [4, 2], [0x3030, 2]), new Uint8Array(4));
    expect(read(shb(true, opts)).problem).toMatchObject({ code: 'option-overrun', offset: 24 });
  });
});

describe('pcapng reader: content', () => {
  it.each([true, false])('skips unknown, NRB, ISB and custom blocks (le=%s), numbering custom blocks like tshark', (le) => {
    const bytes = concat(head(le), block(le, 4, fields(le, [0, 4])), epb(le, 0, 1n, data), block(le, 0x1234, new Uint8Array(8)),
      block(le, 5, fields(le, [0, 4], [0, 4], [0, 4])), customBlock(le, data), epb(le, 0, 2n, data));
    expect(read(bytes, 3)).toMatchObject({ frames: [1, 3], problem: null });
  });

  it('applies if_tsresol per interface and a negative if_tsoffset', () => {
    const le = false;
    const bytes = concat(shb(le), idb(le, 1, 0, { tsresol: 3 }), idb(le, 1, 0, { tsresol: 0x81, tsoffset: -10 }),
      epb(le, 0, 1700000000123n, data), epb(le, 1, 3n, data));
    expect(read(bytes).times).toEqual(['1700000000.123000000', '-9.500000000']);
  });

  it('reads timestamps past 2^32 seconds exactly (tcpdump time_2107)', () => {
    const le = true;
    const ts = 4323283200n * 1_000_000_000n + 999_999_999n;
    expect(read(concat(shb(le), idb(le, 1, 0, { tsresol: 9 }), epb(le, 0, ts, data))).times).toEqual(['4323283200.999999999']);
  });

  it('ignores an option list that is cut short by less than one option header, like Wireshark', () => {
    const opts = concat(option(true, 1, new TextEncoder().encode('hi')), fields(true, [0, 2]));
    expect(read(concat(shb(true, opts), idb(true, 1, 0))).problem).toBeNull();
  });

  it('keeps carried bytes bounded by one block while reading a large file in small chunks', () => {
    const big = new Uint8Array(200_000);
    const parts = [head(true)];
    for (let i = 0; i < 20; i++) parts.push(epb(true, 0, BigInt(i), big));
    const { frames, problem } = read(concat(...parts), 4093);
    expect([frames.length, problem]).toEqual([20, null]);
  });
});
