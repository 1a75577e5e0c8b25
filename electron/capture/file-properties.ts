/**
 * Capture File Properties of a file on disk (Statistics ▸ Capture File Properties, `synack-capture info`): one
 * pass of the capture reader over the records without decoding them (shared/capture-file/capture-file-scan.ts),
 * and beside it the file's SHA256 and SHA1 as stored (gzip too, as capinfos hashes them). A file that stops
 * being readable part-way still gets its figures up to there, with the reason.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createCaptureReader } from '../../shared/capture-file/capture-reader';
import { CaptureFileScan, type CaptureFileProperties } from '../../shared/capture-file/capture-file-scan';
import { readCaptureFile } from './file-source';

/** Both digests of the file's bytes, in one read. */
function fileHashes(path: string, signal?: AbortSignal): Promise<{ sha256: string; sha1: string }> {
  const sha256 = createHash('sha256'), sha1 = createHash('sha1');
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
    stream.on('data', (b) => { sha256.update(b); sha1.update(b); });
    stream.on('error', reject);
    stream.on('end', () => resolve({ sha256: sha256.digest('hex'), sha1: sha1.digest('hex') }));
  });
}

/**
 * The properties of the capture at `path`. Rejects when the file cannot be opened or is not a capture file at
 * all (no format could be recognised); a problem later in the file is reported in `problem`.
 */
export async function readFileProperties(path: string, signal?: AbortSignal): Promise<CaptureFileProperties> {
  const reader = createCaptureReader();
  const scan = new CaptureFileScan();
  reader.onComment = (frame, text) => scan.comment(frame, text);
  const [read, hashes] = await Promise.all([
    readCaptureFile(path, (r) => scan.add(r, reader.interfaces), { reader, signal }),
    fileHashes(path, signal),
  ]);
  // Nothing of it could be read (no format, or a broken file header or first section): capinfos refuses it too.
  if (read.format === null || (read.problem && reader.interfaces.length === 0 && read.records === 0)) {
    throw new Error(read.problem?.message ?? 'The file is neither pcap nor pcapng.');
  }
  return scan.properties({
    format: read.format, interfaces: reader.interfaces, metadata: reader.metadata, compressed: read.compressed,
    fileSize: read.bytesTotal, ...hashes, problem: read.problem?.message ?? null,
  });
}
