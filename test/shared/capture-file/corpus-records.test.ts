/**
 * Every capture in ../shared/corpus read with our reader agrees with tshark: record counts, frame numbers,
 * timestamps to the nanosecond, frame.len and frame.cap_len; and the result does not depend on how the
 * file is cut into chunks.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureReader } from '../../../shared/capture-file/capture-reader';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { CORPUS_DIR } from '../../support/paths';
import { epochText as epoch, forEachRecord } from '../../support/read-capture';
import { requireTool } from '../../support/require-tool';

const FILES = readdirSync(CORPUS_DIR).filter((n) => /\.(pcap|pcapng)$/.test(n)).sort();
const MANIFEST_ROWS = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
/** capinfos' packet count per file. */
const MANIFEST = new Map(MANIFEST_ROWS.map((c) => [c[0], Number(c[5])] as const));
/** Files with frames the TCP-only TSV does not cover (non-TCP packets, custom blocks): tshark is asked directly. */
const NOT_ALL_TCP = new Set(MANIFEST_ROWS.filter((c) => Number(c[6]) < Number(c[5])).map((c) => c[0]));

function rowsOf(file: string): Map<number, string> {
  const rows = new Map<number, string>();
  forEachRecord(join(CORPUS_DIR, file), (r) => { rows.set(r.frame, `${epoch(r)}\t${r.origLen}\t${r.capLen}`); });
  return rows;
}

describe('corpus: records agree with tshark', () => {
  it.each(FILES)('%s: packet count equals capinfos and TCP frames match FILE.tshark.tsv', (file) => {
    const res = forEachRecord(join(CORPUS_DIR, file), () => {});
    expect(res.problem).toBeNull();
    expect(res.records).toBe(MANIFEST.get(file));
    const rows = rowsOf(file);
    const tsv = readFileSync(join(CORPUS_DIR, `${file}.tshark.tsv`), 'utf8').trim().split('\n').slice(1);
    for (const line of tsv) {
      const [frame, time, len, capLen] = line.split('\t');
      expect(rows.get(Number(frame)), `${file} frame ${frame}`).toBe(`${time}\t${len}\t${capLen}`);
    }
  });

  const haveTshark = requireTool('tshark');
  it.skipIf(!haveTshark).each(FILES.filter((f) => NOT_ALL_TCP.has(f) && statSync(join(CORPUS_DIR, f)).size < 2_000_000))(
    '%s: every frame (not only TCP) matches tshark -T fields', (file) => {
      const out = execFileSync('tshark', ['-r', join(CORPUS_DIR, file), '-T', 'fields', '-e', 'frame.number',
        '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.cap_len', '-e', '_ws.col.Protocol'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
      const rows = rowsOf(file);
      let packets = 0;
      for (const line of out.trim().split('\n').filter(Boolean)) {
        const [frame, time, len, capLen, protocol] = line.split('\t');
        // tshark 4.0 shows pcapng Custom Blocks as frames of protocol "PCAPNG"; we number them but hand out no record.
        if (protocol === 'PCAPNG') { expect(rows.has(Number(frame))).toBe(false); continue; }
        packets++;
        expect(rows.get(Number(frame)), `${file} frame ${frame}`).toBe(`${time}\t${len}\t${capLen}`);
      }
      expect(rows.size).toBe(packets);
    });
});

/** One line per record with everything the reader reports, bytes included (as a cheap hash). */
function digest(bytes: Uint8Array, chunk: number): string[] {
  const lines: string[] = [];
  const reader = createCaptureReader();
  const onRecord = (r: CaptureRecord): void => {
    let h = 0;
    for (let i = r.at; i < r.at + r.capLen; i++) h = (Math.imul(h, 31) + r.bytes[i]) | 0;
    // The packet sits at fileOffset in the file: reading it back by offset gives the same bytes.
    const back = bytes.subarray(r.fileOffset, r.fileOffset + r.capLen);
    let hb = 0;
    for (let i = 0; i < back.length; i++) hb = (Math.imul(hb, 31) + back[i]) | 0;
    lines.push([r.frame, r.tsSec, r.tsNsec, r.hasTimestamp, r.capLen, r.origLen, r.iface, r.linkType, r.fileOffset, h, h === hb].join(' '));
  };
  let problem = null;
  for (let at = 0; at < bytes.length && !problem; at += chunk) problem = reader.push(bytes.subarray(at, at + chunk), onRecord);
  lines.push(`end ${(problem ?? reader.end())?.code ?? 'ok'} ${reader.recordsRead}`);
  return lines;
}

describe('corpus: chunk-size independence', () => {
  it.each(FILES)('%s reads the same with chunks of 1 (small files), 3, 4096 bytes and whole', (file) => {
    const bytes = new Uint8Array(readFileSync(join(CORPUS_DIR, file)));
    const whole = digest(bytes, bytes.length || 1);
    expect(whole.every((l) => l.startsWith('end') || l.endsWith('true'))).toBe(true);
    const sizes = bytes.length <= 100_000 ? [1, 3, 4096] : [3, 4096];
    for (const size of sizes) expect(digest(bytes, size), `chunk ${size}`).toEqual(whole);
  });
});
