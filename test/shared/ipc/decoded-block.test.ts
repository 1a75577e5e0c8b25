import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureReader } from '../../../shared/capture-file/capture-reader';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { allocateBlock, appendToBlock, BlockReader, CARRIED_PACKET_FIELDS, CARRIED_RECORD_FIELDS } from '../../../shared/ipc/decoded-block';
import { PairKeys } from '../../../shared/tcp/pair-flows';
import { emptyDecodedPacket, type DecodedPacket } from '../../../shared/wire/decoded-packet';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { writeFtpCapture } from '../../fixtures/tcp/ftp-capture';
import { CORPUS_DIR, MALFORMED_DIR, REPO_ROOT, TEST_OUTPUT_DIR } from '../../support/paths';

/** DecodedPacket fields that are positions in the frame's view (rebased in a block). */
const OFFSETS = new Set(['frameOffset', 'capEnd', 'ipOffset', 'outerIpOffset', 'firstIpv4Offset', 'firstIpv6Offset',
  'srcAddrOffset', 'dstAddrOffset', 'l4Offset', 'payloadOffset', 'problemOffset']);

/** Fields the tracker reads only of a TCP packet (a block carries 0 for the others, the decoder leaves them stale). */
const TCP_ONLY = new Set(['tcpFlags', 'seq', 'ack', 'window']);

/**
 * The packet as the tracker would see it: offsets relative to the frame start (−1, "absent", stays: `absent`
 * names the fields that were −1 before the block), SACK edges in use only.
 */
function normalised(p: DecodedPacket, frameAt: number, absent: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of CARRIED_PACKET_FIELDS) {
    const v = p[k];
    if (!p.tcp && TCP_ONLY.has(k)) continue;
    if (k === 'sackEdges') out[k] = [...(v as Uint32Array).subarray(0, p.sackCount * 2)];
    else out[k] = OFFSETS.has(k) && !absent.has(k) ? (v as number) - frameAt : v;
  }
  return out;
}

/**
 * The record's carried numbers (not its view or `at`, which a block rebases); a damaged timestamp as far as the
 * tracker reads it, wiretap's 32-bit nanoseconds (capture-record.ts wiretapNsec).
 */
const carriedRecord = (r: CaptureRecord): Record<string, unknown> =>
  Object.fromEntries(CARRIED_RECORD_FIELDS.filter((k) => k !== 'view' && k !== 'at').map((k) => [k,
    k === 'hasTimestamp' ? r.hasTimestamp !== false
      : k === 'rawTimestamp' ? r.rawTimestamp && { tsSec: r.rawTimestamp.tsSec, tsNsec: r.rawTimestamp.tsNsec | 0 } : r[k]]));

const absentOffsets = (p: DecodedPacket): Set<string> =>
  new Set([...OFFSETS].filter((k) => (p as unknown as Record<string, number>)[k] === -1));

const captures = [
  writeFtpCapture(join(TEST_OUTPUT_DIR, 'decoded-block')),   // FTP lines announcing data connections
  ...readdirSync(CORPUS_DIR).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(CORPUS_DIR, f)),
  ...readdirSync(MALFORMED_DIR).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(MALFORMED_DIR, f)),
];

/** Files whose code reads a DecodedPacket on the pipeline's thread (the tracker, its flow table, the outer-layer reader). */
const TRACKER_SOURCES = [
  ...readdirSync(join(REPO_ROOT, 'shared/tcp')).filter((f) => f.endsWith('.ts')).map((f) => join(REPO_ROOT, 'shared/tcp', f)),
  join(REPO_ROOT, 'shared/wire/outer-ip.ts'), join(REPO_ROOT, 'electron/capture/tracker-binding.ts'),
];

describe('decoded block', () => {
  it.each([['pkt', CARRIED_PACKET_FIELDS, 15], ['rec', CARRIED_RECORD_FIELDS, 4]] as const)('carries every field the tracker\'s sources read (%s.<field>)', (name, carried, atLeast) => {
    const read = new Set<string>();
    // tshark-fields.ts, flag-explanation.ts and path-mtu-errors.ts serve passes that decode packets themselves (CLI,
    // detail pane, packet.why), never from a block.
    for (const f of TRACKER_SOURCES.filter((f) => !/tshark-fields|flag-explanation|path-mtu-errors/.test(f))) {
      for (const m of readFileSync(f, 'utf8').matchAll(new RegExp(`\\b${name}\\.([a-zA-Z][a-zA-Z0-9]*)`, 'g'))) read.add(m[1]);
    }
    expect(read.size).toBeGreaterThan(atLeast);
    expect([...read].filter((k) => !(carried as readonly string[]).includes(k))).toEqual([]);
  });

  it.each(captures.map((c) => [c.split('/').pop()!, c]))('%s: every carried record and DecodedPacket field survives a block, with the address bytes the tracker reads and the pair id', (_name, path) => {
    const decoder = new PacketDecoder();
    const block = allocateBlock(64, 4096);
    const keys = new PairKeys();
    const expected: { rec: Record<string, unknown>; pkt: Record<string, unknown>; absent: Set<string>; addrs: number[]; pair: [number, number] }[] = [];
    const rec: CaptureRecord = { bytes: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)), at: 0, capLen: 0, origLen: 0,
      tsSec: 0, tsNsec: 0, iface: 0, linkType: 0, fileOffset: 0, frame: 0 };
    const pkt = emptyDecodedPacket();
    const check = (): void => {
      const reader = new BlockReader();
      reader.load(block);
      for (let s = 0; s < block.count; s++) {
        reader.read(s, rec, pkt);
        const e = expected[s];
        expect(carriedRecord(rec)).toEqual(e.rec);
        expect(normalised(pkt, rec.at, e.absent)).toEqual(e.pkt);
        expect([reader.pair, reader.pairDir]).toEqual(e.pair);
        if (pkt.l3 !== 0) expect([...block.bytes.subarray(pkt.srcAddrOffset, pkt.srcAddrOffset + pkt.addrLen), ...block.bytes.subarray(pkt.dstAddrOffset, pkt.dstAddrOffset + pkt.addrLen)]).toEqual(e.addrs);
      }
      expected.length = 0;
      block.count = 0; block.bytesUsed = 0;
    };
    createCaptureReader().push(new Uint8Array(readFileSync(path)), (r) => {
      const p = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
      const pair = keys.pairOf(r.view, p), dir = keys.dir;
      const e = { pair: [pair, dir] as [number, number], rec: carriedRecord(r),
        pkt: normalised(p, r.at, absentOffsets(p)), absent: absentOffsets(p),
        addrs: p.l3 !== 0 ? [...r.bytes.subarray(p.srcAddrOffset, p.srcAddrOffset + p.addrLen), ...r.bytes.subarray(p.dstAddrOffset, p.dstAddrOffset + p.addrLen)] : [] };
      if (!appendToBlock(block, r, p, pair, dir)) { check(); expect(appendToBlock(block, r, p, pair, dir)).toBe(true); }
      expected.push(e);
    });
    check();
  });

  it('copies only the addresses of a plain IP packet: a 1,000-byte IPv4 TCP segment takes 8 bytes', () => {
    const frame = new Uint8Array(14 + 20 + 20 + 1000);
    const dv = new DataView(frame.buffer);
    dv.setUint16(12, 0x0800); dv.setUint8(14, 0x45); dv.setUint16(16, 1040); dv.setUint8(23, 6);
    dv.setUint32(26, 0x7f000001); dv.setUint32(30, 0x7f000002); dv.setUint8(46, 0x50); dv.setUint8(47, 0x18);
    const p = new PacketDecoder().decode(dv, 0, frame.length, frame.length, 1);
    expect(p.tcp).toBe(true);
    const rec: CaptureRecord = { bytes: frame, view: dv, at: 0, capLen: frame.length, origLen: frame.length, tsSec: 1, tsNsec: 2,
      iface: 0, linkType: 1, fileOffset: 24, frame: 1 };
    const block = allocateBlock(4, 1024);
    expect(appendToBlock(block, rec, p)).toBe(true);
    expect(block.bytesUsed).toBe(8);
    expect([...block.bytes.subarray(0, 8)]).toEqual([127, 0, 0, 1, 127, 0, 0, 2]);
  });

  it('an empty block grows for a record whose bytes exceed its byte area; a non-empty one says it is full', () => {
    const frame = new Uint8Array(100);                       // not IP (LLDP): its first 64 bytes are kept
    const dv = new DataView(frame.buffer);
    dv.setUint16(12, 0x88cc);
    const p = new PacketDecoder().decode(dv, 0, frame.length, frame.length, 1);
    expect(p.l3).toBe(0);
    const rec: CaptureRecord = { bytes: frame, view: dv, at: 0, capLen: frame.length, origLen: frame.length, tsSec: 1, tsNsec: 2,
      iface: 0, linkType: 1, fileOffset: 24, frame: 1 };
    const block = allocateBlock(4, 16);
    expect(appendToBlock(block, rec, p)).toBe(true);
    expect(block.bytesUsed).toBe(64);
    expect(appendToBlock(block, { ...rec, frame: 2 }, p)).toBe(false);
    expect(block.count).toBe(1);
  });
});
