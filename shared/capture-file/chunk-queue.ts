/**
 * Joins pushed chunks into contiguous windows for a record parser, copying only what straddles a chunk
 * boundary. Contract: the parser asks `want(n)` for n contiguous bytes at the read position; when it
 * returns true, `bytes`/`view`/`at` point at them (the caller's chunk itself, no copy, in the common
 * case; otherwise the carry buffer). When it returns false the bytes so far are kept and the parser
 * waits for the next `push`. `consume(n)` advances past a record the parser has finished with.
 *
 * Memory: the carry buffer holds at most the largest single window asked for (one record or block,
 * which the readers cap at 16 MiB), never the file. Each input byte is copied at most once.
 */
import { FILE_POSITION_START } from './file-offset';

const INITIAL_CARRY = 64 * 1024;
const EMPTY = new Uint8Array(0);

export class ChunkQueue {
  /** Window holding the wanted bytes after `want()` returned true. */
  bytes: Uint8Array = EMPTY;
  /** DataView over exactly the memory of `bytes` (same byteOffset). */
  view: DataView = new DataView(EMPTY.buffer);
  /** Index in `bytes` of the first wanted byte. */
  at = 0;

  private chunk: Uint8Array = EMPTY;
  private chunkView: DataView = new DataView(EMPTY.buffer);
  private chunkPos = 0;
  private carry: Uint8Array = EMPTY;
  private carryView: DataView = new DataView(EMPTY.buffer);
  private carryLen = 0;
  /** File offset of the read position. */
  private readOffset = FILE_POSITION_START;

  /** File offset of the next unconsumed byte. */
  get offset(): number {
    return this.readOffset + 0;   // never -0 (FILE_POSITION_START) to a caller: Object.is and toEqual tell them apart
  }

  /** Bytes received but not yet consumed (carried over plus what is left of the current chunk). */
  get buffered(): number {
    return this.carryLen + (this.chunk.length - this.chunkPos);
  }

  /** Starts reading from a new chunk. Bytes still carried from earlier chunks come first. */
  push(chunk: Uint8Array): void {
    this.chunk = chunk;
    this.chunkView = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.chunkPos = 0;
  }

  /** True when `n` contiguous bytes from the read position are in `bytes[at .. at+n)`. */
  want(n: number): boolean {
    if (this.carryLen === 0) {
      if (this.chunk.length - this.chunkPos >= n) {
        // Store only on change: these fields are old objects and the chunk a young one, so every store
        // runs V8's write barrier (~5% of a whole pipeline when done per record).
        if (this.bytes !== this.chunk) { this.bytes = this.chunk; this.view = this.chunkView; }
        this.at = this.chunkPos;
        return true;
      }
      if (this.chunkPos === this.chunk.length) return false;
    }
    // The window straddles chunks: gather up to n bytes in the carry buffer, growing it only by what has
    // arrived (a damaged length field claiming 16 MiB costs nothing until 16 MiB of input are there).
    const take = Math.min(n - this.carryLen, this.chunk.length - this.chunkPos);
    if (take > 0) {
      this.reserve(this.carryLen + take);
      this.carry.set(this.chunk.subarray(this.chunkPos, this.chunkPos + take), this.carryLen);
      this.carryLen += take;
      this.chunkPos += take;
    }
    if (this.carryLen < n) return false;
    if (this.bytes !== this.carry) { this.bytes = this.carry; this.view = this.carryView; }
    this.at = 0;
    return true;
  }

  /** Moves the read position `n` bytes on; `n` must not exceed the last successful `want`. */
  consume(n: number): void {
    this.readOffset += n;
    if (this.carryLen === 0) {
      this.chunkPos += n;
      return;
    }
    if (n >= this.carryLen) {
      this.chunkPos += n - this.carryLen;
      this.carryLen = 0;
    } else {
      this.carry.copyWithin(0, n, this.carryLen);
      this.carryLen -= n;
    }
  }

  /** Keeps the unread tail of the current chunk, so the caller may reuse its chunk buffer after `push` returns. */
  stash(): void {
    const rest = this.chunk.length - this.chunkPos;
    if (rest > 0) {
      this.reserve(this.carryLen + rest);
      this.carry.set(this.chunk.subarray(this.chunkPos), this.carryLen);
      this.carryLen += rest;
    }
    this.chunk = EMPTY;
    this.chunkView = new DataView(EMPTY.buffer);
    this.chunkPos = 0;
  }

  private reserve(n: number): void {
    if (this.carry.length >= n) return;
    let size = Math.max(INITIAL_CARRY, this.carry.length);
    while (size < n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.carry.subarray(0, this.carryLen));
    this.carry = next;
    this.carryView = new DataView(next.buffer);
  }
}
