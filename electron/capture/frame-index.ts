/**
 * Where each frame of the current source sits, so `packet.detail` can read its bytes back from the file
 * (or the live session's pcapng) by frame number. Pages of typed arrays: 22 bytes per frame, no object
 * per packet. A page keeps its first file offset and capture second and 32-bit differences from them (a page of
 * 65,536 frames rarely spans 4 GiB of file or 68 years of clock; one that does switches to full values), which
 * saves 8 bytes a frame: 40 MB at 5M packets, the largest part of what a loaded file holds.
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

/** A slot's offset difference that means "no frame here" (a Custom Block's number). */
const GAP = 0xffffffff;
const INT32_MIN = -(2 ** 31), INT32_END = 2 ** 31;

/** One page of locations: 22 bytes per frame (30 once widened). */
class FramePage {
  readonly capLen = new Uint32Array(PAGE);
  readonly origLen = new Uint32Array(PAGE);
  readonly tsNsec = new Uint32Array(PAGE);
  readonly iface = new Uint16Array(PAGE);
  /** The page's first file offset and capture second (NaN until its first frame). */
  private offsetBase = NaN;
  private secBase = NaN;
  private readonly offsetDelta = new Uint32Array(PAGE);
  private readonly secDelta = new Int32Array(PAGE);
  /** Full values, made when a difference does not fit; -1 offset: no frame. */
  private wideOffset: Float64Array | null = null;
  private wideSec: Float64Array | null = null;

  /** File offset of slot k, -1 when it holds no frame. */
  offset(k: number): number {
    if (this.wideOffset) return this.wideOffset[k];
    const d = this.offsetDelta[k];
    return d === GAP ? -1 : this.offsetBase + d;
  }

  sec(k: number): number {
    return this.wideSec ? this.wideSec[k] : this.secBase + this.secDelta[k];
  }

  /** Marks slot k as holding no frame. */
  setGap(k: number): void {
    if (this.wideOffset) this.wideOffset[k] = -1; else this.offsetDelta[k] = GAP;
  }

  setOffset(k: number, v: number): void {
    if (this.wideOffset) { this.wideOffset[k] = v; return; }
    if (Number.isNaN(this.offsetBase)) this.offsetBase = v;
    const d = v - this.offsetBase;
    if (d >= 0 && d < GAP && Number.isInteger(d)) { this.offsetDelta[k] = d; return; }
    this.wideOffset = Float64Array.from(this.offsetDelta, (x) => (x === GAP ? -1 : this.offsetBase + x));
    this.wideOffset[k] = v;
  }

  /** Slots at … at + (to − from) − 1 from rows from … to − 1 of offsets and seconds (a block's columns). */
  setRange(at: number, offsets: Float64Array, secs: Float64Array, from: number, to: number): void {
    const od = this.offsetDelta, sd = this.secDelta;
    for (let j = from, k = at; j < to; j++, k++) {
      if (this.wideOffset === null && this.wideSec === null) {
        const d = offsets[j] - this.offsetBase, e = secs[j] - this.secBase;
        // Whole, in-range differences (a NaN base, before the page's first frame, fails too): the setters do the rest.
        if (d >= 0 && d < GAP && e >= INT32_MIN && e < INT32_END && Number.isInteger(d) && Number.isInteger(e)) {
          od[k] = d; sd[k] = e;
          continue;
        }
      }
      this.setOffset(k, offsets[j]);
      this.setSec(k, secs[j]);
    }
  }

  setSec(k: number, v: number): void {
    if (this.wideSec) { this.wideSec[k] = v; return; }
    if (Number.isNaN(this.secBase)) this.secBase = v;
    const d = v - this.secBase;
    if (d >= INT32_MIN && d < INT32_END && Number.isInteger(d)) { this.secDelta[k] = d; return; }
    this.wideSec = Float64Array.from(this.secDelta, (x) => this.secBase + x);
    this.wideSec[k] = v;
  }
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
    for (let gap = this.last; gap < i; gap++) this.pages[gap >>> PAGE_BITS].setGap(gap & MASK);
    this.last = rec.frame;
    const k = i & MASK;
    const p = this.pages[i >>> PAGE_BITS];
    p.setOffset(k, rec.fileOffset);
    p.setSec(k, rec.tsSec);
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
      p.setRange(at, c.fileOffset, c.tsSec, k, end);
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
    const fileOffset = p.offset(k);
    if (fileOffset < 0) return null;
    return {
      frame, fileOffset, capLen: p.capLen[k], origLen: p.origLen[k],
      iface: p.iface[k], tsSec: p.sec(k), tsNsec: p.tsNsec[k],
    };
  }
}
