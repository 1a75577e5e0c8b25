/**
 * Find Packet's searches as display filters: each form compiles, and on a real capture selects what tshark selects for
 * the same filter text — and for a string, what a plain byte search for it finds.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/filter/compile';
import { findFilter, findRange, FIND_MODES } from '../../../renderer/format/find-filter';
import { forEachRecord } from '../../support/read-capture';
import { requireTool } from '../../support/require-tool';
import { CORPUS } from '../support/capture-app';

const hasTshark = requireTool('tshark');
const HTTP = join(CORPUS, 'zeek__http__206_example_b.pcap');

function tsharkFrames(filter: string): number[] {
  const out = execFileSync('tshark', ['-r', HTTP, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return out === '' ? [] : out.split('\n').map(Number);
}

/** Frames whose bytes hold `needle`, compared with `fold` (a plain scan: the oracle for the string search). */
function scan(needle: string, fold: boolean): number[] {
  const want = new TextEncoder().encode(fold ? needle.toLowerCase() : needle);
  const frames: number[] = [];
  forEachRecord(HTTP, (r) => {
    const b = r.bytes.subarray(r.at, r.at + r.capLen);
    outer: for (let i = 0; i + want.length <= b.length; i++) {
      for (let k = 0; k < want.length; k++) {
        const c = fold && b[i + k] >= 0x41 && b[i + k] <= 0x5a ? b[i + k] | 0x20 : b[i + k];
        if (c !== want[k]) continue outer;
      }
      frames.push(r.frame);
      return;
    }
  });
  return frames;
}

describe('find filter (Find Packet)', () => {
  it('writes each search as a filter', () => {
    expect(findFilter('filter', '  tcp.port == 80 ', false)).toEqual({ filter: 'tcp.port == 80' });
    expect(findFilter('hex', '47 45 54', false)).toEqual({ filter: 'frame contains 47:45:54' });
    expect(findFilter('hex', '0x4745:54', false)).toEqual({ filter: 'frame contains 47:45:54' });
    expect(findFilter('string', 'a "b" c:\\', true)).toEqual({ filter: 'frame contains "a \\"b\\" c:\\\\"' });
    expect(findFilter('string', 'x.y (z)', false)).toEqual({ filter: 'frame matches "x\\\\.y \\\\(z\\\\)"' });
    expect(findFilter('regex', '^GET /[a-z]+', false)).toEqual({ filter: 'frame matches "^GET /[a-z]+"' });
    expect(findFilter('regex', 'get', true)).toEqual({ filter: 'frame matches "(?-i)get"' });
    expect(findFilter('hex', '4', false)).toEqual({ problem: '"4" has an odd number of hex digits: each byte takes two.' });
    expect(findFilter('hex', 'GET', false)).toMatchObject({ problem: expect.stringMatching(/is not hex/) });
    expect(findFilter('string', '', false)).toEqual({ problem: 'Type what to find.' });
    for (const m of FIND_MODES) {
      const f = findFilter(m.mode, m.mode === 'hex' ? '47 45' : m.mode === 'filter' ? 'tcp' : 'a[b]*.c\\d "é"', false);
      expect('filter' in f && compileFilter(f.filter).ok, m.mode).toBe(true);
    }
  });

  it.skipIf(!hasTshark)('finds what tshark and a plain byte scan find', () => {
    for (const [text, fold] of [['Content-Range', false], ['content-range', true], ['bytes 0-', true], ['(', false], ['.', true]] as const) {
      const f = findFilter('string', text, !fold) as { filter: string };
      const want = scan(text, fold);
      expect(tsharkFrames(f.filter), `${text} as ${f.filter}`).toEqual(want);
      expect(want.length, text).toBeGreaterThan(0);
    }
    const hex = findFilter('hex', '48 54 54 50', false) as { filter: string };
    expect(tsharkFrames(hex.filter)).toEqual(scan('HTTP', false));
  });

  it('finds where the hit is in a frame\'s bytes, for the hex view to mark', () => {
    const b = new TextEncoder().encode('xxHTTP/1.1 206 Partial\r\nContent-Range: bytes 0-1\r\n');
    expect(findRange('string', 'content-range', false, b)).toEqual({ start: 24, length: 13 });
    expect(findRange('string', 'content-range', true, b)).toBeNull();
    expect(findRange('hex', '48 54 54 50', false, b)).toEqual({ start: 2, length: 4 });
    expect(findRange('regex', 'bytes \\d+-\\d', false, b)).toEqual({ start: 39, length: 9 });
    expect(findRange('regex', '(', false, b)).toBeNull();
    expect(findRange('string', 'é', true, Uint8Array.of(0x41, 0xc3, 0xa9))).toEqual({ start: 1, length: 2 });
  });
});
