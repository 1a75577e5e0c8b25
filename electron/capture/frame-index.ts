/**
 * Where each frame of the current source sits, so `packet.detail` can read its bytes back from the file
 * (or the live session's pcapng) by frame number. Pages of typed arrays: 30 bytes per frame, no object
 * per packet.
 */
import type { CaptureRecord } from '../../shared/capture-file/capture-record';
import { emptyCaptureRecord } from '../../shared/capture-file/pcap-reader';
import type { DecodedColumns } from '../../shared/ipc/decoded-columns';

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

  /** Highest frame number recorded. */
  private last = 0;
  private readonly scratch = emptyCaptureRecord();

  /** Packets recorded. */
  get count(): number { return this.n; }

  /**
   * Stored by frame number, not by arrival: a pcapng Custom Block takes a frame number without being a
   * packet (capture-record.ts), and packet N must still be found at N. Such gaps read back as no frame.
   */
  add(rec: CaptureRecord): void {
    this.n++;
    const i = rec.frame - 1;
    while (this.pages.length <= i >>> PAGE_BITS) this.pages.push(new FramePage());
    for (let gap = this.last; gap < i; gap++) this.pages[gap >>> PAGE_BITS].fileOffset[gap & MASK] = -1;
    this.last = rec.frame;
    const k = i & MASK;
    const p = this.pages[i >>> PAGE_BITS];
    p.fileOffset[k] = rec.fileOffset;
    p.tsSec[k] = rec.tsSec;
    p.capLen[k] = rec.capLen;
    p.origLen[k] = rec.origLen;
    p.tsNsec[k] = rec.tsNsec;
    p.iface[k] = rec.iface;
  }

  /**
   * Records from..to-1 of a decode thread's block (its decoded columns) at once: runs of consecutive frame
   * numbers are copied a page segment at a time; a gap (a Custom Block's number) goes through `add`.
   */
  addRange(c: DecodedColumns, from: number, to: number): void {
    let k = from;
    while (k < to) {
      const i = c.frame[k] - 1;
      if (i !== this.last) { this.add(this.record(c, k)); k++; continue; }   // a gap before it
      const room = ((i | MASK) + 1) - i;                                   // slots left in i's page
      let end = k + 1;
      while (end < to && end - k < room && c.frame[end] === c.frame[end - 1] + 1) end++;
      while (this.pages.length <= i >>> PAGE_BITS) this.pages.push(new FramePage());
      const p = this.pages[i >>> PAGE_BITS], at = i & MASK;
      p.fileOffset.set(c.fileOffset.subarray(k, end), at);
      p.tsSec.set(c.tsSec.subarray(k, end), at);
      p.capLen.set(c.capLen.subarray(k, end), at);
      p.origLen.set(c.origLen.subarray(k, end), at);
      p.tsNsec.set(c.tsNsec.subarray(k, end), at);
      p.iface.set(c.iface.subarray(k, end), at);
      this.n += end - k;
      this.last = c.frame[end - 1];
      k = end;
    }
  }

  /** Row k of decoded columns as the record `add` reads (the rare path of addRange). */
  private record(c: DecodedColumns, k: number): CaptureRecord {
    const r = this.scratch;
    r.frame = c.frame[k]; r.fileOffset = c.fileOffset[k]; r.tsSec = c.tsSec[k]; r.capLen = c.capLen[k];
    r.origLen = c.origLen[k]; r.tsNsec = c.tsNsec[k]; r.iface = c.iface[k];
    return r;
  }

  /** Location of a 1-based frame number, or null when there is no such packet (yet, or a non-packet record). */
  get(frame: number): FrameLocation | null {
    const i = frame - 1;
    if (!Number.isInteger(frame) || i < 0 || i >= this.last) return null;
    const p = this.pages[i >>> PAGE_BITS], k = i & MASK;
    if (p.fileOffset[k] < 0) return null;
    return {
      frame, fileOffset: p.fileOffset[k], capLen: p.capLen[k], origLen: p.origLen[k],
      iface: p.iface[k], tsSec: p.tsSec[k], tsNsec: p.tsNsec[k],
    };
  }
}
