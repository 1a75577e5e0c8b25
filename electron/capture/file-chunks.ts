/**
 * Pull-style chunks of a capture file for the file job: the next chunk is read only when asked for, which
 * is what lets flow control stop the reading. One read buffer is reused (the capture readers copy what
 * straddles a chunk boundary and keep no reference to a pushed chunk); gzip files are inflated on the way
 * (`bytesRead` then counts compressed bytes, to match the file size shown as progress).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';

const CHUNK_BYTES = 256 * 1024;

export interface FileChunks {
  /** The next chunk (valid until the following call), or null at the end of the file. */
  next(): Promise<Uint8Array | null>;
  close(): Promise<void>;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

export async function openFileChunks(path: string): Promise<FileChunks> {
  const fh = await open(path, 'r');
  try {
    const bytesTotal = (await fh.stat()).size;
    const head = new Uint8Array(2);
    await fh.read(head, 0, 2, 0);
    return head[0] === 0x1f && head[1] === 0x8b ? gzipChunks(fh, bytesTotal) : plainChunks(fh, bytesTotal);
  } catch (e) {
    await fh.close();
    throw e;
  }
}

function plainChunks(fh: FileHandle, bytesTotal: number): FileChunks {
  const buf = new Uint8Array(CHUNK_BYTES);
  let pos = 0;
  return {
    get bytesRead() { return pos; },
    bytesTotal,
    async next() {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return null;
      pos += bytesRead;
      return buf.subarray(0, bytesRead);
    },
    close: () => fh.close(),
  };
}

function gzipChunks(fh: FileHandle, bytesTotal: number): FileChunks {
  const raw = fh.createReadStream({ highWaterMark: CHUNK_BYTES, autoClose: false });
  let compressed = 0;
  raw.on('data', (c: Buffer) => { compressed += c.length; });
  const inflated = raw.pipe(createGunzip({ chunkSize: CHUNK_BYTES }));
  const it = (inflated as Readable)[Symbol.asyncIterator]();
  return {
    get bytesRead() { return compressed; },
    bytesTotal,
    async next() {
      const r = await it.next();
      return r.done ? null : new Uint8Array(r.value as Buffer);
    },
    async close() {
      inflated.destroy();
      raw.destroy();
      await fh.close();
    },
  };
}
