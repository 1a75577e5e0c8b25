import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  createCaptureReader, type CaptureInterface, type CaptureProblem, type CaptureRecord,
} from '../../shared/capture-file/capture-reader';

export interface ReadCaptureResult {
  /** First problem (null when the file read cleanly to its end). Records before it were all delivered. */
  problem: CaptureProblem | null;
  /** Packet records delivered. */
  records: number;
  interfaces: readonly CaptureInterface[];
}

/**
 * Test helper: streams a capture file through `createCaptureReader` in `chunkSize`-byte reads (default
 * 64 KiB; any size works, 1 included) and calls `onRecord` for each packet. The record object is reused:
 * copy what you keep (`r.bytes.slice(r.at, r.at + r.capLen)`). A gzip file is decompressed in memory
 * first (test files are small; the app streams through electron/capture/file-source instead).
 */
export function forEachRecord(path: string, onRecord: (r: CaptureRecord) => void, chunkSize = 65536): ReadCaptureResult {
  const reader = createCaptureReader();
  const fd = openSync(path, 'r');
  const buf = new Uint8Array(Math.max(1, chunkSize));
  let problem: CaptureProblem | null = null;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      problem = reader.push(buf.subarray(0, n), onRecord);
      if (problem) break;
    }
  } finally {
    closeSync(fd);
  }
  if (problem?.code === 'gzip') return forEachGunzipped(path, onRecord, chunkSize);
  return { problem: problem ?? reader.end(), records: reader.recordsRead, interfaces: reader.interfaces };
}

function forEachGunzipped(path: string, onRecord: (r: CaptureRecord) => void, chunkSize: number): ReadCaptureResult {
  const reader = createCaptureReader();
  const fd = openSync(path, 'r');
  let plain: Uint8Array;
  try {
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(65536);
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) chunks.push(Buffer.from(buf.subarray(0, n)));
    plain = gunzipSync(Buffer.concat(chunks));
  } finally {
    closeSync(fd);
  }
  let problem: CaptureProblem | null = null;
  const step = Math.max(1, chunkSize);
  for (let at = 0; at < plain.length && !problem; at += step) problem = reader.push(plain.subarray(at, at + step), onRecord);
  return { problem: problem ?? reader.end(), records: reader.recordsRead, interfaces: reader.interfaces };
}

/** frame.time_epoch as tshark prints it: seconds, a dot, nine digits; empty when the record has no timestamp. */
export function epochText(r: CaptureRecord): string {
  return r.hasTimestamp === false ? '' : `${r.tsSec}.${String(r.tsNsec).padStart(9, '0')}`;
}
