/**
 * Mutation fuzzing over small good corpus files: bit flips, truncation and corrupted length fields,
 * fed in random chunk sizes. The reader must never throw, must hand out only in-bounds records, and must
 * stop with a typed problem whose offset lies inside the input. What the reader keeps beside the packets (sections,
 * statistics, names, packet comments) and Capture File Properties' scan of it stay bounded by the input. Seeded, so
 * a failure reproduces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureReader, type CaptureProblemCode, type CaptureRecord } from '../../../shared/capture-file/capture-reader';
import { CaptureFileScan } from '../../../shared/capture-file/capture-file-scan';
import { CORPUS_DIR } from '../../support/paths';
import { mulberry32 } from '../../support/seeded-random';

const SEEDS = [
  'tcpdump__pptp.pcap', // big-endian µs pcap
  'tcpdump__tcp-handshake-nano.pcap', // ns pcap
  'zeek__tcp__options.pcap',
  'pcapng-test-generator__be__difficult__test202.pcapng', // several sections, mixed byte order, SPB, custom
  'pcapng-test-generator__le__advanced__test102.pcapng',
  'gopacket__le__test902.pcapng', // tsresol 2^-8
  'zeek__tcp__retransmit-timeout.pcapng',
  'scapy__pfcp.pcap', // big-endian pcapng with obsolete packet blocks
];
const MUTATIONS_PER_FILE = 400;
const CODES: CaptureProblemCode[] = ['gzip', 'bad-magic', 'unsupported-magic', 'unsupported-version', 'bad-link-type',
  'truncated', 'caplen-too-large', 'block-too-short', 'block-length-unaligned', 'block-trailer-mismatch',
  'block-too-large', 'no-section-header', 'unknown-interface', 'option-overrun', 'too-many-interfaces',
  'bad-timestamp-resolution'];


const INTERESTING = [0, 1, 11, 12, 13, 16, 28, 0x7fffffff, 0x80000000, 0xffffffff, 16 * 1024 * 1024 + 4, 262145];

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const out = src.slice();
  const kind = Math.floor(rnd() * 4);
  if (kind === 0) {
    const flips = 1 + Math.floor(rnd() * 8);
    for (let i = 0; i < flips; i++) out[Math.floor(rnd() * out.length)] ^= 1 << Math.floor(rnd() * 8);
  } else if (kind === 1) {
    return out.subarray(0, Math.floor(rnd() * out.length));
  } else {
    // Overwrite an aligned 32-bit word (lengths, caplens, versions live at 4-byte offsets) in either order.
    const at = Math.floor((rnd() * (out.length - 4)) / 4) * 4;
    const dv = new DataView(out.buffer);
    const value = kind === 2 ? INTERESTING[Math.floor(rnd() * INTERESTING.length)] : Math.floor(rnd() * 2 ** 32);
    dv.setUint32(at, value, rnd() < 0.5);
  }
  return out;
}

describe('capture reader under mutation', () => {
  it.each(SEEDS)('%s: mutated copies give records or a typed problem, never a throw', (file) => {
    const good = new Uint8Array(readFileSync(join(CORPUS_DIR, file)));
    const rnd = mulberry32(0x5eed ^ good.length);
    for (let n = 0; n < MUTATIONS_PER_FILE; n++) {
      const bytes = mutate(good, rnd);
      const reader = createCaptureReader();
      const scan = new CaptureFileScan();
      let records = 0, inBounds = true, commentBytes = 0;
      reader.onComment = (frame, text) => { commentBytes += text.length; scan.comment(frame, text); };
      const onRecord = (r: CaptureRecord): void => {
        records++;
        if (r.at < 0 || r.at + r.capLen > r.bytes.length || r.fileOffset + r.capLen > bytes.length) inBounds = false;
        scan.add(r, reader.interfaces);
      };
      let problem = null;
      const chunk = 1 + Math.floor(rnd() * 700);
      for (let at = 0; at < bytes.length && !problem; at += chunk) problem = reader.push(bytes.subarray(at, at + chunk), onRecord);
      problem ??= reader.end();
      expect(inBounds, `mutation ${n}`).toBe(true);
      // Every record has at least a 12-byte header or block around it.
      expect(records).toBeLessThanOrEqual(bytes.length / 12);
      const m = reader.metadata;
      expect(m.sections.length + m.resolvedIpv4 + m.resolvedIpv6 + m.decryptionSecrets).toBeLessThanOrEqual(bytes.length / 4);
      expect(commentBytes).toBeLessThanOrEqual(bytes.length);
      if (reader.format) {
        const p = scan.properties({ format: reader.format, interfaces: reader.interfaces, metadata: m, compressed: false, fileSize: bytes.length, sha256: '', sha1: '', problem: null });
        expect(p.packets).toBe(records);
        expect(p.interfaces.reduce((n, i) => n + i.packets, 0)).toBe(records);
      }
      if (problem) {
        expect(CODES).toContain(problem.code);
        expect(problem.offset).toBeGreaterThanOrEqual(0);
        expect(problem.offset).toBeLessThanOrEqual(bytes.length);
        expect(problem.message.length).toBeGreaterThan(10);
      }
    }
  });
});
