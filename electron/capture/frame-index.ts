/**
 * Where each frame of the current source sits, so `packet.detail` can read its bytes back from the file
 * (or the live session's pcapng) by frame number. Pages of typed arrays: 30 bytes per frame, no object
 * per packet.
 */
import type { CaptureRecord } from '../../shared/capture-file/capture-record';

export interface FrameLocation {
  frame: number;
  fileOffset: number;
  capLen: number;
  origLen: number;
  iface: number;
  tsSec: number;
  tsNsec: number;
}

/** Frames per page: pages are added as frames arrive, so the index never copies and wastes < 1 page. */
const PAGE_BITS = 16, PAGE = 1 << PAGE_BITS, MASK = PAGE - 1;

/** One page of locations: 30 bytes per frame. */
class FramePage {
  readonly fileOffset = new Float64Array(PAGE);
  readonly tsSec = new Float64Array(PAGE);
  readonly capLen = new Uint32Array(PAGE);
  readonly origLen = new Uint32Array(PAGE);
  readonly tsNsec = new Uint32Array(PAGE);
  readonly iface = new Uint16Array(PAGE);
}

export class FrameIndex {
  // Paged, not one doubling array per field: at 5M frames doubling held 8.4M slots (250 MB) and copied
  // them on every growth; pages hold 5M + < 64k.
  private readonly pages: FramePage[] = [];
  private n = 0;

  /** Frames recorded (frame numbers 1..count). */
  get count(): number { return this.n; }

  add(rec: CaptureRecord): void {
    const i = this.n++;
    const k = i & MASK;
    if (k === 0) this.pages.push(new FramePage());
    const p = this.pages[i >>> PAGE_BITS];
    p.fileOffset[k] = rec.fileOffset;
    p.tsSec[k] = rec.tsSec;
    p.capLen[k] = rec.capLen;
    p.origLen[k] = rec.origLen;
    p.tsNsec[k] = rec.tsNsec;
    p.iface[k] = rec.iface;
  }

  /** Location of a 1-based frame number, or null when there is no such frame (yet). */
  get(frame: number): FrameLocation | null {
    const i = frame - 1;
    if (!Number.isInteger(frame) || i < 0 || i >= this.n) return null;
    const p = this.pages[i >>> PAGE_BITS], k = i & MASK;
    return {
      frame, fileOffset: p.fileOffset[k], capLen: p.capLen[k], origLen: p.origLen[k],
      iface: p.iface[k], tsSec: p.tsSec[k], tsNsec: p.tsNsec[k],
    };
  }
}
