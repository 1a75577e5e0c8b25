/**
 * Length-prefixed binary frames, the same over stdio, a local socket and a WebSocket.
 *
 * Header (12 bytes, little-endian): magic u32 'SYNF', type u8, format u8 (= FRAME_FORMAT), reserved u16
 * (= 0), payload length u32. JSON frames (request, response, event, command) carry ASCII-only JSON
 * (shared/ipc/wire-json.ts); BATCH frames carry a batch buffer of shared/ipc/batch-layout.ts as is.
 *
 * `FrameDecoder` is incremental: feed chunks of any size and split anywhere; each complete frame comes out
 * with its payload in its own exactly-sized ArrayBuffer (so a batch payload goes straight to decodeBatch,
 * one copy from the transport and none after). Anything wrong — bad magic, unknown type or format,
 * oversize length, a stream that ends inside a frame — is returned as a FrameError and the decoder
 * refuses further input: a byte stream cannot be resynchronised safely after a bad header.
 */
import { MAX_FRAME_PAYLOAD } from './contract';

export const FRAME_MAGIC = 0x464e5953; // bytes 'S' 'Y' 'N' 'F' read little-endian
export const FRAME_FORMAT = 1;
export const FRAME_HEADER_BYTES = 12;

export const FrameType = {
  Request: 1,
  Response: 2,
  Event: 3,
  Command: 4,
  Batch: 5,
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

const isFrameType = (t: number): t is FrameType => t >= FrameType.Request && t <= FrameType.Batch;

export interface Frame {
  type: FrameType;
  /** Exactly the payload: byteOffset 0, byteLength === payload.buffer.byteLength. */
  payload: Uint8Array;
}

export type FrameErrorCode = 'bad-magic' | 'bad-type' | 'bad-format' | 'oversize' | 'truncated' | 'closed';

export interface FrameError {
  code: FrameErrorCode;
  /** Stream offset of the frame header the problem belongs to. */
  offset: number;
  message: string;
}

/** The 12-byte header for a payload of `length` bytes. */
export function frameHeader(type: FrameType, length: number): Uint8Array {
  const head = new Uint8Array(FRAME_HEADER_BYTES);
  const dv = new DataView(head.buffer);
  dv.setUint32(0, FRAME_MAGIC, true);
  dv.setUint8(4, type);
  dv.setUint8(5, FRAME_FORMAT);
  dv.setUint16(6, 0, true);
  dv.setUint32(8, length, true);
  return head;
}

/** Header and payload in one buffer (one copy of the payload). */
export function encodeFrame(type: FrameType, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
  out.set(frameHeader(type, payload.byteLength), 0);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

/** Checks a complete header; returns the payload length or an error. */
export function checkHeader(head: Uint8Array, offset: number, maxPayload: number): { type: FrameType; length: number } | FrameError {
  const dv = new DataView(head.buffer, head.byteOffset, FRAME_HEADER_BYTES);
  if (dv.getUint32(0, true) !== FRAME_MAGIC) return frameError('bad-magic', offset, 'frame magic is wrong (not a SynAck frame stream)');
  const type = dv.getUint8(4);
  if (!isFrameType(type)) return frameError('bad-type', offset, `unknown frame type ${type}`);
  const format = dv.getUint8(5);
  if (format !== FRAME_FORMAT || dv.getUint16(6, true) !== 0) {
    return frameError('bad-format', offset, `frame format ${format}, expected ${FRAME_FORMAT}`);
  }
  const length = dv.getUint32(8, true);
  if (length > maxPayload) return frameError('oversize', offset, `frame of ${length} bytes exceeds the limit of ${maxPayload}`);
  return { type, length };
}

function frameError(code: FrameErrorCode, offset: number, message: string): FrameError {
  return { code, offset, message };
}

/** Incremental frame splitter. Not reentrant: call push() from one place. */
export class FrameDecoder {
  private readonly head = new Uint8Array(FRAME_HEADER_BYTES);
  private headFill = 0;
  private type: FrameType = FrameType.Event;
  private payload: Uint8Array | null = null;
  private payloadFill = 0;
  /** Stream offset of the current frame's header. */
  private frameStart = 0;
  private consumed = 0;
  private failed: FrameError | null = null;

  constructor(
    private readonly onFrame: (frame: Frame) => void,
    private readonly maxPayload: number = MAX_FRAME_PAYLOAD,
  ) {}

  /** Bytes fully consumed so far. */
  get offset(): number { return this.consumed; }

  /** Whether a frame is partly received. */
  get midFrame(): boolean { return this.headFill > 0 || this.payload !== null; }

  /** Feeds bytes; calls onFrame for each complete frame. Returns the first error (then and afterwards). */
  push(chunk: Uint8Array): FrameError | null {
    if (this.failed) return this.failed;
    let at = 0;
    while (at < chunk.byteLength) {
      at = this.payload ? this.fillPayload(chunk, at) : this.fillHeader(chunk, at);
      if (this.failed) return this.failed;
    }
    return null;
  }

  /** The stream ended: an error when it ended inside a frame. */
  finish(): FrameError | null {
    if (this.failed) return this.failed;
    if (this.midFrame) {
      const have = this.headFill + this.payloadFill;
      const want = FRAME_HEADER_BYTES + (this.payload?.byteLength ?? 0);
      this.failed = frameError('truncated', this.frameStart, `stream ended inside a frame (${have} of ${this.payload ? want : 'at least 12'} bytes)`);
      return this.failed;
    }
    this.failed = frameError('closed', this.consumed, 'stream closed');
    return null;
  }

  private fillHeader(chunk: Uint8Array, at: number): number {
    const take = Math.min(FRAME_HEADER_BYTES - this.headFill, chunk.byteLength - at);
    this.head.set(chunk.subarray(at, at + take), this.headFill);
    this.headFill += take;
    this.consumed += take;
    if (this.headFill < FRAME_HEADER_BYTES) return at + take;
    const checked = checkHeader(this.head, this.frameStart, this.maxPayload);
    if ('code' in checked) {
      this.failed = checked;
      return chunk.byteLength;
    }
    this.type = checked.type;
    this.payload = new Uint8Array(checked.length);
    this.payloadFill = 0;
    if (checked.length === 0) this.emit();
    return at + take;
  }

  private fillPayload(chunk: Uint8Array, at: number): number {
    const payload = this.payload as Uint8Array;
    const take = Math.min(payload.byteLength - this.payloadFill, chunk.byteLength - at);
    payload.set(chunk.subarray(at, at + take), this.payloadFill);
    this.payloadFill += take;
    this.consumed += take;
    if (this.payloadFill === payload.byteLength) this.emit();
    return at + take;
  }

  private emit(): void {
    const frame: Frame = { type: this.type, payload: this.payload as Uint8Array };
    this.payload = null;
    this.payloadFill = 0;
    this.headFill = 0;
    this.frameStart = this.consumed;
    this.onFrame(frame);
  }
}

/**
 * Validates frame headers in a byte stream without copying payloads, for relays that forward chunks
 * untouched (the web host): it only tracks where each header starts and checks it.
 */
export class FrameScanner {
  private readonly head = new Uint8Array(FRAME_HEADER_BYTES);
  private headFill = 0;
  private payloadLeft = 0;
  private frameStart = 0;
  private consumed = 0;
  private failed: FrameError | null = null;

  constructor(private readonly maxPayload: number = MAX_FRAME_PAYLOAD) {}

  /** Whether the bytes so far end exactly at a frame boundary. */
  get atBoundary(): boolean { return this.headFill === 0 && this.payloadLeft === 0; }

  push(chunk: Uint8Array): FrameError | null {
    if (this.failed) return this.failed;
    let at = 0;
    while (at < chunk.byteLength) {
      if (this.payloadLeft > 0) {
        const take = Math.min(this.payloadLeft, chunk.byteLength - at);
        this.payloadLeft -= take;
        at += take;
        this.consumed += take;
        if (this.payloadLeft === 0) this.frameStart = this.consumed;
        continue;
      }
      const take = Math.min(FRAME_HEADER_BYTES - this.headFill, chunk.byteLength - at);
      this.head.set(chunk.subarray(at, at + take), this.headFill);
      this.headFill += take;
      at += take;
      this.consumed += take;
      if (this.headFill < FRAME_HEADER_BYTES) break;
      this.headFill = 0;
      const checked = checkHeader(this.head, this.frameStart, this.maxPayload);
      if ('code' in checked) return (this.failed = checked);
      this.payloadLeft = checked.length;
      if (checked.length === 0) this.frameStart = this.consumed;
    }
    return null;
  }

  /** The stream ended: an error when it ended inside a frame. */
  finish(): FrameError | null {
    if (this.failed) return this.failed;
    if (!this.atBoundary) this.failed = frameError('truncated', this.frameStart, 'stream ended inside a frame');
    return this.failed;
  }
}
