/**
 * The worker → page direction of main's relay for an elevated worker, when main must add frames of its own
 * (answers to requests it served itself, ./export-route.ts) without touching the worker's bytes: chunks are
 * passed on as they came, cut only where a frame ends if something waits to go in between. Payloads are not
 * copied, except small EVENT frames, which are handed to `onEvent` whole (main needs `source.start`, a few
 * hundred bytes; batches and big upserts are never held).
 */
import { checkHeader, type Frame, FRAME_HEADER_BYTES, FrameType } from '../../shared/ipc/frame-codec';

/** EVENT frames up to this size are collected for `onEvent` (a source.start with a 4,096-character path fits). */
const WATCHED_EVENT_BYTES = 64 * 1024;

export class FrameSplicer {
  private readonly head = new Uint8Array(FRAME_HEADER_BYTES);
  private headFill = 0;
  private payloadLeft = 0;
  private collect: { payload: Uint8Array; fill: number } | null = null;
  private readonly waiting: Uint8Array[] = [];
  private offset = 0;
  private failed = false;

  /** `send` gets every piece to forward; `onEvent` each small event frame once it is complete. */
  constructor(private readonly send: (bytes: Uint8Array) => void, private readonly onEvent: (frame: Frame) => void) {}

  private get atBoundary(): boolean { return this.headFill === 0 && this.payloadLeft === 0; }

  /** Sends `frame` (a whole encoded frame) at once when between frames, else right after the current one. */
  insert(frame: Uint8Array): void {
    if (this.atBoundary || this.failed) this.send(frame);
    else this.waiting.push(frame);
  }

  /** Bytes from the worker, forwarded in order. A bad header stops the scanning (the page's decoder reports it). */
  push(chunk: Uint8Array): void {
    if (this.failed) { this.send(chunk); return; }
    let at = 0;
    let sentUpTo = 0;
    while (at < chunk.byteLength) {
      if (this.payloadLeft > 0) {
        const take = Math.min(this.payloadLeft, chunk.byteLength - at);
        if (this.collect) { this.collect.payload.set(chunk.subarray(at, at + take), this.collect.fill); this.collect.fill += take; }
        this.payloadLeft -= take;
        at += take;
      } else {
        const take = Math.min(FRAME_HEADER_BYTES - this.headFill, chunk.byteLength - at);
        this.head.set(chunk.subarray(at, at + take), this.headFill);
        this.headFill += take;
        at += take;
        if (this.headFill < FRAME_HEADER_BYTES) continue;
        this.headFill = 0;
        const checked = checkHeader(this.head, this.offset, Number.MAX_SAFE_INTEGER);
        if ('code' in checked) { this.failed = true; break; }
        this.payloadLeft = checked.length;
        this.collect = checked.type === FrameType.Event && checked.length <= WATCHED_EVENT_BYTES
          ? { payload: new Uint8Array(checked.length), fill: 0 } : null;
      }
      if (this.atBoundary) {
        this.frameEnded();
        if (this.waiting.length > 0) {
          this.send(chunk.subarray(sentUpTo, at));
          sentUpTo = at;
          for (const f of this.waiting.splice(0)) this.send(f);
        }
      }
    }
    this.offset += chunk.byteLength;
    if (sentUpTo < chunk.byteLength) this.send(sentUpTo === 0 ? chunk : chunk.subarray(sentUpTo));
    if (this.failed) for (const f of this.waiting.splice(0)) this.send(f);
  }

  private frameEnded(): void {
    const done = this.collect;
    this.collect = null;
    if (done) this.onEvent({ type: FrameType.Event, payload: done.payload });
  }
}
