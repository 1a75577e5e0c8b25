import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCaptureFile, readCaptureFile, readPacketBytes } from '../../../electron/capture/file-source';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { CORPUS_DIR, TEST_OUTPUT_DIR } from '../../support/paths';
import { epochText, forEachRecord } from '../../support/read-capture';

const OUT = join(TEST_OUTPUT_DIR, 'file-source');
const PCAP = join(CORPUS_DIR, 'zeek__http__206_example_b.pcap'); // 1.4 MB, 1556 packets
const PCAPNG = join(CORPUS_DIR, 'pcapng-test-generator__be__difficult__test202.pcapng');
/** gzip copies with names that do not say gzip: the source must sniff, not trust the name. */
const GZ_PCAP = join(OUT, 'http.capture');
const GZ_PCAPNG = join(OUT, 'test202.pcapng');
const GZ_TWO_MEMBERS = join(OUT, 'two-members.pcap.gz');
const GZ_CUT = join(OUT, 'cut.pcap.gz');

const line = (r: CaptureRecord): string => `${r.frame} ${epochText(r)} ${r.capLen} ${r.origLen} ${r.fileOffset} ${Buffer.from(r.bytes.subarray(r.at, r.at + r.capLen)).toString('base64')}`;

function expected(path: string): string[] {
  const lines: string[] = [];
  forEachRecord(path, (r) => { lines.push(line(r)); });
  return lines;
}

beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
  const pcap = readFileSync(PCAP);
  writeFileSync(GZ_PCAP, gzipSync(pcap));
  writeFileSync(GZ_PCAPNG, gzipSync(readFileSync(PCAPNG)));
  // RFC 1952 §2.2: a gzip file may be several members; gunzip concatenates them.
  writeFileSync(GZ_TWO_MEMBERS, Buffer.concat([gzipSync(pcap.subarray(0, 100_000)), gzipSync(pcap.subarray(100_000))]));
  const gz = gzipSync(pcap);
  writeFileSync(GZ_CUT, gz.subarray(0, gz.length >> 1));
});

describe('file source', () => {
  it.each([
    ['plain pcap', PCAP, PCAP, false],
    ['gzip pcap named .capture', GZ_PCAP, PCAP, true],
    ['gzip pcapng', GZ_PCAPNG, PCAPNG, true],
    ['gzip in two members', GZ_TWO_MEMBERS, PCAP, true],
  ])('streams a %s into the same records as the plain file', async (_, path, plain, compressed) => {
    const lines: string[] = [];
    const res = await readCaptureFile(path, (r) => { lines.push(line(r)); }, { chunkBytes: 10_000 });
    expect(lines).toEqual(expected(plain));
    expect(res).toMatchObject({ problem: null, compressed, aborted: false, records: lines.length });
    expect(res.bytesRead).toBe(res.bytesTotal);
  });

  it('reports progress in file bytes, rising to the file size', async () => {
    const seen: number[] = [];
    let total = 0;
    await readCaptureFile(GZ_PCAP, () => {}, { chunkBytes: 16_384, onProgress: (read, all) => { seen.push(read); total = all; } });
    expect(seen.length).toBeGreaterThan(3);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen.at(-1)).toBe(total);
  });

  it('waits for the consumer between chunks (pull-based)', async () => {
    let records = 0, paused = false;
    const res = await readCaptureFile(PCAP, () => {
      expect(paused).toBe(false);
      records++;
    }, {
      chunkBytes: 65_536,
      pace: async () => { paused = true; await new Promise((r) => setTimeout(r, 1)); paused = false; },
    });
    expect(res.records).toBe(records);
  });

  it.each([PCAP, GZ_PCAP])('stops between chunks when the signal aborts (%s)', async (path) => {
    const ac = new AbortController();
    let chunks = 0;
    const res = await readCaptureFile(path, () => {}, { chunkBytes: 65_536, signal: ac.signal, pace: () => { if (++chunks === 2) ac.abort(); } });
    expect(res.aborted).toBe(true);
    expect(res.problem).toBeNull();
    expect(res.records).toBeGreaterThan(0);
    expect(res.records).toBeLessThan(1556);
  });

  it('keeps the packets before a cut-short gzip stream and names the damage', async () => {
    const res = await readCaptureFile(GZ_CUT, () => {});
    expect(res.problem?.code).toBe('bad-gzip');
    expect(res.records).toBeGreaterThan(100);
    expect(res.problem?.offset).toBeGreaterThan(0);
  });

  it('passes the reader\'s problem through (not a capture file)', async () => {
    const path = join(OUT, 'not-a-capture.txt');
    writeFileSync(path, 'hello, this is text\n');
    expect((await readCaptureFile(path, () => {})).problem?.code).toBe('bad-magic');
  });

  it.each([PCAP, GZ_PCAP])('reads single packets back by file offset (%s)', async (path) => {
    const picks: { offset: number; bytes: string }[] = [];
    let n = 0;
    forEachRecord(PCAP, (r) => {
      if (n++ % 300 === 0 || r.frame === 1556) picks.push({ offset: r.fileOffset, bytes: Buffer.from(r.bytes.subarray(r.at, r.at + r.capLen)).toString('hex') });
    });
    for (const p of picks) {
      const got = await readPacketBytes(path, p.offset, p.bytes.length / 2);
      expect(Buffer.from(got).toString('hex')).toBe(p.bytes);
    }
    await expect(readPacketBytes(path, readFileSync(PCAP).length - 10, 20)).rejects.toThrow(RangeError);
  });

  it('hands out chunks only when asked and reports the file size up front', async () => {
    const chunks = await openCaptureFile(PCAP, { chunkBytes: 4096 });
    try {
      expect(chunks.bytesTotal).toBe(readFileSync(PCAP).length);
      expect(chunks.bytesRead).toBe(0);
      const first = await chunks.next();
      expect(first?.length).toBe(4096);
      expect(chunks.bytesRead).toBe(4096);
    } finally {
      await chunks.close();
    }
  });

  it.each([true, false])('hands out every byte of a plain file in order with blocking reads (%s) and without', async (blocking) => {
    const chunks = await openCaptureFile(PCAP, { chunkBytes: 10_000, blocking });
    const parts: Buffer[] = [];
    try {
      for (let c = await chunks.next(); c !== null; c = await chunks.next()) parts.push(Buffer.from(c));   // copied: the buffer is reused
    } finally {
      await chunks.close();
    }
    expect(Buffer.concat(parts).equals(readFileSync(PCAP))).toBe(true);
    expect(chunks).toMatchObject({ bytesRead: chunks.bytesTotal, problem: null, compressed: false });
  });

  it('names the byte where a blocking read failed and hands out nothing after it', async () => {
    const chunks = await openCaptureFile(PCAP, { chunkBytes: 4096, blocking: true });
    expect((await chunks.next())?.length).toBe(4096);
    await chunks.close();                                  // the descriptor is gone: the next read fails
    expect(await chunks.next()).toBeNull();
    expect(chunks.problem).toMatchObject({ code: 'io-error', offset: 4096 });
    expect(chunks.problem?.message).toMatch(/^Reading the file failed at byte 4096: ./);
    expect(await chunks.next()).toBeNull();
  });

  it('rejects a path that cannot be opened', async () => {
    await expect(readCaptureFile(join(OUT, 'missing.pcap'), () => {})).rejects.toThrow(/ENOENT/);
  });
});
