/**
 * Fuzz: random and mutated frames through PacketDecoder.decode() and buildDetailTree() for every link type.
 * Nothing may throw, every problem offset must lie inside the frame, and the decoder must not report TCP
 * fields it could not have read. Deterministic (seeded PRNG) so a failure reproduces; no timing asserts —
 * a hang would hit the test timeout instead.
 */
import { readdirSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { buildDetailTree } from '../../../shared/wire/detail-tree';
import { LINKTYPE_NAMES } from '../../../shared/wire/link';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { CORPUS_DIR, MALFORMED_DIR } from '../../support/paths';
import { CAPTURES } from '../../fixtures/encapsulation-captures';
import { forEachRecord } from '../../support/read-capture';
import {
  ARP_REQUEST_FRAME, IP6_SYN_FRAME, MPTCP_SYN_FRAME, QINQINQ_SYN_FRAME, SACK_SYN_FRAME, SEED_SYN_FRAME,
  SLL_SYN_FRAME, TFO_EXP_SYN_FRAME,
} from './wire-fixtures';
import { mulberry32 } from '../../support/seeded-random';

const LINK_TYPES = [...Object.keys(LINKTYPE_NAMES).map(Number), 4242];


/** A frame that looks plausible at the front (link header bytes and an IP version nibble) and random after. */
function randomFrame(rand: () => number): Uint8Array {
  const f = new Uint8Array(Math.floor(rand() * 160));
  for (let i = 0; i < f.length; i++) f[i] = Math.floor(rand() * 256);
  if (f.length > 14 && rand() < 0.5) { f[12] = rand() < 0.5 ? 0x08 : 0x86; f[13] = f[12] === 0x08 ? 0x00 : 0xdd; }
  if (f.length > 4 && rand() < 0.3) f[rand() < 0.5 ? 0 : 4] = rand() < 0.5 ? 0x45 : 0x60;
  return f;
}

/** Flips bits, overwrites bytes with edge values, and truncates. */
function mutate(src: Uint8Array, rand: () => number): Uint8Array {
  const f = src.slice(0, rand() < 0.3 ? Math.floor(rand() * (src.length + 1)) : src.length);
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits && f.length > 0; e++) {
    const i = Math.floor(rand() * f.length);
    const r = rand();
    f[i] = r < 0.4 ? f[i] ^ (1 << Math.floor(rand() * 8)) : r < 0.6 ? 0 : r < 0.8 ? 0xff : Math.floor(rand() * 256);
  }
  return f;
}

/** An Ethernet IPv4 fragment of one of a few datagrams: random offset (0–56), MF, 8–64 payload bytes. */
function randomFragment4(rand: () => number): Uint8Array {
  const len = 8 * (1 + Math.floor(rand() * 8)), f = new Uint8Array(14 + 20 + len), v = new DataView(f.buffer);
  v.setUint16(12, 0x0800); v.setUint8(14, 0x45); v.setUint16(16, 20 + len); v.setUint16(18, Math.floor(rand() * 3));
  v.setUint16(20, (rand() < 0.5 ? 0x2000 : 0) | Math.floor(rand() * 8)); v.setUint8(22, 64); v.setUint8(23, rand() < 0.8 ? 6 : 17);
  v.setUint32(26, 0x0a000001); v.setUint32(30, 0x0a000002);
  for (let k = 34; k < f.length; k++) f[k] = Math.floor(rand() * 256);
  return f;
}

/** An Ethernet IPv6 packet with a fragment header: random offset, M flag, identification 0–2, 8–64 payload bytes. */
function randomFragment6(rand: () => number): Uint8Array {
  const len = 8 * (1 + Math.floor(rand() * 8)), f = new Uint8Array(14 + 40 + 8 + len), v = new DataView(f.buffer);
  v.setUint16(12, 0x86dd); v.setUint32(14, 0x60000000); v.setUint16(18, 8 + len); v.setUint8(20, 44); v.setUint8(21, 64);
  f[37] = 1; f[53] = 2;
  v.setUint8(54, 6); v.setUint16(56, (Math.floor(rand() * 8) * 8) | (rand() < 0.5 ? 1 : 0)); v.setUint32(58, Math.floor(rand() * 3));
  for (let k = 62; k < f.length; k++) f[k] = Math.floor(rand() * 256);
  return f;
}

const SOME_RECORD: CaptureRecord = { bytes: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)), at: 0, capLen: 0, origLen: 0,
  tsSec: 0, tsNsec: 0, iface: 0, linkType: 1, fileOffset: 0, frame: 1 };

function check(decoder: PacketDecoder, frame: Uint8Array, linkType: number, origLen: number, tree: boolean): void {
  const buf = new Uint8Array(frame.length + 3);
  buf.set(frame, 3);
  const dv = new DataView(buf.buffer, 0, frame.length + 3);
  const p = decoder.decode(dv, 3, frame.length, origLen, linkType);
  // Offsets are into the frame, or into the synthetic frame of a datagram this fragment completed (from 0).
  const [start, end] = decoder.reassembled ? [0, decoder.frameRecord(SOME_RECORD).bytes.length] : [3, 3 + frame.length];
  if (p.problem !== 0) {
    expect(p.problemOffset).toBeGreaterThanOrEqual(start);
    expect(p.problemOffset).toBeLessThanOrEqual(end);
  }
  if (p.tcp) {
    expect(p.l4Offset + 16).toBeLessThanOrEqual(end);    // captured through the window field
    if (p.l4Offset + 20 > end) expect([p.urgentPointer, p.problem !== 0]).toEqual([0, true]);
    expect(p.payloadCaptured).toBeGreaterThanOrEqual(0);
    if (p.payloadCaptured > 0) expect(p.payloadOffset + p.payloadCaptured).toBeLessThanOrEqual(end);
    expect(p.sackCount).toBeLessThanOrEqual(4);
  }
  if (tree) expect(() => buildDetailTree(frame, linkType, origLen)).not.toThrow();
}

const SEEDS: [Uint8Array, number][] = [
  [SEED_SYN_FRAME, 0], [IP6_SYN_FRAME, 1], [SLL_SYN_FRAME, 113], [QINQINQ_SYN_FRAME, 1], [TFO_EXP_SYN_FRAME, 1],
  [MPTCP_SYN_FRAME, 1], [SACK_SYN_FRAME, 1], [ARP_REQUEST_FRAME, 1],
];

describe('decode fuzz', () => {
  it('random frames for every link type never throw', () => {
    const rand = mulberry32(1);
    const d = new PacketDecoder({ verifyChecksums: true });
    for (let i = 0; i < 4000; i++) {
      const f = randomFrame(rand);
      const lt = LINK_TYPES[i % LINK_TYPES.length];
      check(d, f, lt, rand() < 0.8 ? f.length : Math.floor(rand() * 70000), i % 8 === 0);
    }
  });

  it('mutated fixture frames, decoded under every link type, never throw', () => {
    const rand = mulberry32(2);
    const d = new PacketDecoder({ verifyChecksums: true });
    for (let i = 0; i < 8000; i++) {
      const [src, lt] = SEEDS[i % SEEDS.length];
      const f = mutate(src, rand);
      check(d, f, rand() < 0.8 ? lt : LINK_TYPES[Math.floor(rand() * LINK_TYPES.length)], f.length, i % 8 === 0);
    }
  });

  it('mutated corpus frames never throw', () => {
    const rand = mulberry32(3);
    const d = new PacketDecoder({ verifyChecksums: true });
    for (const file of readdirSync(CORPUS_DIR).filter((f) => /\.pcap(ng)?$/.test(f))) {
      let n = 0;
      forEachRecord(joinPath(CORPUS_DIR, file), (r) => {
        if (n++ >= 40) return;
        const frame = r.bytes.slice(r.at, r.at + r.capLen);
        for (let k = 0; k < 10; k++) check(d, mutate(frame, rand), r.linkType, r.origLen, k === 0);
      });
    }
  });

  it('mutated frames of every encapsulation (GRE, ERSPAN, EoIP, MPLS pseudowires, UDP tunnels, 802.11 …) never throw', () => {
    const rand = mulberry32(5);
    const d = new PacketDecoder({ verifyChecksums: true, reassemble: true });
    for (const write of Object.values(CAPTURES)) {
      forEachRecord(write(), (r) => {
        const frame = r.bytes.slice(r.at, r.at + r.capLen);
        for (let k = 0; k < 12; k++) check(d, mutate(frame, rand), r.linkType, r.origLen, k === 0);
      });
    }
  });

  it('random IPv4 and IPv6 fragment streams reassemble without throwing, some to whole datagrams', () => {
    const rand = mulberry32(4);
    const d = new PacketDecoder({ verifyChecksums: true, reassemble: true });
    let whole = 0;
    for (let i = 0; i < 6000; i++) {
      const f = i % 2 ? randomFragment4(rand) : randomFragment6(rand);
      check(d, rand() < 0.1 ? mutate(f, rand) : f, 1, f.length, i % 16 === 0);
      if (d.reassembled) {
        whole++;
        const rec = d.frameRecord({ bytes: f, view: new DataView(f.buffer), at: 0, capLen: f.length, origLen: f.length, tsSec: 0,
          tsNsec: 0, iface: 0, linkType: 1, fileOffset: 0, frame: i + 1 });
        // The synthetic frame: the fragment's frame lengths, its own bytes (at least Ethernet and an IP header).
        expect([rec.capLen, rec.at, rec.bytes.length >= 34, rec.view.byteLength >= rec.bytes.length]).toEqual([f.length, 0, true, true]);
      }
    }
    expect(whole).toBeGreaterThan(50);
  });

  it('every record of the malformed corpus decodes without throwing', () => {
    const d = new PacketDecoder({ verifyChecksums: true });
    let records = 0;
    for (const file of readdirSync(MALFORMED_DIR).filter((f) => /\.pcap(ng)?$/.test(f))) {
      forEachRecord(joinPath(MALFORMED_DIR, file), (r) => {
        records++;
        check(d, r.bytes.slice(r.at, r.at + r.capLen), r.linkType, r.origLen, true);
      });
    }
    expect(records).toBeGreaterThan(0);
  });
});
