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

/**
 * A page's memory, which a decode thread can fill and the pipeline's thread read (FrameIndex `shared`): one buffer
 * for the slots and the two bases, and the full-value arrays once a difference did not fit.
 */
export interface FramePageState {
  buffer: ArrayBuffer | SharedArrayBuffer;
  wideOffset: ArrayBuffer | SharedArrayBuffer | null;
  wideSec: ArrayBuffer | SharedArrayBuffer | null;
}

/** Bytes of a page's buffer: two Float64 bases, five 32-bit columns, one 16-bit column. */
const PAGE_BYTES = 16 + PAGE * (5 * 4 + 2);

/** One page of locations: 22 bytes per frame (30 once widened). */
class FramePage {
  readonly capLen: Uint32Array<ArrayBufferLike>;
  readonly origLen: Uint32Array<ArrayBufferLike>;
  readonly tsNsec: Uint32Array<ArrayBufferLike>;
  readonly iface: Uint16Array<ArrayBufferLike>;
  /** The page's first file offset and capture second (NaN until its first frame), kept in the buffer so a reader thread sees them. */
  private readonly bases: Float64Array<ArrayBufferLike>;
  private readonly offsetDelta: Uint32Array<ArrayBufferLike>;
  private readonly secDelta: Int32Array<ArrayBufferLike>;
  /** Full values, made when a difference does not fit; -1 offset: no frame. */
  private wideOffset: Float64Array<ArrayBufferLike> | null;
  private wideSec: Float64Array<ArrayBufferLike> | null;
  /** Set when the wide arrays were made since the last `changed` check (a reader thread must adopt them). */
  widened = false;

  constructor(readonly state: FramePageState) {
    const b = state.buffer;
    this.bases = new Float64Array(b, 0, 2);
    this.capLen = new Uint32Array(b, 16, PAGE);
    this.origLen = new Uint32Array(b, 16 + PAGE * 4, PAGE);
    this.tsNsec = new Uint32Array(b, 16 + PAGE * 8, PAGE);
    this.offsetDelta = new Uint32Array(b, 16 + PAGE * 12, PAGE);
    this.secDelta = new Int32Array(b, 16 + PAGE * 16, PAGE);
    this.iface = new Uint16Array(b, 16 + PAGE * 20, PAGE);
    this.wideOffset = state.wideOffset ? new Float64Array(state.wideOffset) : null;
    this.wideSec = state.wideSec ? new Float64Array(state.wideSec) : null;
  }

  /** A fresh page, in shared memory when another thread is to read it. */
  static create(shared: boolean): FramePage {
    const page = new FramePage({ buffer: shared ? new SharedArrayBuffer(PAGE_BYTES) : new ArrayBuffer(PAGE_BYTES), wideOffset: null, wideSec: null });
    page.bases[0] = NaN; page.bases[1] = NaN;
    return page;
  }

  private get offsetBase(): number { return this.bases[0]; }
  private set offsetBase(v: number) { this.bases[0] = v; }
  private get secBase(): number { return this.bases[1]; }
  private set secBase(v: number) { this.bases[1] = v; }

  /** Full values of `deltas` from `base` in a new array on the same kind of buffer as the page's. */
  private widen(deltas: Uint32Array<ArrayBufferLike> | Int32Array<ArrayBufferLike>, value: (d: number) => number): Float64Array<ArrayBufferLike> {
    const shared = typeof SharedArrayBuffer !== 'undefined' && this.state.buffer instanceof SharedArrayBuffer;
    const wide = new Float64Array(shared ? new SharedArrayBuffer(PAGE * 8) : new ArrayBuffer(PAGE * 8));
    for (let k = 0; k < PAGE; k++) wide[k] = value(deltas[k]);
    this.widened = true;
    return wide;
  }

  /** The page's memory as another thread adopts it. */
  currentState(): FramePageState {
    return { buffer: this.state.buffer, wideOffset: this.wideOffset?.buffer ?? null, wideSec: this.wideSec?.buffer ?? null };
  }

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
    const base = this.offsetBase;
    this.wideOffset = this.widen(this.offsetDelta, (x) => (x === GAP ? -1 : base + x));
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
    const base = this.secBase;
    this.wideSec = this.widen(this.secDelta, (x) => base + x);
    this.wideSec[k] = v;
  }
}

/** A page a decode thread's index made or widened since it last said so (FrameIndex.takeChangedPages). */
export interface ChangedFramePage { index: number; state: FramePageState }

export class FrameIndex {
  // Paged, not one doubling array per field: at 5M frames doubling held 8.4M slots (250 MB) and copied
  // them on every growth; pages hold 5M + < 64k.
  private readonly pages: FramePage[] = [];
  private n = 0;
  /** Pages already reported by takeChangedPages. */
  private announced = 0;
  /** Page states a decode thread reported that `adopt` has not taken yet. */
  private readonly offered = new Map<number, FramePageState>();

  /**
   * `shared`: pages live in SharedArrayBuffers, so a decode thread fills this index and the pipeline's thread reads
   * it (takeChangedPages → the block message → adopt): the pipeline's thread no longer copies every frame's location.
   * The pages a block's frames are in are written before the block is posted; postMessage's hand-over orders
   * those writes before the other thread's reads.
   */
  constructor(private readonly shared = false) {}

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
    while (this.pages.length <= i >>> PAGE_BITS) this.pages.push(FramePage.create(this.shared));
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
      while (this.pages.length <= i >>> PAGE_BITS) this.pages.push(FramePage.create(this.shared));
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

  /** The pages made or widened since the last call (a decode thread sends them with its next block). */
  takeChangedPages(): ChangedFramePage[] {
    const out: ChangedFramePage[] = [];
    for (let i = Math.max(0, this.announced - 1); i < this.pages.length; i++) {
      const page = this.pages[i];
      if (i < this.announced && !page.widened) continue;
      out.push({ index: i, state: page.currentState() });
      page.widened = false;
    }
    this.announced = this.pages.length;
    return out;
  }

  /** Pages a decode thread's index reported; `adopt` takes them once its frames are the ones this index shows. */
  offer(pages: readonly ChangedFramePage[]): void {
    for (const p of pages) this.offered.set(p.index, p.state);
  }

  /**
   * The decode thread's index holds frames up to `last` (it read the file from its start, so every frame this index
   * had too): its pages replace this index's, which now shows `added` more packets, up to frame `last`.
   */
  adopt(last: number, added: number): void {
    for (const [i, state] of this.offered) {
      while (this.pages.length < i) this.pages.push(FramePage.create(this.shared));
      this.pages[i] = new FramePage(state);
    }
    this.offered.clear();
    this.n += added;
    this.last = last;
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
