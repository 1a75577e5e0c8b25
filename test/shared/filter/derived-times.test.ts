/**
 * The display filter's time differences (shared/filter/derived-times.ts) against tshark 4.0's own values: on
 * every row of several corpus captures, frame.time_delta, tcp.time_relative and tcp.time_delta worked out from the
 * pipeline's columns must be exactly (to the nanosecond) what `tshark -2 -T fields` prints, where it prints one
 * (pcapng Simple Packet Blocks without timestamps, Custom Blocks tshark counts as frames, ICMP-quoted TCP headers,
 * headers cut by a snaplen). Rows worked out in several steps give the same columns as in one.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DerivedTimeColumns, TimeDeltas } from '../../../shared/filter/derived-times';
import { CORPUS_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { captureColumns, loadPipeline, type DerivedColumns } from './filter-pipeline';

const hasTshark = requireTool('tshark');
const { pipeline } = await loadPipeline();

const FILES = [
  join(CORPUS_DIR, 'pcapng-test-generator__be__difficult__test202.pcapng'),   // Simple Packet Blocks and Custom Blocks
  join(CORPUS_DIR, 'pcapng-test-generator__le__advanced__test102.pcapng'),
  join(CORPUS_DIR, 'zeek__smtp.pcap'),                                          // ICMP errors quoting TCP headers
  join(CORPUS_DIR, 'zeek__tcp__retransmit-fast009.pcap'),
  join(CORPUS_DIR, 'gopacket__le__test301.pcapng'),                             // many streams
];

/** "1.000000001" or "-0.5" as integer ns (exact: no float parsing), null for an empty cell. */
function ns(text: string): number | null {
  if (text === '') return null;
  const neg = text.startsWith('-');
  const [s, f = ''] = (neg ? text.slice(1) : text).split('.');
  const v = Number(s) * 1e9 + Number(f.padEnd(9, '0').slice(0, 9));
  return neg ? -v : v;
}

/** tshark -2's frame.number and three time fields per frame. */
function tsharkTimes(file: string): Map<number, (number | null)[]> {
  const out = execFileSync('tshark', ['-2', '-r', file, '-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_delta',
    '-e', 'tcp.time_relative', '-e', 'tcp.time_delta'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  return new Map(out.split('\n').filter(Boolean).map((line) => {
    const [frame, ...cells] = line.split('\t');
    return [Number(frame), cells.map(ns)];
  }));
}

/** The value a filter reads for one row, as tshark would print it: null where the field is absent. */
function ours(cols: DerivedColumns, row: number): (number | null)[] {
  const tcpShown = cols.stream[row] >= 0 && (cols.rowBits[row] & 2048) !== 0;   // ROW_BITS.TCP_FIXED_HEADER
  const v = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);
  return [v(cols.frameTimeDeltaNs![row]), tcpShown ? v(cols.tcpTimeRelativeNs![row]) : null, tcpShown ? v(cols.tcpTimeDeltaNs![row]) : null];
}

describe.skipIf(!hasTshark || pipeline === null)('frame.time_delta, tcp.time_relative and tcp.time_delta as tshark has them', () => {
  it.each(FILES)('every row of %s', (file) => {
    const { cols } = captureColumns(pipeline!, file);
    const expected = tsharkTimes(file);
    let compared = 0;
    for (let row = 0; row < cols.rows; row++) {
      const want = expected.get(cols.frame[row]);
      expect(want, `frame ${cols.frame[row]}`).toBeDefined();
      expect(ours(cols, row), `frame ${cols.frame[row]}`).toEqual(want);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });

  it('gives a header cut before its 20 fixed bytes no stream times, as tshark', () => {
    // A SYN cut at 16 bytes of TCP header by the capture: tshark analyses it but shows no tcp.time_* (nor urgent pointer).
    const file = join(CORPUS_DIR, 'zeek__tcp__retransmit-fast009.pcap');
    const cut = join(process.env.TMPDIR ?? '/tmp', `synack-derived-times-cut-${process.pid}.pcap`);
    execFileSync('editcap', ['-s', '50', file, cut]);    // 14 Ethernet + 20 IPv4 + 16 TCP
    const { cols } = captureColumns(pipeline!, cut);
    const expected = tsharkTimes(cut);
    for (let row = 0; row < cols.rows; row++) expect(ours(cols, row), `frame ${cols.frame[row]}`).toEqual(expected.get(cols.frame[row]));
    expect([...expected.values()].every((v) => v[1] === null)).toBe(true);
    expect(Array.from(cols.stream.subarray(0, cols.rows)).filter((s) => s >= 0).length).toBeGreaterThan(10);   // tracked, yet no times
  });

  it('works out rows in steps as in one go', () => {
    const { cols } = captureColumns(pipeline!, FILES[4]);
    const whole = new DerivedTimeColumns().extend(cols, cols.rows);
    const steps = new DerivedTimeColumns();
    for (let to = 0; to <= cols.rows; to += 7) steps.extend(cols, to);
    steps.extend(cols, cols.rows);
    expect(Array.from(steps.tcpDelta.subarray(0, cols.rows))).toEqual(Array.from(whole.tcpDelta.subarray(0, cols.rows)));
    expect(Array.from(steps.frameDelta.subarray(0, cols.rows))).toEqual(Array.from(whole.frameDelta.subarray(0, cols.rows)));
    steps.clear();
    expect(steps.byteLength).toBe(0);
  });
});

describe('TimeDeltas', () => {
  it('counts a frame without a timestamp as time 0, and frame 1 from nothing', () => {
    const t = new TimeDeltas();
    t.advance(1, 0, true, 100, 5);
    expect([t.frameDeltaNs, t.tcpRelativeNs, t.tcpDeltaNs]).toEqual([0, 0, 0]);
    t.advance(2, 0, false, 0, 0);                     // a Simple Packet Block: no frame.time_delta, its stream's clock at 0
    expect([t.frameDeltaNs, t.tcpRelativeNs, t.tcpDeltaNs]).toEqual([NaN, -100e9 - 5, -100e9 - 5]);
    t.advance(4, 1, true, 101, 0);                    // frame 3 had no row (a Custom Block): counts from frame 2's 0
    expect([t.frameDeltaNs, t.tcpRelativeNs, t.tcpDeltaNs]).toEqual([101e9, 0, 0]);
    t.advance(5, 0, true, 100, 10);
    expect([t.frameDeltaNs, t.tcpRelativeNs, t.tcpDeltaNs]).toEqual([-1e9 + 10, 5, 100e9 + 10]);
  });
});
