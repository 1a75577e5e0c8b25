/**
 * Fuzz: random and mutated frames through PacketDecoder.decode() and buildDetailTree() for every link type.
 * Nothing may throw, every problem offset must lie inside the frame, and the decoder must not report TCP
 * fields it could not have read. Deterministic (seeded PRNG) so a failure reproduces; no timing asserts —
 * a hang would hit the test timeout instead.
 */
import { readdirSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDetailTree } from '../../../shared/wire/detail-tree';
import { LINKTYPE_NAMES } from '../../../shared/wire/link';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { CORPUS_DIR, MALFORMED_DIR } from '../../support/paths';
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

function check(decoder: PacketDecoder, frame: Uint8Array, linkType: number, origLen: number, tree: boolean): void {
  const buf = new Uint8Array(frame.length + 3);
  buf.set(frame, 3);
  const dv = new DataView(buf.buffer, 0, frame.length + 3);
  const p = decoder.decode(dv, 3, frame.length, origLen, linkType);
  if (p.problem !== 0) {
    expect(p.problemOffset).toBeGreaterThanOrEqual(3);
    expect(p.problemOffset).toBeLessThanOrEqual(3 + frame.length);
  }
  if (p.tcp) {
    expect(p.l4Offset + 16).toBeLessThanOrEqual(3 + frame.length);    // captured through the window field
    if (p.l4Offset + 20 > 3 + frame.length) expect([p.urgentPointer, p.problem !== 0]).toEqual([0, true]);
    expect(p.payloadCaptured).toBeGreaterThanOrEqual(0);
    if (p.payloadCaptured > 0) expect(p.payloadOffset + p.payloadCaptured).toBeLessThanOrEqual(3 + frame.length);
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
