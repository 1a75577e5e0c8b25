/**
 * The decode thread's work (decode-thread.ts is its entry): reads a capture file (plain or gzip, via
 * file-source.ts), frames records with the shared reader, decodes each packet and packs record + packet +
 * header bytes into DecodedBlocks (shared/ipc/decoded-block.ts), posted to the pipeline thread by transfer.
 *
 * Memory stays bounded: blocks come back to be reused, and reading waits while POOL_BLOCKS are out. One
 * chunk's records may need a few more blocks (the reader calls back synchronously and cannot wait), so at
 * most POOL_BLOCKS plus a chunk's worth exist.
 */
import type { CaptureProblem } from '../../shared/capture-file/capture-problem';
import { createCaptureReader } from '../../shared/capture-file/capture-reader';
import type { CaptureRecord } from '../../shared/capture-file/capture-record';
import { FILE_POSITION_START } from '../../shared/capture-file/file-offset';
import { allocateBlock, appendToBlock, blockTransferList, type DecodedBlock } from '../../shared/ipc/decoded-block';
import { PairKeys } from '../../shared/tcp/pair-flows';
import { PacketDecoder } from '../../shared/wire/packet-decoder';
import { openCaptureFile, sameFile, type FileIdentity } from './file-source';
import { interfaceSummary, type InterfaceSummary } from '../../shared/capture-file/capture-interface';

/** Records per block: one pipeline batch (BATCH_ROWS), so a block is one flush's worth. */
const BLOCK_SLOTS = 4096;
/** Header bytes per block: 4096 records of up to 128 header bytes; larger headers just end a block sooner. */
const BLOCK_BYTES = 512 * 1024;
const POOL_BLOCKS = 8;

/** What the decode thread posts. */
export type DecodeThreadMessage =
  | { type: 'block'; block: DecodedBlock; bytesRead: number; bytesTotal: number; interfaces: InterfaceSummary[] }
  /** The file was read to its end or to its first problem. `pushProblem` stops the reading; `sourceProblem` is a gzip/I/O error. */
  | { type: 'end'; bytesRead: number; bytesTotal: number; pushProblem: CaptureProblem | null;
      sourceProblem: CaptureProblem | null; endProblem: CaptureProblem | null }
  /** The thread could not go on (the file vanished, an exception): the pipeline thread reads the rest itself. */
  | { type: 'failed'; message: string };

/** What a decode thread is started with. */
export interface DecodeThreadData {
  path: string;
  /** The file the pipeline's thread opened: a thread that opens another (replaced, grown) file stops at once. */
  identity: FileIdentity;
}

export interface DecodeThreadPort {
  post(message: DecodeThreadMessage, transfer: ArrayBuffer[]): void;
}

export class DecodeProducer {
  private readonly free: DecodedBlock[] = [];
  private out = 0;
  private wake: (() => void) | null = null;
  private block: DecodedBlock | null = null;
  private readonly decoder = new PacketDecoder({ reassemble: true });
  /** Keys each packet's address/port pair here, so the tracker's thread skips that lookup (pair-flows.ts). */
  private readonly pairs = new PairKeys();
  private bytesRead = FILE_POSITION_START;
  private bytesTotal = FILE_POSITION_START;
  /** The reader's interfaces as the blocks carry them (made again only when one is added). */
  private interfaces: InterfaceSummary[] = [];

  constructor(private readonly port: DecodeThreadPort) {}

  /** A block the pipeline thread is done with. */
  recycle(block: DecodedBlock): void {
    block.count = 0;
    block.bytesUsed = 0;
    this.free.push(block);
    this.out--;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async run({ path, identity }: DecodeThreadData): Promise<void> {
    // Blocking reads: this thread has nothing else to do meanwhile, and they cost the least CPU (file-source.ts).
    const chunks = await openCaptureFile(path, { blocking: true });
    if (!sameFile(chunks.identity, identity)) {
      await chunks.close();
      throw new Error(`${path} changed while it was being opened; the rest is read without the decode thread`);
    }
    const reader = createCaptureReader();
    this.bytesTotal = chunks.bytesTotal;
    let pushProblem: CaptureProblem | null = null;
    try {
      for (;;) {
        while (this.out >= POOL_BLOCKS) await new Promise<void>((resolve) => { this.wake = resolve; });
        const chunk = await chunks.next();
        if (chunk === null) break;
        this.bytesRead = chunks.bytesRead;
        pushProblem = reader.push(chunk, this.onRecord);
        if (reader.interfaces.length !== this.interfaces.length) this.interfaces = reader.interfaces.map((i) => interfaceSummary(i, reader.format));
        if (pushProblem) break;
      }
    } finally {
      await chunks.close();
    }
    const endProblem = pushProblem ? null : reader.end();
    this.interfaces = reader.interfaces.map((i) => interfaceSummary(i, reader.format));
    this.post();
    this.port.post({ type: 'end', bytesRead: chunks.bytesRead, bytesTotal: chunks.bytesTotal, pushProblem, sourceProblem: chunks.problem, endProblem }, []);
  }

  private readonly onRecord = (frame: CaptureRecord): void => {
    const pkt = this.decoder.decode(frame.view, frame.at, frame.capLen, frame.origLen, frame.linkType);
    const rec = this.decoder.frameRecord(frame);   // a reassembled datagram's synthetic frame
    const pair = this.pairs.pairOf(rec.view, pkt), dir = this.pairs.dir;
    this.block ??= this.take();
    if (appendToBlock(this.block, rec, pkt, pair, dir)) return;
    this.post();
    this.block = this.take();
    appendToBlock(this.block, rec, pkt, pair, dir);  // an empty block always takes a record (it grows if it must)
  };

  private take(): DecodedBlock {
    this.out++;
    return this.free.pop() ?? allocateBlock(BLOCK_SLOTS, BLOCK_BYTES);
  }

  /** Posts the current block, if it holds anything. */
  private post(): void {
    const b = this.block;
    if (!b || b.count === 0) return;
    this.block = null;
    this.port.post({ type: 'block', block: b, bytesRead: this.bytesRead, bytesTotal: this.bytesTotal, interfaces: this.interfaces },
      blockTransferList(b));
  }
}
