import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocateColumns, COLUMNS, type PacketColumns } from '../../../shared/ipc/batch-layout';
import { fillDecodedColumns } from '../../../shared/ipc/decoded-columns';
import { conversationSummary, flowInfo } from '../../../shared/tcp/conversation-summary';
import { PairFlows, PairKeys } from '../../../shared/tcp/pair-flows';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import { emptyDecodedPacket } from '../../../shared/wire/decoded-packet';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { writeTcpFixtures } from '../../fixtures/tcp/tcp-fixture-builder';
import { CORPUS_DIR, MALFORMED_DIR, SEED_PCAP, TEST_OUTPUT_DIR } from '../../support/paths';
import { forEachRecord } from '../../support/read-capture';

const fixtureDir = join(TEST_OUTPUT_DIR, 'pair-flows');
mkdirSync(fixtureDir, { recursive: true });
const captures = [
  ...Object.values(writeTcpFixtures(fixtureDir)),
  ...readdirSync(CORPUS_DIR).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(CORPUS_DIR, f)),
  ...readdirSync(MALFORMED_DIR).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(MALFORMED_DIR, f)),
];

/** Everything a tracker leaves for its consumers: rows, flows, conversation summaries. */
function outcome(t: TcpTracker, cols: PacketColumns): Record<string, unknown> {
  const rows: Record<string, number[]> = {};
  for (const c of COLUMNS) rows[c.name] = Array.from((cols[c.name] as ArrayLike<number>)).slice(0, cols.rows);
  const flows = Array.from({ length: t.flows.count }, (_, id) => flowInfo(t, id));
  const conversations = Array.from({ length: t.conversationCount }, (_, s) => conversationSummary(t, s));
  return { rows, flows, conversations };
}

/**
 * Tracks a file the way the pipeline does: records before `pairsFrom` hashed in the tracker (read in the pipeline's
 * thread), the rest with a decode thread's pair ids (PairKeys sees every record, as the thread reads the whole file).
 */
function track(path: string, pairsFrom: number): Record<string, unknown> {
  const t = new TcpTracker(), d = new PacketDecoder(), keys = new PairKeys();
  let n = 0;
  forEachRecord(path, () => { n++; });
  const cols = allocateColumns(Math.max(1, n));
  forEachRecord(path, (r) => {
    const p = d.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
    const pair = keys.pairOf(r.view, p), row = cols.rows++;
    if (row < pairsFrom) { t.track(r, p, cols, row); return; }
    fillDecodedColumns(cols, row, r, p);
    t.trackDecoded(r, p, cols, row, pair, keys.dir);
  });
  return outcome(t, cols);
}

describe('pair ids (flow lookup on the decode thread)', () => {
  it('PairKeys gives one id per address/port pair, the same both ways, in the flow table\'s direction', () => {
    const keys = new PairKeys(), d = new PacketDecoder(), t = new TcpTracker();
    const cols = allocateColumns(16);
    const seen: [number, number][] = [];
    forEachRecord(SEED_PCAP, (r) => {
      const p = d.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
      seen.push([keys.pairOf(r.view, p), keys.dir]);
      t.track(r, p, cols, cols.rows++);
    });
    expect(seen.map(([pair]) => pair)).toEqual(Array(9).fill(0));
    expect(seen.map(([, dir]) => dir)).toEqual([...cols.dir.subarray(0, 9)]);
    expect(new Set(seen.map(([, dir]) => dir))).toEqual(new Set([0, 1]));
  });

  it('PairKeys gives no pair to a frame without IP', () => {
    const frame = new Uint8Array(60);
    const dv = new DataView(frame.buffer);
    dv.setUint16(12, 0x88cc);                                // LLDP
    const p = new PacketDecoder().decode(dv, 0, 60, 60, 1);
    expect(new PairKeys().pairOf(dv, p)).toBe(-1);
  });

  it('the tracker finds a flow by its pair id alone, without reading the addresses again', () => {
    const t = new TcpTracker(), cols = allocateColumns(2);
    const bytes = new Uint8Array([10, 0, 0, 1, 10, 0, 0, 2, 10, 0, 0, 3]);
    const view = new DataView(bytes.buffer);
    const rec = (frame: number) => ({ bytes, view, at: 0, capLen: 60, origLen: 60, tsSec: 1, tsNsec: frame, iface: 0, linkType: 1, fileOffset: 0, frame });
    const udp = (dst: number) => Object.assign(emptyDecodedPacket(), {
      l3: 4 as const, addrLen: 4, ipProto: 17, udp: true, srcAddrOffset: 0, dstAddrOffset: dst, srcPort: 5000, dstPort: 53,
    });
    // Two different pairs under one id: the second lands in the first's flow, so the id, not the bytes, decided.
    t.trackDecoded(rec(1), udp(4), cols, 0, 7, 0);
    t.trackDecoded(rec(2), udp(8), cols, 1, 7, 0);
    expect([cols.flow[0], cols.flow[1]]).toEqual([0, 0]);
    expect(t.flows.count).toBe(1);
  });

  it('PairFlows grows past its first size and keeps what it holds', () => {
    const m = new PairFlows();
    m.set(3, 30);
    m.set(100_000, 5);
    expect([m.flowOf(3), m.flowOf(100_000), m.flowOf(99_999), m.flowOf(5_000_000)]).toEqual([30, 5, -1, -1]);
  });

  // port-reuse (a new SYN on a finished 4-tuple): the pair keeps one id while the tracker adds a newer flow for
  // it, which later packets must find.
  it.each(captures.map((c) => [c.split('/').pop()!, c]))('%s: rows, flows and conversations are the same with pair ids, from the start or part-way', (_name, path) => {
    const hashed = track(path, Infinity);
    expect(track(path, 0)).toEqual(hashed);
    const rows = (hashed.rows as Record<string, number[]>).frame.length;
    expect(track(path, Math.floor(rows / 3))).toEqual(hashed);
  });
});
