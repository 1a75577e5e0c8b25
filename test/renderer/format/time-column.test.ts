/**
 * The packet list's Time column in every Wireshark time display format must print what tshark's Time column prints
 * (tshark -t, or the column formats %Yt, %YDOYt, %At, %Rt, %Tt, %Gt and their UTC forms, all in one run) on every
 * frame of every corpus capture, with each record's own precision (6 digits for µs pcap, 9 for ns, a pcapng
 * interface's if_tsresol): local formats in a zone with daylight saving time, "since the previous displayed packet"
 * also under a display filter. Then the time references, which tshark cannot set: "*REF*" and relative times from the
 * latest reference, as Wireshark's column-utils.c and frame_data.c work them out.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../electron/capture/pipeline';
import { compileFilter } from '../../../shared/filter/compile';
import { DerivedTimeColumns } from '../../../shared/filter/derived-times';
import type { PacketColumns } from '../../../shared/ipc/batch-layout';
import { TIME_FORMATS, type TimeFormatChoice } from '../../../renderer/format/packet-time';
import { timeText, type TimeColumnContext } from '../../../renderer/format/time-column';
import { RowSet } from '../../../renderer/stores/row-set';
import { requireTool } from '../../support/require-tool';
import { CORPUS as CORPUS_DIR } from '../support/capture-app';

const CORPUS_CAPTURES = readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng|cap)$/.test(f)).sort();
const SEED_PCAP = resolve(CORPUS_DIR, '../seed/seed-lo0.pcap');

const hasTshark = requireTool('tshark');
/** A zone with daylight saving time, so local and UTC differ, and differ by season. */
const ZONE = 'America/New_York';
/** tshark's column format for each -t code (epoch has none: its column is %t with -t e). */
const COLUMN_SPEC: Record<string, string> = {
  ad: '%Yt', adoy: '%YDOYt', a: '%At', e: '%t', r: '%Rt', d: '%Tt', dd: '%Gt', ud: '%Yut', udoy: '%YDOYut', u: '%Aut',
};
const CHECKED = TIME_FORMATS.filter((f): f is TimeFormatChoice & { tshark: string } => f.tshark !== undefined);

/** Per frame number, tshark's Time column text in each format (keyed by -t code), optionally under a display filter. */
function tsharkTimes(path: string, filter?: string): Map<number, Record<string, string>> {
  const codes = Object.keys(COLUMN_SPEC);
  const format = ['"No.","%m"', ...codes.map((c) => `"${c}","${COLUMN_SPEC[c]}"`)].join(',');
  const args = ['-r', path, '-t', 'e', '-o', `gui.column.format:${format}`, ...(filter ? ['-Y', filter] : []),
    '-T', 'fields', '-e', '_ws.col.No.', ...codes.flatMap((c) => ['-e', `_ws.col.${c}`])];
  let out: string;
  try {
    out = execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, TZ: ZONE }, maxBuffer: 1 << 28 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';   // a file ending in a cut record: what came before it
  }
  const rows = new Map<number, Record<string, string>>();
  for (const line of out.split('\n')) {
    if (line === '') continue;
    const cells = line.split('\t');
    rows.set(Number(cells[0]), Object.fromEntries(codes.map((c, i) => [c, cells[i + 1] ?? ''])));
  }
  return rows;
}

/** The previous row matching `filter` for each row (-1 none), as the list's display index answers it. */
function previousMatching(cols: PacketColumns, filter: string): { shown: Set<number>; previous: Int32Array } {
  const f = compileFilter(filter);
  if (!f.ok) throw new Error(f.error.message);
  const out = new Uint32Array(cols.rows);
  const n = f.filter.select(cols, { flows: { at: () => undefined } as never }, 0, cols.rows, out, 0);
  const shown = new Set(out.subarray(0, n));
  const previous = new Int32Array(cols.rows);
  let last = -1;
  for (let r = 0; r < cols.rows; r++) { previous[r] = last; if (shown.has(r)) last = r; }
  return { shown, previous };
}

/** Mismatches of our column against tshark's on one capture: "frame code: ours ≠ theirs". */
async function compare(path: string, filter?: string): Promise<{ frames: number; mismatches: string[] }> {
  const { columns: cols } = await analyzeFile(path, { decodeThread: 'off' });
  const theirs = tsharkTimes(path, filter);
  const deltas = new DerivedTimeColumns().extend(cols, cols.rows);
  const shown = filter ? previousMatching(cols, filter) : null;
  const mismatches: string[] = [];
  let frames = 0;
  for (let r = 0; r < cols.rows; r++) {
    const t = theirs.get(cols.frame[r]);
    if (!t) continue;
    frames++;
    for (const f of CHECKED) {
      const ctx: TimeColumnContext = {
        cols, timeMode: f.mode, zone: f.zone ?? 'utc', timeDeltas: deltas,
        previousShown: shown ? (row) => shown.previous[row] : undefined,
      };
      const ours = timeText(ctx, r);
      if (ours !== t[f.tshark]) mismatches.push(`frame ${cols.frame[r]} -t ${f.tshark}: ${JSON.stringify(ours)} ≠ ${JSON.stringify(t[f.tshark])}`);
    }
  }
  return { frames, mismatches };
}

describe.skipIf(!hasTshark)('Time column against tshark -t', () => {
  const zone = process.env.TZ;
  beforeAll(() => { process.env.TZ = ZONE; });
  afterAll(() => { if (zone === undefined) delete process.env.TZ; else process.env.TZ = zone; });

  it('checks every format tshark has (all but the conversation delta)', () => {
    expect(CHECKED.map((f) => f.tshark).sort()).toEqual(Object.keys(COLUMN_SPEC).sort());
    expect(new Date(Date.UTC(2021, 7, 2)).getTimezoneOffset()).toBe(240);   // the zone took effect (EDT)
  });

  it('prints every frame of every corpus capture as tshark does, in every format and precision', async () => {
    const bad: string[] = [];
    let frames = 0;
    for (const file of CORPUS_CAPTURES) {
      const r = await compare(join(CORPUS_DIR, file));
      frames += r.frames;
      bad.push(...r.mismatches.slice(0, 5).map((m) => `${file} ${m}`));
    }
    expect(frames).toBeGreaterThan(20_000);
    expect(bad).toEqual([]);
  }, 600_000);

  it('counts "since the previous displayed packet" over the rows a display filter shows', async () => {
    for (const file of ['gopacket__le__test300.pcapng', 'tcpdump__tcp-handshake-nano.pcap', 'zeek__rotation.pcap']) {
      const r = await compare(join(CORPUS_DIR, file), 'tcp.len > 0 || tcp.flags.syn == 1');
      expect(r.frames, file).toBeGreaterThan(0);
      expect(r.mismatches, file).toEqual([]);
    }
  }, 120_000);
});

describe('time references in the Time column', () => {
  it('shows *REF* in every format and counts relative times from the latest reference before a row', async () => {
    const { columns: cols } = await analyzeFile(SEED_PCAP, { decodeThread: 'off' });
    const refs = new RowSet();
    refs.toggle(3);                                                   // frame 4
    const references = { has: (r: number) => refs.has(r), before: (r: number) => refs.atOrBefore(r) };
    const text = (mode: TimeColumnContext['timeMode'], r: number): string => timeText({ cols, timeMode: mode, zone: 'utc', references }, r);
    for (const f of TIME_FORMATS) expect(text(f.mode, 3), f.label).toBe('*REF*');
    // Before the reference: from frame 1, as without one; after it: from frame 4's time (seed: 0.000149 s, 1249.95 s…).
    expect(text('relative', 2)).toBe('0.000149');
    expect(text('relative', 4)).toBe(diff(cols, 3, 4));
    expect(text('relative', 8)).toBe(diff(cols, 3, 8));
    refs.toggle(6);                                                   // a second one: later rows count from it
    expect(text('relative', 8)).toBe(diff(cols, 6, 8));
    expect(text('relative', 5)).toBe(diff(cols, 3, 5));
    // Absolute formats are not affected.
    expect(text('epoch', 4)).toBe(`${cols.tsSec[4]}.${String(cols.tsNsec[4] / 1000).padStart(6, '0')}`);
  });
});

/** "s.uuuuuu" from row a to row b of the seed (positive, µs). */
function diff(cols: PacketColumns, a: number, b: number): string {
  const ns = (cols.tsSec[b] - cols.tsSec[a]) * 1e9 + cols.tsNsec[b] - cols.tsNsec[a];
  return `${Math.floor(ns / 1e9)}.${String(Math.floor((ns % 1e9) / 1e3)).padStart(6, '0')}`;
}
