/**
 * Where each frame of the current source sits, so `packet.detail` can read its bytes back from the file
 * (or the live session's pcapng) by frame number. Plain growable typed arrays: 30 bytes per frame, no
 * object per packet.
 */
import type { CaptureRecord } from '../../shared/capture-file/capture-record';

const INITIAL = 1 << 14;

export interface FrameLocation {
  frame: number;
  fileOffset: number;
  capLen: number;
  origLen: number;
  iface: number;
  tsSec: number;
  tsNsec: number;
}

export class FrameIndex {
  private fileOffset = new Float64Array(INITIAL);
  private tsSec = new Float64Array(INITIAL);
  private capLen = new Uint32Array(INITIAL);
  private origLen = new Uint32Array(INITIAL);
  private tsNsec = new Uint32Array(INITIAL);
  private iface = new Uint16Array(INITIAL);
  private n = 0;

  /** Frames recorded (frame numbers 1..count). */
  get count(): number { return this.n; }

  add(rec: CaptureRecord): void {
    if (this.n === this.capLen.length) this.grow();
    const i = this.n++;
    this.fileOffset[i] = rec.fileOffset;
    this.tsSec[i] = rec.tsSec;
    this.capLen[i] = rec.capLen;
    this.origLen[i] = rec.origLen;
    this.tsNsec[i] = rec.tsNsec;
    this.iface[i] = rec.iface;
  }

  /** Location of a 1-based frame number, or null when there is no such frame (yet). */
  get(frame: number): FrameLocation | null {
    const i = frame - 1;
    if (!Number.isInteger(frame) || i < 0 || i >= this.n) return null;
    return {
      frame, fileOffset: this.fileOffset[i], capLen: this.capLen[i], origLen: this.origLen[i],
      iface: this.iface[i], tsSec: this.tsSec[i], tsNsec: this.tsNsec[i],
    };
  }

  private grow(): void {
    const size = this.capLen.length * 2;
    const grown = <T extends Float64Array | Uint32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a as never);
      return b;
    };
    this.fileOffset = grown(this.fileOffset, (n) => new Float64Array(n));
    this.tsSec = grown(this.tsSec, (n) => new Float64Array(n));
    this.capLen = grown(this.capLen, (n) => new Uint32Array(n));
    this.origLen = grown(this.origLen, (n) => new Uint32Array(n));
    this.tsNsec = grown(this.tsNsec, (n) => new Uint32Array(n));
    this.iface = grown(this.iface, (n) => new Uint16Array(n));
  }
}
