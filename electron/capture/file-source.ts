/**
 * Capture files on disk → the shared push readers. Sniffs the first bytes (pcap, pcapng or gzip — by magic,
 * never by file name), inflates `.pcap.gz`/`.pcapng.gz` on the fly through node:zlib, and hands out chunks
 * only when asked (pull-based), so the consumer sets the pace and memory stays bounded by one chunk plus
 * one record, whatever the file size. Cancellation is an AbortSignal checked between chunks.
 *
 * `readPacketBytes` reads one packet back by the `fileOffset` a record reported. For a plain file that is one
 * positioned read. For a gzip file, offsets are positions in the *decompressed* stream and gzip has no
 * random access, so it inflates from the start up to the offset: O(offset) time (~300 MB/s of output on
 * these machines, so ~3 s for a packet 1 GB into the stream), O(chunk) memory. Callers that need many
 * packets from a large .gz should decompress it to a temp file once.
 */
import { readSync } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createCaptureReader, type CaptureInterface, type CaptureProblem, type CaptureReader, type CaptureRecord }
  from '../../shared/capture-file/capture-reader';
import { captureProblem } from '../../shared/capture-file/capture-problem';
import { FILE_POSITION_START } from '../../shared/capture-file/file-offset';

const CHUNK_BYTES = 256 * 1024;

export interface CaptureFileChunks {
  /** The next chunk of (decompressed) capture bytes, valid until the following call; null at the end, on abort or on a problem. */
  next(): Promise<Uint8Array | null>;
  close(): Promise<void>;
  /** Bytes of the file consumed so far (compressed bytes for gzip) and the file size, for progress. */
  readonly bytesRead: number;
  readonly bytesTotal: number;
  /** Whether the file is gzip-compressed. */
  readonly compressed: boolean;
  /** Which file was opened (a second reader of the same path checks it opened the same one). */
  readonly identity: FileIdentity;
  /** Set when reading stopped on a gzip or I/O error (the chunks before it were good). */
  readonly problem: CaptureProblem | null;
  /** Set when the signal stopped the reading. */
  readonly aborted: boolean;
}

/** A file's identity at open: device, inode, size and modification time (a changed or replaced file differs). */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** The identity of the file at `path` now (throws the fs error when it cannot be stat'ed). */
export async function fileIdentity(path: string): Promise<FileIdentity> {
  const { dev, ino, size, mtimeMs } = await stat(path);
  return { dev, ino, size, mtimeMs };
}

export interface OpenOptions {
  signal?: AbortSignal;
  /** Read size in bytes (default 256 KiB). */
  chunkBytes?: number;
  /**
   * Read a plain file with blocking reads, on the calling thread: for a thread that does nothing else (the decode
   * thread). A thread-pool read costs well over twice the CPU of a blocking one (2.8 GB in 256 KiB reads: 0.69 s
   * against 0.26 s), and the CPU is what the pipeline is short of; the caller's thread waits instead of a pool thread.
   */
  blocking?: boolean;
}

/** Opens a capture file for pull-based reading. Rejects only when the file cannot be opened or stat'ed. */
export async function openCaptureFile(path: string, options: OpenOptions = {}): Promise<CaptureFileChunks> {
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    const identity: FileIdentity = { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
    const head = new Uint8Array(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    const gzip = bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
    const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
    if (gzip) return new GzipChunks(fh, identity, chunkBytes, options.signal);
    return new PlainChunks(fh, identity, chunkBytes, options.signal, options.blocking);
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/**
 * A plain file read ahead by one chunk: while the consumer works on the chunk `next()` returned, the read of the
 * following one is already under way in libuv's thread pool (two buffers, used in turn), so reading and
 * consuming overlap instead of alternating. A chunk stays valid until the call after the one that returned it.
 * With `blocking` (OpenOptions.blocking) each chunk is read when asked, on the caller's thread, into one buffer.
 */
class PlainChunks implements CaptureFileChunks {
  readonly compressed = false;
  private read = FILE_POSITION_START;
  get bytesRead(): number { return this.read + 0; }   // never -0 to a caller
  problem: CaptureProblem | null = null;
  aborted = false;
  private readonly bufs: Uint8Array[];
  private turn = 0;
  /** The read under way (into bufs[turn]), or null before the first call, after the end and when blocking. */
  private ahead: Promise<number> | null = null;
  private ended = false;

  readonly bytesTotal: number;

  constructor(private readonly fh: FileHandle, readonly identity: FileIdentity, chunkBytes: number, private readonly signal?: AbortSignal,
    private readonly blocking = false) {
    this.bytesTotal = identity.size;
    this.bufs = blocking ? [new Uint8Array(chunkBytes)] : [new Uint8Array(chunkBytes), new Uint8Array(chunkBytes)];
  }

  async next(): Promise<Uint8Array | null> {
    if (this.problem || this.aborted || this.ended) return null;
    if (this.signal?.aborted) { this.aborted = true; return null; }
    try {
      const n = this.blocking ? readSync(this.fh.fd, this.bufs[0], 0, this.bufs[0].length, this.read) : await (this.ahead ?? this.readInto(this.turn));
      this.ahead = null;
      if (n === 0) { this.ended = true; return null; }
      const chunk = this.bufs[this.turn].subarray(0, n);
      this.read += n;
      if (!this.blocking) {
        this.turn ^= 1;
        this.ahead = this.readInto(this.turn);
        this.ahead.catch(() => {});   // a failure is reported by the next call, which awaits it
      }
      return chunk;
    } catch (e) {
      this.problem = captureProblem('io-error', this.bytesRead, `Reading the file failed at byte ${this.bytesRead}: ${(e as Error).message}`);
      return null;
    }
  }

  async close(): Promise<void> {
    await this.ahead?.catch(() => {});
    return this.fh.close();
  }

  /** Reads the chunk after the bytes handed out so far (a short read moves the next one back accordingly). */
  private async readInto(turn: number): Promise<number> {
    const buf = this.bufs[turn];
    const { bytesRead } = await this.fh.read(buf, 0, buf.length, this.read);
    return bytesRead;
  }
}

class GzipChunks implements CaptureFileChunks {
  readonly compressed = true;
  private read = FILE_POSITION_START;
  get bytesRead(): number { return this.read + 0; }   // never -0 to a caller
  problem: CaptureProblem | null = null;
  aborted = false;
  /** Decompressed bytes handed out so far: the file offset of the next chunk's first byte. */
  private inflatedBytes = 0;
  private readonly raw: Readable;
  private readonly inflated: Readable;
  private readonly iterator: AsyncIterator<Buffer>;

  readonly bytesTotal: number;

  constructor(private readonly fh: FileHandle, readonly identity: FileIdentity, chunkBytes: number, private readonly signal?: AbortSignal) {
    this.bytesTotal = identity.size;
    this.raw = fh.createReadStream({ highWaterMark: chunkBytes, autoClose: false, start: 0 });
    this.raw.on('data', (c: Buffer) => { this.read += c.length; });
    const gunzip = createGunzip({ chunkSize: chunkBytes });
    this.raw.on('error', (e) => gunzip.destroy(e));
    this.inflated = this.raw.pipe(gunzip);
    this.iterator = this.inflated[Symbol.asyncIterator]();
  }

  async next(): Promise<Uint8Array | null> {
    if (this.problem || this.aborted) return null;
    if (this.signal?.aborted) { this.aborted = true; return null; }
    try {
      const r = await this.iterator.next();
      if (r.done) return null;
      const b = r.value;
      this.inflatedBytes += b.length;
      return new Uint8Array(b.buffer, b.byteOffset, b.length);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const io = err.code !== undefined && !err.code.startsWith('Z_');
      this.problem = captureProblem(io ? 'io-error' : 'bad-gzip', this.inflatedBytes, io
        ? `Reading the file failed after ${this.bytesRead} bytes: ${err.message}`
        : `The gzip data is damaged or cut short (${err.message}) after ${this.inflatedBytes} decompressed bytes; the packets before it are kept.`);
      return null;
    }
  }

  async close(): Promise<void> {
    this.inflated.destroy();
    this.raw.destroy();
    await this.fh.close();
  }
}

export interface ReadOptions extends OpenOptions {
  /** Called after each chunk with file bytes consumed and the file size. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
  /** Called after each chunk; reading waits for a returned promise (the consumer's pace, e.g. IPC backpressure). */
  pace?: () => void | Promise<void>;
  /** The reader to push into (default: a fresh one), for a caller that reads its metadata or comments. */
  reader?: CaptureReader;
}

export interface FileReadResult {
  format: 'pcap' | 'pcapng' | null;
  compressed: boolean;
  /** The first problem: from the capture reader, or a gzip / I/O error. Every record before it was delivered. */
  problem: CaptureProblem | null;
  records: number;
  interfaces: readonly CaptureInterface[];
  bytesRead: number;
  bytesTotal: number;
  aborted: boolean;
}

/** Streams a whole capture file through a capture reader, calling `onRecord` for each packet (the record is reused). */
export async function readCaptureFile(path: string, onRecord: (r: CaptureRecord) => void, options: ReadOptions = {}): Promise<FileReadResult> {
  const chunks = await openCaptureFile(path, options);
  const reader = options.reader ?? createCaptureReader();
  let problem: CaptureProblem | null = null;
  try {
    for (let chunk = await chunks.next(); chunk && !problem; chunk = problem ? null : await chunks.next()) {
      problem = reader.push(chunk, onRecord);
      options.onProgress?.(chunks.bytesRead, chunks.bytesTotal);
      await options.pace?.();
    }
    if (!problem && !chunks.aborted) problem = chunks.problem ?? reader.end();
  } finally {
    await chunks.close();
  }
  return {
    format: reader.format, compressed: chunks.compressed, problem, records: reader.recordsRead, interfaces: reader.interfaces,
    bytesRead: chunks.bytesRead, bytesTotal: chunks.bytesTotal, aborted: chunks.aborted,
  };
}

/**
 * The `capLen` bytes at `fileOffset` (a record's fileOffset). For gzip files this inflates from the start:
 * see the cost note at the top. Rejects when the file is shorter than `fileOffset + capLen`.
 */
export async function readPacketBytes(path: string, fileOffset: number, capLen: number): Promise<Uint8Array> {
  const out = new Uint8Array(capLen);
  const fh = await open(path, 'r');
  let filled = 0;
  let gzip: boolean;
  try {
    const head = new Uint8Array(2);
    gzip = (await fh.read(head, 0, 2, 0)).bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
    while (!gzip && filled < capLen) {
      const { bytesRead } = await fh.read(out, filled, capLen - filled, fileOffset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
  } finally {
    await fh.close();
  }
  if (gzip) filled = await inflateRange(path, fileOffset, out);
  if (filled < capLen) throw new RangeError(`${path} ends before byte ${fileOffset + capLen} (packet of ${capLen} bytes at ${fileOffset})`);
  return out;
}

/** Inflates a gzip file from the start and copies decompressed bytes [offset, offset + out.length) into `out`. */
async function inflateRange(path: string, offset: number, out: Uint8Array): Promise<number> {
  const chunks = await openCaptureFile(path);
  let filled = 0, at = 0; // `at`: decompressed offset of the current chunk's first byte
  try {
    for (let chunk = await chunks.next(); chunk && filled < out.length; chunk = await chunks.next()) {
      const from = offset + filled - at;
      if (from < chunk.length) {
        const take = Math.min(chunk.length - from, out.length - filled);
        out.set(chunk.subarray(from, from + take), filled);
        filled += take;
      }
      at += chunk.length;
    }
    if (chunks.problem && filled < out.length) throw new Error(chunks.problem.message);
  } finally {
    await chunks.close();
  }
  return filled;
}
