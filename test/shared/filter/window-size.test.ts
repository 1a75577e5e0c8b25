/**
 * The renderer keeps the shift tcp.window_size was scaled by instead of the scaled window (shared/filter/window-size.ts):
 * on every row of every corpus capture (and the seed), the window read back from the raw field and the shift is the one
 * the tracker worked out, −1 included.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_WINDOW_SHIFT, windowShiftOf, windowSizeAt } from '../../../shared/filter/window-size';
import { CORPUS_DIR, SEED_PCAP } from '../../support/paths';
import { captureColumns, loadPipeline } from './filter-pipeline';

const { pipeline } = await loadPipeline();
const FILES = [...readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort().map((f) => join(CORPUS_DIR, f)), SEED_PCAP];

describe('window size from the raw window and a shift', () => {
  it('reads −1 back for a row without a window, the raw window for an unscaled one, and 2^shift times it', () => {
    expect(windowShiftOf(0, -1)).toBe(NO_WINDOW_SHIFT);
    expect(windowShiftOf(512, 512)).toBe(0);
    expect(windowShiftOf(0, 0)).toBe(0);
    expect(windowShiftOf(12759, 12759 * 32)).toBe(5);
    expect(windowShiftOf(65535, 65535 * 2 ** 14)).toBe(14);
    const cols = { window: Uint16Array.of(0, 512, 12759, 65535), winShift: Uint8Array.of(NO_WINDOW_SHIFT, 0, 5, 14) };
    expect([0, 1, 2, 3].map((i) => windowSizeAt(cols, i))).toEqual([-1, 512, 408_288, 65535 * 16384]);
    expect(windowSizeAt({ window: cols.window, windowScaled: Int32Array.of(7, 8, 9, 10) }, 2)).toBe(9);
  });

  it.skipIf(pipeline === null).each(FILES)('round-trips every row of %s', (path) => {
    const { cols } = captureColumns(pipeline!, path);
    const winShift = Uint8Array.from({ length: cols.rows }, (_, i) => windowShiftOf(cols.window[i], cols.windowScaled[i]));
    const back = Array.from({ length: cols.rows }, (_, i) => windowSizeAt({ window: cols.window, winShift }, i));
    expect(back).toEqual(Array.from(cols.windowScaled.subarray(0, cols.rows)));
  });
});
