import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureReader } from '../../../shared/capture-file/capture-reader';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { allocateBlock, appendToBlock, readSlot } from '../../../shared/ipc/decoded-block';
import { emptyDecodedPacket, type DecodedPacket } from '../../../shared/wire/decoded-packet';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { CORPUS_DIR, MALFORMED_DIR } from '../../support/paths';

/** DecodedPacket fields that are positions in the frame's view (rebased in a block). */
const OFFSETS = new Set(['frameOffset', 'capEnd', 'ipOffset', 'outerIpOffset', 'firstIpv4Offset', 'firstIpv6Offset',
  'srcAddrOffset', 'dstAddrOffset', 'l4Offset', 'payloadOffset', 'problemOffset']);

/** The packet as the tracker would see it: offsets relative to the frame start, SACK edges in use only. */
function normalised(p: DecodedPacket, frameAt: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === 'sackEdges') out[k] = [...(v as Uint32Array).subarray(0, p.sackCount * 2)];
    else out[k] = OFFSETS.has(k) && v !== -1 ? (v as number) - frameAt : v;
  }
  return out;
}

const captures = [
  ...readdirSync(CORPUS_DIR).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(CORPUS_DIR, f)),
  ...readdirSync(MALFORMED_DIR).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(MALFORMED_DIR, f)),
];

describe('decoded block', () => {
  it.each(captures.map((c) => [c.split('/').pop()!, c]))('%s: every record and DecodedPacket field survives a block, with the header bytes the tracker reads', (_name, path) => {
    const decoder = new PacketDecoder();
    const block = allocateBlock(64, 4096);
    const expected: { rec: Record<string, unknown>; pkt: Record<string, unknown>; addrs: number[] }[] = [];
    const rec: CaptureRecord = { bytes: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)), at: 0, capLen: 0, origLen: 0,
      tsSec: 0, tsNsec: 0, iface: 0, linkType: 0, fileOffset: 0, frame: 0 };
    const pkt = emptyDecodedPacket();
    const check = (): void => {
      const view = new DataView(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
      for (let s = 0; s < block.count; s++) {
        readSlot(block, s, view, rec, pkt);
        const e = expected[s];
        const { bytes: _b, view: _v, at: _a, ...numbers } = rec;
        expect({ ...numbers, hasTimestamp: rec.hasTimestamp }).toEqual(e.rec);
        expect(normalised(pkt, rec.at)).toEqual(e.pkt);
        if (pkt.l3 !== 0) expect([...block.bytes.subarray(pkt.srcAddrOffset, pkt.srcAddrOffset + pkt.addrLen), ...block.bytes.subarray(pkt.dstAddrOffset, pkt.dstAddrOffset + pkt.addrLen)]).toEqual(e.addrs);
      }
      expected.length = 0;
      block.count = 0; block.bytesUsed = 0;
    };
    createCaptureReader().push(new Uint8Array(readFileSync(path)), (r) => {
      const p = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
      const { bytes: _b, view: _v, at: _a, ...numbers } = r;
      const e = { rec: { ...numbers, hasTimestamp: r.hasTimestamp !== false, rawTimestamp: r.rawTimestamp && { ...r.rawTimestamp } },
        pkt: normalised(p, r.at),
        addrs: p.l3 !== 0 ? [...r.bytes.subarray(p.srcAddrOffset, p.srcAddrOffset + p.addrLen), ...r.bytes.subarray(p.dstAddrOffset, p.dstAddrOffset + p.addrLen)] : [] };
      if (!appendToBlock(block, r, p)) { check(); expect(appendToBlock(block, r, p)).toBe(true); }
      expected.push(e);
    });
    check();
  });

  it('copies the headers, not the payload: a 1,000-byte TCP segment takes its 54 header bytes', () => {
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
    expect(block.bytesUsed).toBe(54);
  });

  it('an empty block grows for a record whose headers exceed its byte area; a non-empty one says it is full', () => {
    const frame = new Uint8Array(14 + 20 + 60);
    const dv = new DataView(frame.buffer);
    dv.setUint16(12, 0x0800); dv.setUint8(14, 0x45); dv.setUint16(16, 80); dv.setUint8(23, 6); dv.setUint8(46, 0xf0);
    const p = new PacketDecoder().decode(dv, 0, frame.length, frame.length, 1);
    const rec: CaptureRecord = { bytes: frame, view: dv, at: 0, capLen: frame.length, origLen: frame.length, tsSec: 1, tsNsec: 2,
      iface: 0, linkType: 1, fileOffset: 24, frame: 1 };
    const block = allocateBlock(4, 16);
    expect(appendToBlock(block, rec, p)).toBe(true);
    expect(block.bytesUsed).toBe(94);
    expect(appendToBlock(block, { ...rec, frame: 2 }, p)).toBe(false);
    expect(block.count).toBe(1);
  });
});
