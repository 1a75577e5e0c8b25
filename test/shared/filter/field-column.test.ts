/**
 * Custom columns (Apply as Column) against tshark 4.0's own: for every field the display filter knows (but the payload
 * bytes, which the window does not keep) and every frame of every corpus capture, the hand-built TCP fixtures and the
 * tunnel and reassembly captures, the cell SynAck writes from the pipeline's columns must be the cell
 * `tshark -2 -o gui.column.format:…%Cus:FIELD` writes — all occurrences, tshark's order, its value texts (✓, Set,
 * 0x012, "Complete, NO_DATA (23)", local frame.time in a zone with daylight saving time). Then `||`, occurrences, the
 * value tables against `tshark -G`, and the fields a column refuses.
 */
import { execFileSync } from 'node:child_process';
import { tsharkCustomColumns } from '../../support/tshark-custom-columns';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS } from '../../../shared/filter/fields';
import { fieldColumnText, parseFieldColumn, type FieldColumn } from '../../../shared/filter/field-column';
import { completenessText } from '../../../shared/filter/field-value-text';
import { FIELD_TITLES } from '../../../shared/filter/field-titles';
import { IP_PROTOCOL_VALUES } from '../../../shared/filter/ip-protocol-values';
import { writeTcpFixtures } from '../../fixtures/tcp/tcp-fixture-builder';
import { CAPTURES } from '../../fixtures/encapsulation-captures';
import { writeReassemblyCapture } from '../../fixtures/ip-reassembly-capture';
import { writeIcmpErrorCapture, writeIcmpTypeCapture, writePathMtuCapture } from '../../fixtures/icmp-error-capture';
import { CORPUS_DIR, MALFORMED_DIR, SEED_DIR, TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { captureColumns, loadPipeline } from './filter-pipeline';
import { allowance, knownClasses, type KnownClass } from './filter-known-differences';

const hasTshark = requireTool('tshark');
const { pipeline } = await loadPipeline();
const ZONE = 'America/New_York';

/**
 * Where a cell may differ, and why: the display filter's classes (the same values; filter-known-differences.ts) and
 * the timestamps whose fraction is a second or more, which tshark writes as it finds them and SynAck carries into
 * the seconds (as tcpdump does).
 */
const UNNORMALIZED = 'a fraction of a second or more in the record (1,000,000 µs; 4,292,819,813 ns): wiretap keeps it as read and '
  + 'tshark writes it so ("10.1000000000", a negative time from the signed nanoseconds); SynAck carries it into the seconds, as tcpdump does';
const KNOWN: KnownClass[] = [
  ...knownClasses(),
  ...['frame.time', 'frame.time_epoch', 'frame.time_delta', 'tcp.time_delta', 'tcp.analysis.ack_rtt'].map((field) => ({
    file: 'malformed/tcpdump__timestamp_invalid_micro.pcap', field, rows: 1, reason: UNNORMALIZED })),
  ...['frame.time', 'frame.time_epoch', 'tcp.analysis.initial_rtt'].map((field) => ({
    file: 'malformed/tcpdump__timestamp_invalid_nano.pcap', field, rows: 2, reason: UNNORMALIZED })),
];
/** The fields a known class may name for a column's field: the filter's classes name an address by any of its three fields. */
const classFields = (name: string): string[] => {
  const m = /^(ip|ipv6)\.(src|dst|addr)$/.exec(name);
  return m ? ['src', 'dst', 'addr'].map((end) => `${m[1]}.${end}`) : [name];
};

/** Every registry field tshark knows, as one column each; the payload's bytes are not kept in the window. */
const COLUMNS: FieldColumn[] = [...FIELDS.keys()]
  .filter((name) => !name.startsWith('synack') && name !== 'tcp.payload')
  .map((name) => { const p = parseFieldColumn(name); if (!p.ok) throw new Error(p.message); return p.column; });
/** A few joined fields and occurrences, as a user writes them. */
const EXTRA: FieldColumn[] = [['tcp.srcport || udp.srcport', 0], ['ip.addr', 2], ['ip.addr', -1], ['tcp.analysis.ack_rtt or tcp.seq', 0], ['ip.proto', 1]]
  .map(([text, occ]) => { const p = parseFieldColumn(text as string, occ as number); if (!p.ok) throw new Error(p.message); return p.column; });
const ALL = [...COLUMNS, ...EXTRA];

/** tshark's cells per frame number, one per column of ALL. */
const tsharkCells = (path: string): Map<number, string[]> =>
  tsharkCustomColumns(path, ALL.map((c) => `${c.text}${c.occurrence ? `:${c.occurrence}` : ''}`), ZONE);

/**
 * "frame N field: ours | tshark's" for every differing cell (at most 20) beyond the known classes of `file` (per
 * column, up to its allowance of frames).
 */
function differences(path: string, file = ''): string[] {
  const expected = tsharkCells(path);
  const { cols, ctx } = captureColumns(pipeline!, path);
  const found = ALL.map(() => [] as string[]);
  for (let row = 0; row < cols.rows; row++) {
    const theirs = expected.get(cols.frame[row]);
    if (!theirs) continue;
    ALL.forEach((c, k) => {
      const ours = fieldColumnText(c, cols, ctx, row);
      if (ours !== (theirs[k] ?? '')) found[k].push(`frame ${cols.frame[row]} ${c.text}${c.occurrence ? `:${c.occurrence}` : ''}: ${JSON.stringify(ours)} | tshark ${JSON.stringify(theirs[k])}`);
    });
  }
  return ALL.flatMap((c, k) => (found[k].length <= allowance(KNOWN, file, c.fields.flatMap((f) => classFields(f.name))) ? [] : found[k])).slice(0, 20);
}

let savedZone: string | undefined;
beforeAll(() => { savedZone = process.env.TZ; process.env.TZ = ZONE; });
afterAll(() => { if (savedZone === undefined) delete process.env.TZ; else process.env.TZ = savedZone; });

const CORPUS = [...readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort().map((f) => join(CORPUS_DIR, f)), join(SEED_DIR, 'seed-lo0.pcap')];

describe.skipIf(!hasTshark || pipeline === null)('custom columns vs tshark -2 %Cus columns', () => {
  it.each(CORPUS)('%s', (path) => {
    expect(differences(path)).toEqual([]);
  }, 300_000);

  const fixtureDir = join(TEST_OUTPUT_DIR, 'field-column-fixtures');
  it('on the hand-built TCP fixtures', () => {
    mkdirSync(fixtureDir, { recursive: true });
    const fixtures = writeTcpFixtures(fixtureDir);
    for (const [name, path] of Object.entries(fixtures)) expect(differences(path), name).toEqual([]);
  }, 300_000);

  // ../shared/corpus/malformed: the files tshark reads at least one frame of, up to the problem where it stops.
  it('on the malformed corpus tshark reads', () => {
    const expected = readFileSync(join(MALFORMED_DIR, 'EXPECTED.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
    const frames = expected[0].indexOf('tshark_frames');
    const files = expected.slice(1).filter((r) => Number(r[frames]) > 0).map((r) => r[0]);
    expect(files.length).toBeGreaterThanOrEqual(40);
    const found = Object.fromEntries(files.map((file) => [file, differences(join(MALFORMED_DIR, file), `malformed/${file}`)]).filter(([, d]) => d.length > 0));
    expect(found).toEqual({});
  }, 600_000);

  it('on tunnels, link types, IP reassembly and ICMP (outer layers first)', () => {
    const layered = [...Object.values(CAPTURES).map((write) => write()), writeReassemblyCapture(), writeIcmpErrorCapture(), writeIcmpTypeCapture(), writePathMtuCapture()];
    for (const path of layered) expect(differences(path), path).toEqual([]);
  }, 300_000);
});

describe('custom column fields', () => {
  it('joins fields with || or "or" and keeps the occurrence', () => {
    expect(parseFieldColumn('tcp.srcport or  udp.srcport||tcp.seq', -1)).toMatchObject({ ok: true, column: { text: 'tcp.srcport || udp.srcport || tcp.seq', occurrence: -1 } });
  });

  it('refuses unknown fields, empty parts and the payload bytes with a reason', () => {
    expect(parseFieldColumn('tcp.bogus')).toEqual({ ok: false, message: '"tcp.bogus" is not a field SynAck knows (the display filter\'s fields are).' });
    expect(parseFieldColumn('tcp.seq ||')).toMatchObject({ ok: false, message: 'Name a field, or fields joined by ||.' });
    expect(parseFieldColumn('tcp.payload')).toMatchObject({ ok: false, message: expect.stringContaining('packet bytes') });
    expect(parseFieldColumn('tcp.seq', 1.5)).toMatchObject({ ok: false });
  });

  it('writes tcp.completeness as packet-tcp.c does', () => {
    expect([0, 1, 3, 7, 15, 31, 23, 39, 55, 63, 47, 16].map(completenessText)).toEqual([
      'Incomplete (0)', 'Incomplete, SYN_SENT (1)', 'Incomplete, CLIENT_ESTABLISHED (3)', 'Incomplete, ESTABLISHED (7)', 'Incomplete, DATA (15)',
      'Complete, WITH_DATA (31)', 'Complete, NO_DATA (23)', 'Complete, NO_DATA (39)', 'Complete, NO_DATA (55)', 'Complete, WITH_DATA (63)',
      'Complete, WITH_DATA (47)', 'Incomplete (16)',
    ]);
  });

  it.skipIf(!hasTshark)('has tshark\'s ip.proto names and field names', () => {
    const values = execFileSync('tshark', ['-G', 'values'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
    const proto = Object.fromEntries(values.split('\n').map((l) => l.split('\t')).filter((f) => f[0] === 'V' && f[1] === 'ip.proto').map((f) => [f[2], f[3]]));
    expect(Object.fromEntries(Object.entries(IP_PROTOCOL_VALUES).map(([k, v]) => [k, v]))).toEqual(proto);
    const fields = execFileSync('tshark', ['-G', 'fields'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
    const names = new Map(fields.split('\n').map((l) => l.split('\t')).filter((f) => f[0] === 'F' || f[0] === 'P').map((f) => [f[2], f[1]]));
    for (const name of FIELDS.keys()) {
      if (name.startsWith('synack')) expect(FIELD_TITLES[name], name).toBeTruthy();
      else expect(FIELD_TITLES[name], name).toBe(names.get(name));
    }
  });
});
