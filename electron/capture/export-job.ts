/**
 * `file.export`: rereads the source (a capture file — pcap, pcapng or gzip — or the live session pcapng) and
 * writes the chosen frames to a new pcapng file, in file order, with their bytes, lengths, timestamps, interfaces
 * and packet comments unchanged. A pcap source is converted: its one interface becomes an IDB with the same link
 * type, snaplen and FCS length. Timestamps keep their precision: µs interfaces stay µs, every other
 * resolution is written in ns (the reader's precision).
 *
 * Streaming, like Wireshark's "Export Specified Packets": one chunk of the source and about a MiB of output
 * are held at a time and every read and write is awaited, so other requests are served in between and any
 * file size works. Reading stops after the last selected frame. The output goes to a hidden temporary file
 * beside the target, renamed over it only when complete: a failed export never leaves half a file, and
 * never touches an existing file it could not replace.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CaptureInterface } from '../../shared/capture-file/capture-interface';
import { createCaptureReader, type CaptureRecord } from '../../shared/capture-file/capture-reader';
import { PcapngWriter, type WriterInterface } from '../../shared/capture-file/pcapng-writer';
import type { ErrorCode, PacketCommentEdit } from '../../shared/ipc/contract';
import { frameSetHas, frameSetLast } from '../../shared/ipc/frame-set';
import { openCaptureFile } from './file-source';

/** Output is written once this much is staged. */
const FLUSH_BYTES = 1 << 20;

export type FrameSelection = 'all' | Uint8Array;

export interface ExportResult { frames: number; bytes: number }

/** An export that could not be done, with the contract code the worker answers with. */
export class ExportError extends Error {
  constructor(readonly contractCode: ErrorCode, message: string) {
    super(message);
  }
}

/**
 * Writes the `selection` frames of capture file `source` to pcapng file `target` (replaced when it exists); a frame in
 * `comments` gets that list instead of its own comments.
 */
export async function exportFrames(source: string, target: string, selection: FrameSelection, signal?: AbortSignal,
  comments: readonly PacketCommentEdit[] = []): Promise<ExportResult> {
  await refuseUnsuitableTarget(source, target);
  // Beside the target so the final rename stays on one file system; the name is cut to fit NAME_MAX (255).
  const part = join(dirname(target), `.${basename(target).slice(0, 200)}.${randomBytes(6).toString('hex')}.part`);
  const out = await open(part, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644)
    .catch((e: NodeJS.ErrnoException) => { throw unwritable(target, e); });
  try {
    const edits = new Map(comments.map((e) => [e.frame, e.comments]));
    const frames = await copyFrames(source, selection, new Output(out, target), edits, signal);
    const { size } = await out.stat();
    await out.close();
    await rename(part, target).catch((e: NodeJS.ErrnoException) => { throw unwritable(target, e); });
    return { frames, bytes: size };
  } catch (e) {
    await out.close().catch(() => undefined);
    await unlink(part).catch(() => undefined);
    throw e;
  }
}

/** Frames written. Stops at the source's end, its first format problem (like the pipeline) or after the last selected frame. */
async function copyFrames(source: string, selection: FrameSelection, out: Output, edits: ReadonlyMap<number, readonly string[]>, signal?: AbortSignal): Promise<number> {
  const chunks = await openCaptureFile(source, { signal }).catch((e: NodeJS.ErrnoException) => {
    throw new ExportError('file.unreadable', `cannot read ${source}: ${e.message}`);
  });
  const reader = createCaptureReader();
  const writer = new PcapngWriter();
  const last = selection === 'all' ? Infinity : frameSetLast(selection);
  let described = 0, written = 0, pastLast = false;
  // The reader hands a packet's comments right after the packet: its block waits for them until the next record or
  // the chunk's end (a block is never split between chunks), and is made again with them when there are any.
  let pending: { block: Uint8Array; rec: Pick<CaptureRecord, 'iface' | 'tsSec' | 'tsNsec' | 'capLen' | 'origLen' | 'frame'>; comments: string[] } | null = null;
  const putPending = (): void => {
    if (pending === null) return;
    const { block, rec } = pending, comments = edits.get(rec.frame) ?? pending.comments;   // the user's edit replaces the file's
    out.put(comments.length === 0 ? block : writer.packet(rec.iface, rec.tsSec, rec.tsNsec, block.subarray(28, 28 + rec.capLen), rec.origLen, comments));
    pending = null;
  };
  const onRecord = (rec: CaptureRecord): void => {
    putPending();
    if (pastLast || rec.frame > last) { pastLast = true; return; }
    if (selection !== 'all' && !frameSetHas(selection, rec.frame)) return;
    // IDBs go out in the reader's order (ids stay the same), each before the first packet that needs it.
    while (described <= rec.iface) out.put(writer.interfaceDescription(writerInterface(reader.interfaces[described++])));
    const block = writer.packet(rec.iface, rec.tsSec, rec.tsNsec, rec.bytes.subarray(rec.at, rec.at + rec.capLen), rec.origLen);
    pending = { block, rec: { iface: rec.iface, tsSec: rec.tsSec, tsNsec: rec.tsNsec, capLen: rec.capLen, origLen: rec.origLen, frame: rec.frame }, comments: [] };
    written++;
  };
  reader.onComment = (frame, text) => { if (pending?.rec.frame === frame) pending.comments.push(text); };
  try {
    out.put(writer.sectionHeader());
    let problem = null;
    for (let chunk = await chunks.next(); chunk; chunk = await chunks.next()) {
      problem = reader.push(chunk, onRecord);
      putPending();
      await out.flush(FLUSH_BYTES);
      if (problem || pastLast) break;
    }
    if (!problem && !pastLast && !chunks.aborted) { reader.end(); putPending(); }   // a short pcap's records come at its end
    if (chunks.aborted) throw new ExportError('request.failed', `export to ${out.target} cancelled`);
    if (chunks.problem) throw new ExportError('file.unreadable', chunks.problem.message);
    await out.flush(0);
  } finally {
    await chunks.close();
  }
  return written;
}

/** What the writer needs from a reader interface. */
function writerInterface(i: CaptureInterface): WriterInterface {
  return {
    linkType: i.linkType, snaplen: i.snaplen, name: i.name, description: i.description,
    fcsLen: i.fcsLen || undefined, tsresolNs: i.tsresol !== 6,
  };
}

/** Blocks staged in memory and written with one writev once there are enough. */
class Output {
  private blocks: Uint8Array[] = [];
  private staged = 0;

  constructor(private readonly fh: FileHandle, readonly target: string) {}

  put(block: Uint8Array): void {
    this.blocks.push(block);
    this.staged += block.length;
  }

  async flush(atLeast: number): Promise<void> {
    if (this.staged === 0 || this.staged < atLeast) return;
    const blocks = this.blocks;
    this.blocks = [];
    this.staged = 0;
    await this.fh.writev(blocks).catch((e: NodeJS.ErrnoException) => { throw unwritable(this.target, e); });
  }
}

/** Refuses a directory, the source itself (it is still being read, maybe appended to) and a missing folder, with words. */
async function refuseUnsuitableTarget(source: string, target: string): Promise<void> {
  const [src, dst] = await Promise.all([stat(source).catch(() => null), stat(target).catch(() => null)]);
  if (dst && !dst.isFile()) throw new ExportError('file.unwritable', `cannot write ${target}: it is not a regular file`);
  if (src && dst && src.dev === dst.dev && src.ino === dst.ino) {
    throw new ExportError('file.unwritable', `cannot write ${target}: it is the capture being read; choose another file`);
  }
}

function unwritable(target: string, e: NodeJS.ErrnoException): ExportError {
  const why = e.code === 'ENOENT' ? 'its folder does not exist'
    : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied'
      : e.code === 'ENOSPC' ? 'the disk is full'
        : e.code === 'EROFS' ? 'the file system is read-only' : e.message;
  return new ExportError('file.unwritable', `cannot write ${target}: ${why}`);
}
