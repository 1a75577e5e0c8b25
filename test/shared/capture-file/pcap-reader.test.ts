import { describe, expect, it } from 'vitest';
import { createCaptureReader, type CaptureProblem } from '../../../shared/capture-file/capture-reader';
import { join } from 'node:path';
import { concat, fields, pcapHeader, pcapRecord } from '../../support/capture-bytes';
import { MALFORMED_DIR } from '../../support/paths';
import { forEachRecord } from '../../support/read-capture';

interface Seen { frame: number; sec: number; nsec: number; capLen: number; origLen: number; fileOffset: number; first: number; linkType: number }

function read(bytes: Uint8Array, chunk = bytes.length || 1): { seen: Seen[]; problem: CaptureProblem | null } {
  const reader = createCaptureReader();
  const seen: Seen[] = [];
  let problem: CaptureProblem | null = null;
  for (let at = 0; at < bytes.length && !problem; at += chunk) {
    problem = reader.push(bytes.subarray(at, at + chunk), (r) => {
      seen.push({ frame: r.frame, sec: r.tsSec, nsec: r.tsNsec, capLen: r.capLen, origLen: r.origLen, fileOffset: r.fileOffset,
        first: r.capLen ? r.view.getUint8(r.at) : -1, linkType: r.linkType });
    });
  }
  return { seen, problem: problem ?? reader.end() };
}

const pkt = (n: number, first = 0xab): Uint8Array => { const p = new Uint8Array(n); p[0] = first; return p; };

describe('pcap reader', () => {
  it.each([[true, false], [false, false], [true, true], [false, true]])('reads le=%s nano=%s files', (le, nano) => {
    const bytes = concat(pcapHeader({ le, nano, linkType: 113 }), pcapRecord(le, 1700000000, nano ? 999999999 : 999999, pkt(60), 70),
      pcapRecord(le, 1700000001, 5, pkt(0)));
    const { seen, problem } = read(bytes, 5);
    expect(problem).toBeNull();
    expect(seen).toEqual([
      { frame: 1, sec: 1700000000, nsec: 999999999 - (nano ? 0 : 999), capLen: 60, origLen: 70, fileOffset: 40, first: 0xab, linkType: 113 },
      { frame: 2, sec: 1700000001, nsec: nano ? 5 : 5000, capLen: 0, origLen: 0, fileOffset: 116, first: -1, linkType: 113 },
    ]);
  });

  it('accepts records longer than the snaplen up to 262144 bytes, as libpcap and tshark do', () => {
    const { seen, problem } = read(concat(pcapHeader({ snaplen: 64 }), pcapRecord(true, 1, 0, pkt(1000))));
    expect(problem).toBeNull();
    expect(seen[0].capLen).toBe(1000);
  });

  it('stops at a record claiming more than 262144 captured bytes, keeping the ones before', () => {
    // After three sound records (with fewer, the record layout wiretap guesses could be another: pcap-record-layouts.test.ts).
    const bad = fields(true, [1, 4], [0, 4], [262145, 4], [262145, 4]);
    const good = pcapRecord(true, 1, 0, pkt(10));
    const { seen, problem } = read(concat(pcapHeader(), good, good, good, bad, pkt(100)));
    expect(seen).toHaveLength(3);
    expect(problem).toMatchObject({ code: 'caplen-too-large', offset: 24 + 3 * 26 });
  });

  it('allows D-Bus records up to 128 MiB (libpcap max_snaplen_for_dlt)', () => {
    const { problem } = read(concat(pcapHeader({ linkType: 231 }), pcapRecord(true, 1, 0, pkt(300000))));
    expect(problem).toBeNull();
  });

  it('reports a truncated file header, record header and record with the offset where each starts', () => {
    expect(read(pcapHeader().subarray(0, 20)).problem).toMatchObject({ code: 'truncated', offset: 0 });
    const rec = pcapRecord(true, 1, 0, pkt(10));
    expect(read(concat(pcapHeader(), rec, rec.subarray(0, 9))).problem).toMatchObject({ code: 'truncated', offset: 50 });
    const cut = read(concat(pcapHeader(), rec, rec.subarray(0, 20)), 3);
    expect(cut.problem).toMatchObject({ code: 'truncated', offset: 50 });
    expect(cut.seen).toHaveLength(1);
  });

  it('rejects major version 1 (tshark: "major version 1 unsupported") but reads 2.5 as tshark does', () => {
    expect(read(pcapHeader({ major: 1 })).problem?.code).toBe('unsupported-version');
    expect(read(pcapHeader({ minor: 5 })).problem).toBeNull();
  });

  it('rejects reserved link-type bits and reports the FCS length bits', () => {
    expect(read(pcapHeader({ linkType: 0x00300001 })).problem?.code).toBe('bad-link-type');
    const reader = createCaptureReader();
    reader.push(pcapHeader({ linkType: 0x44000001 }), () => {});
    expect(reader.interfaces[0]).toMatchObject({ linkType: 1, fcsLen: 8 });
  });

  it('names Navtel\'s pcap magic instead of reading it wrongly (the modified magic is read: pcap-record-layouts.test.ts)', () => {
    expect(read(fields(true, [0xa12b3c4d, 4], [2, 2], [4, 2], [0, 8], [65535, 4], [1, 4])).problem?.code).toBe('unsupported-magic');
    expect(read(fields(false, [0xa12b3c4d, 4], [2, 2], [4, 2], [0, 8], [65535, 4], [1, 4])).problem?.code).toBe('unsupported-magic');
  });

  it('carries a damaged fraction into the seconds as wiretap reads it, keeping the file\'s values', () => {
    const times = (nano: boolean, frac: number) => {
      const reader = createCaptureReader();
      const out: unknown[] = [];
      reader.push(concat(pcapHeader({ nano }), pcapRecord(true, 7, frac, pkt(4))), (r) => { out.push([r.tsSec, r.tsNsec, r.rawTimestamp]); });
      reader.end();   // a file of fewer than three records is read once it is known to end (the record layout)
      return out[0];
    };
    expect(times(false, 999999)).toEqual([7, 999999000, undefined]);
    expect(times(false, 1000000)).toEqual([8, 0, { tsSec: 7, tsNsec: 1000000000 }]);
    // 2^31 µs: ts_usec * 1000 in guint32 arithmetic is 0 (wiretap), not 2147 s later.
    expect(times(false, 2 ** 31)).toEqual([7, 0, { tsSec: 7, tsNsec: 2 ** 31 * 1000 }]);
    // (2^32 − 1) × 1000 modulo 2^32, signed, is −1000 ns.
    expect(times(false, 4294967295)).toEqual([6, 999999000, { tsSec: 7, tsNsec: 4294967295000 }]);
    // 2^31 ns read as a signed 32-bit nsecs is −2.147483648 s.
    expect(times(true, 2 ** 31)).toEqual([4, 852516352, { tsSec: 7, tsNsec: 2 ** 31 }]);
  });

  it('keeps returning the first problem after it', () => {
    const reader = createCaptureReader();
    const p = reader.push(pcapHeader({ major: 1 }), () => {});
    expect(reader.push(pcapRecord(true, 1, 1, pkt(4)), () => { throw new Error('no records after a problem'); })).toBe(p);
    expect(reader.end()).toBe(p);
  });
});

describe('pcap reader on damaged timestamps (../shared/corpus/malformed)', () => {
  // Frames 2 and 3 hold fractions of 10^6 and 2^31 µs (10^9 and 2^31 ns): tcpdump prints them as stored
  // ("1418145370.1000000", "1418145370.2147483648"); tshark reads them as 32-bit signed nsecs.
  it.each([
    ['tcpdump__timestamp_invalid_micro.pcap', [[1418145369, 999999000], [1418145371, 0], [1418145370, 0]], [1e9, 2 ** 31 * 1000]],
    ['tcpdump__timestamp_invalid_nano.pcap', [[1418145369, 999999999], [1418145371, 0], [1418145367, 852516352]], [1e9, 2 ** 31]],
  ])('%s: instants in range, the file\'s values kept on the damaged records', (file, instants, raw) => {
    const seen: unknown[] = [], kept: unknown[] = [];
    forEachRecord(join(MALFORMED_DIR, file), (r) => {
      seen.push([r.tsSec, r.tsNsec]);
      if (r.rawTimestamp) kept.push(r.rawTimestamp);
    });
    expect(seen).toEqual(instants);
    expect(kept).toEqual(raw.map((tsNsec) => ({ tsSec: 1418145370, tsNsec })));
  });
});

describe('format sniffing', () => {
  it('asks for decompression when it sees gzip magic', () => {
    expect(read(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0)).problem).toMatchObject({ code: 'gzip', offset: 0 });
  });
  it('names unknown magic, an empty file and a file of three bytes', () => {
    expect(read(new TextEncoder().encode('hello world')).problem?.code).toBe('bad-magic');
    expect(read(new Uint8Array(0)).problem?.code).toBe('truncated');
    expect(read(Uint8Array.of(0xd4, 0xc3, 0xb2)).problem?.code).toBe('truncated');
  });
  it('sniffs across one-byte chunks and reports the format', () => {
    const reader = createCaptureReader();
    const bytes = concat(pcapHeader({ le: false }), pcapRecord(false, 1, 2, pkt(3)));
    let n = 0;
    for (let i = 0; i < bytes.length; i++) expect(reader.push(bytes.subarray(i, i + 1), () => { n++; })).toBeNull();
    expect([reader.format, reader.end(), n, reader.recordsRead]).toEqual(['pcap', null, 1, 1]);
  });
});
