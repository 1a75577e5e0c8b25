/**
 * Push reader for classic pcap files (libpcap's savefile format, https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-03.html).
 * Both byte orders, microsecond (0xa1b2c3d4) and nanosecond (0xa1b23c4d) magic, any snaplen.
 *
 * Acceptance follows Wireshark (wiretap/libpcap.c), so what tshark opens we open: major version ≥ 2 (libpcap
 * also refuses minor > 4; tshark does not), reserved link-type bits must be 0. A record's caplen may exceed
 * the file's snaplen (tshark keeps all of it; libpcap's sf-pcap.c cuts it to the snaplen, and so does the reader
 * made for tcpdump's reading, `layoutChoice` 'libpcap'), but not max_snaplen_for_dlt(): 262144 bytes for most link
 * types — both libpcap and wiretap call more a corrupt file. Version 2.2 with link type 6, 9, 15 or 24 is AIX's
 * tcpdump to wiretap (an ifType, not a LINKTYPE: Ethernet, Token Ring, FDDI, loopback; nanosecond fractions).
 * A damaged fraction (µs field ≥ 10^6, ns field ≥ 10^9) is read as wiretap reads it and carried into the
 * seconds; the record keeps the file's values in `rawTimestamp` (capture-record.ts).
 *
 * Record headers: the standard magic is also written by patched libpcaps with longer record headers (Red Hat 6.1's
 * ss990417, Nokia's), and the "modified" magic by two patches with different ones (ss991029, ss990915). Like
 * wiretap (libpcap.c libpcap_try), the reader tries each layout on the first three records and takes the first that
 * finds nothing odd (µs field ≥ 10^6, caplen over the link type's maximum or the file's snaplen or the wire length,
 * wire length over 128 MiB, a record cut short), else the one with the fewest oddities. A corrupt standard file can
 * so read as another layout: tshark shows it that way (tcpdump always reads 16-byte headers). Versions before 2.3
 * (and 543, DG/UX) store the two lengths the other way round, 2.3 sometimes (libpcap and wiretap swap them back).
 */
import type { CaptureInterface } from './capture-interface';
import { captureProblem, maxCaplenFor, type CaptureProblem } from './capture-problem';
import type { CaptureRecord } from './capture-record';
import { ChunkQueue } from './chunk-queue';
import { emptyCaptureMetadata, type CaptureMetadata } from './capture-metadata';
import { FILE_POSITION_START } from './file-offset';

export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;
/** Alexey Kuznetzov's "modified" pcap (extra record fields): libpcap reads it, Wireshark detects it by heuristics. */
export const PCAP_MAGIC_MODIFIED = 0xa1b2cd34;
/** Navtel's nanosecond pcap variant. */
export const PCAP_MAGIC_NAVTEL = 0xa12b3c4d;

const FILE_HEADER = 24;
const NS_PER_SEC = 1e9;
const RECORD_HEADER = 16;
/** Record header sizes wiretap tries, in its order: pcap, ss990417, Nokia; for the modified magic ss991029, ss990915. */
const STANDARD_LAYOUTS: readonly number[] = [RECORD_HEADER, 24, 20];
const MODIFIED_LAYOUTS: readonly number[] = [24, 28];
/** Records wiretap reads to choose a layout (MAX_RECORDS_TO_TRY). */
const RECORDS_TRIED = 3;
/** A wire length above this is an oddity when choosing a layout (libpcap.c: "any file claiming 128MB … is *probably* corrupt"). */
const MAX_PLAUSIBLE_ORIG_LEN = 128 * 1024 * 1024;
const enum Lengths { InOrder, Swapped, MaybeSwapped }
/**
 * AIX's tcpdump: version 2.2 with an RFC 1573 ifType for a link type (wiretap's guess: Ethernet, Token Ring, FDDI,
 * loopback), nanosecond fractions, and 3 bytes of padding before an FDDI frame that the record's lengths count.
 */
const AIX_LINK_TYPES: ReadonlyMap<number, number> = new Map([[6, 1], [9, 6], [15, 10], [24, 0]]);
const AIX_FDDI_PAD = 3;
// File header fields (after the 4-byte magic).
const VERSION_MAJOR = 4, VERSION_MINOR = 6, SNAPLEN = 16, LINKTYPE = 20;
// Record header fields.
const TS_SEC = 0, TS_FRAC = 4, INCL_LEN = 8, ORIG_LEN = 12;
/** Link-type field layout (libpcap pcap-common.h LT_* macros). */
const LT_RESERVED1 = 0x03ff0000, LT_FCS_PRESENT = 0x04000000;

/** A new record object for a reader to reuse. */
export function emptyCaptureRecord(): CaptureRecord {
  return {
    bytes: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)), at: 0, capLen: 0, origLen: 0,
    tsSec: 0, tsNsec: 0, rawTimestamp: undefined, hasTimestamp: true, tsPrec: 6, iface: 0, linkType: 0, fileOffset: FILE_POSITION_START, frame: 0,
  };
}

export class PcapReader {
  readonly interfaces: CaptureInterface[] = [];
  readonly metadata: CaptureMetadata = emptyCaptureMetadata();
  /** pcap records carry no comments; here so both readers take the same hook. */
  onComment: ((frame: number, text: string) => void) | null = null;
  recordsRead = 0;
  private readonly queue = new ChunkQueue();
  private readonly record = emptyCaptureRecord();
  private littleEndian = true;
  /** Multiplier from the record's fraction field to nanoseconds. */
  private fracToNs = 1000;
  private maxCaplen = 0;
  private problem: CaptureProblem | null = null;
  /** Bytes of each record header; 0 until the layout is chosen. */
  private recordHeader = 0;
  private layouts: readonly number[] = STANDARD_LAYOUTS;
  private lengths = Lengths.InOrder;
  private snaplen = 0;
  /** Bytes of each record's data before the frame (AIX's FDDI padding). */
  private pad = 0;
  /** libpcap cuts a record longer than the file's snapshot length to it (sf-pcap.c); wiretap keeps it whole. */
  private cutTo = Infinity;
  /** The record's captured and wire lengths, as readLengths left them. */
  private inclLen = 0;
  private origLen = 0;
  /** The callback of the last push: records held back while the layout was undecided go to it at `end()`. */
  private lastOnRecord: ((r: CaptureRecord) => void) | null = null;

  /** `layouts`: 'libpcap' reads record headers as tcpdump does, without trying the patched libpcaps' layouts. */
  constructor(private readonly layoutChoice: 'wiretap' | 'libpcap' = 'wiretap') {}

  push(chunk: Uint8Array, onRecord: (r: CaptureRecord) => void): CaptureProblem | null {
    if (this.problem) return this.problem;
    const q = this.queue;
    q.push(chunk);
    this.lastOnRecord = onRecord;
    if (this.interfaces.length === 0) {
      if (!q.want(FILE_HEADER)) return null;
      this.problem = this.readFileHeader();
      if (this.problem) return this.problem;
      q.consume(FILE_HEADER);
    }
    if (this.recordHeader === 0 && !this.chooseLayout(false)) { q.stash(); return null; }
    this.problem = this.readRecords(onRecord);
    q.stash();
    return this.problem;
  }

  /** Reports input that ended inside the file header or a record. */
  end(): CaptureProblem | null {
    if (this.problem) return this.problem;
    if (this.interfaces.length > 0 && this.recordHeader === 0) {
      this.chooseLayout(true);
      if (this.lastOnRecord) this.problem = this.readRecords(this.lastOnRecord);
      if (this.problem) return this.problem;
    }
    const left = this.queue.buffered;
    if (left === 0) return null;
    const at = this.queue.offset;
    const what = this.interfaces.length === 0
      ? `the 24-byte pcap file header (only ${left} bytes)`
      : left < this.recordHeader
        ? `a ${this.recordHeader}-byte record header (only ${left} bytes)`
        : `a record (${left} bytes of it present)`;
    this.problem = captureProblem('truncated', at,
      `The file ends at byte ${at + left} in the middle of ${what} starting at byte ${at}; the ${this.recordsRead} records before it are kept.`);
    return this.problem;
  }

  /** Emits every whole record buffered; a problem when a record's caplen says the file is damaged. */
  private readRecords(onRecord: (r: CaptureRecord) => void): CaptureProblem | null {
    const q = this.queue, hdr = this.recordHeader;
    while (q.want(hdr)) {
      this.readLengths(q.view, q.at);
      const caplen = this.inclLen;
      if (caplen > this.maxCaplen) {
        return captureProblem('caplen-too-large', q.offset,
          `The pcap record at byte ${q.offset} claims ${caplen} captured bytes, more than the ${this.maxCaplen} allowed for this link type; the file is damaged from here on.`);
      }
      if (!q.want(hdr + caplen)) break;
      this.emit(caplen, onRecord);
      q.consume(hdr + caplen);
    }
    return null;
  }

  /** Sets inclLen and origLen from the record header at `at`, put in order for versions that swapped them. */
  private readLengths(view: DataView, at: number): void {
    const a = view.getUint32(at + INCL_LEN, this.littleEndian), b = view.getUint32(at + ORIG_LEN, this.littleEndian);
    const swap = this.lengths === Lengths.Swapped || (this.lengths === Lengths.MaybeSwapped && a > b);
    this.inclLen = swap ? b : a;
    this.origLen = swap ? a : b;
  }

  /**
   * Chooses the record header layout from the buffered start of the records (libpcap.c libpcap_try). False: not
   * enough is buffered yet to tell (`final`: nothing more will come, so the end of input is the end of the file).
   */
  private chooseLayout(final: boolean): boolean {
    if (this.layouts.length === 1) {
      this.recordHeader = this.layouts[0];
      if (this.metadata.pcapHeader) this.metadata.pcapHeader.recordHeaderBytes = this.recordHeader;
      return true;
    }
    const q = this.queue;
    // Three records of the largest layout, each no longer than the link type allows (a longer one is an oddity
    // found from its header alone): all a decision can need.
    const n = Math.min(q.buffered, RECORDS_TRIED * (28 + this.maxCaplen));
    q.want(n);
    const complete = final && n === q.buffered;
    let best = 0, fewest = Infinity;
    for (const size of this.layouts) {
      const odd = this.oddities(q.view, q.at, n, size, complete);
      if (odd < 0) return false;
      if (odd === 0) { best = size; break; }
      if (odd < fewest) { fewest = odd; best = size; }
    }
    this.recordHeader = best;
    if (this.metadata.pcapHeader) this.metadata.pcapHeader.recordHeaderBytes = best;
    return true;
  }

  /** libpcap_try for one layout on bytes [at, at + n): 0 nothing odd, > 0 the first odd record's count, -1 need more. */
  private oddities(view: DataView, at: number, n: number, size: number, complete: boolean): number {
    let p = 0;
    for (let k = 0; k < RECORDS_TRIED; k++) {
      if (p === n) return complete ? 0 : -1;                 // the end of the file: fewer records, all fine
      if (n - p < size) return complete ? 1 : -1;            // a header cut short
      this.readLengths(view, at + p);
      const frac = view.getUint32(at + p + TS_FRAC, this.littleEndian);
      const odd = (frac >= 1_000_000 ? 1 : 0) + (this.inclLen > this.maxCaplen ? 1 : 0) + (this.origLen > MAX_PLAUSIBLE_ORIG_LEN ? 1 : 0)
        + (this.inclLen > this.snaplen ? 1 : 0) + (this.inclLen > this.origLen ? 1 : 0);
      if (odd > 0) return odd;
      if (n - p - size < this.inclLen) return complete ? 1 : -1;   // the data cut short
      p += size + this.inclLen;
    }
    return 0;
  }

  private readFileHeader(): CaptureProblem | null {
    const { view, at } = this.queue;
    const magicLe = view.getUint32(at, true);
    this.littleEndian = magicLe === PCAP_MAGIC_US || magicLe === PCAP_MAGIC_NS || magicLe === PCAP_MAGIC_MODIFIED || magicLe === PCAP_MAGIC_NAVTEL;
    const magic = view.getUint32(at, this.littleEndian);
    if (magic === PCAP_MAGIC_NAVTEL) {
      return captureProblem('unsupported-magic', 0,
        `This is a modified pcap variant (magic 0x${magic.toString(16)} at byte 0), which SynAck does not read; convert it with "editcap -F pcap".`);
    }
    if (magic !== PCAP_MAGIC_US && magic !== PCAP_MAGIC_NS && magic !== PCAP_MAGIC_MODIFIED) {
      return captureProblem('bad-magic', 0, `The file does not start with a pcap magic number (found 0x${magicLe.toString(16)} at byte 0).`);
    }
    const le = this.littleEndian;
    const major = view.getUint16(at + VERSION_MAJOR, le), minor = view.getUint16(at + VERSION_MINOR, le);
    if (major < 2) {
      // wiretap: "pcap: major version %u unsupported" (libpcap: "archaic pcap savefile format").
      return captureProblem('unsupported-version', VERSION_MAJOR, `The pcap file header (version at byte ${VERSION_MAJOR}) says version ${major}.${minor}; only 2.x is supported.`);
    }
    const network = view.getUint32(at + LINKTYPE, le);
    if ((network & LT_RESERVED1) !== 0) {
      return captureProblem('bad-link-type', LINKTYPE,
        `The pcap link-type field at byte ${LINKTYPE}, 0x${network.toString(16).padStart(8, '0')}, has reserved bits set (0x${(network & LT_RESERVED1).toString(16).padStart(8, '0')}).`);
    }
    const aixLinkType = this.layoutChoice === 'wiretap' && major === 2 && minor === 2 ? AIX_LINK_TYPES.get(network) : undefined;
    const aix = aixLinkType !== undefined;
    const linkType = aix ? aixLinkType : network & 0xffff;
    this.metadata.pcapHeader = { magic, versionMajor: major, versionMinor: minor, snaplen: view.getUint32(at + SNAPLEN, le), littleEndian: le, recordHeaderBytes: 0, aix };
    const nano = magic === PCAP_MAGIC_NS || aix;
    this.fracToNs = nano ? 1 : 1000;
    this.snaplen = view.getUint32(at + SNAPLEN, le);
    this.pad = aix && linkType === 10 ? AIX_FDDI_PAD : 0;
    // Only the microsecond magics have layouts to tell apart (wiretap has no nanosecond variants).
    // libpcap (sf-pcap.c) reads the modified magic's headers as ss991029's, the others as standard.
    if (this.layoutChoice === 'libpcap') this.layouts = [magic === PCAP_MAGIC_MODIFIED ? MODIFIED_LAYOUTS[0] : RECORD_HEADER];
    else this.layouts = magic === PCAP_MAGIC_MODIFIED ? MODIFIED_LAYOUTS : magic === PCAP_MAGIC_US && !aix ? STANDARD_LAYOUTS : [RECORD_HEADER];
    this.lengths = major === 543 || (major === 2 && minor < 3) ? Lengths.Swapped : major === 2 && minor === 3 ? Lengths.MaybeSwapped : Lengths.InOrder;
    this.record.tsPrec = nano ? 9 : 6;
    this.maxCaplen = maxCaplenFor(linkType);
    // pcap_adjust_snapshot: a snapshot length of 0, over 2^31 or over the link type's maximum is that maximum.
    if (this.layoutChoice === 'libpcap') this.cutTo = this.snaplen === 0 || this.snaplen > this.maxCaplen ? this.maxCaplen : this.snaplen;
    this.interfaces.push({
      id: 0, section: 0, idInSection: 0, linkType, snaplen: view.getUint32(at + SNAPLEN, le),
      tsresol: nano ? 9 : 6, tsoffset: 0, littleEndian: le,
      // LT_FCS_LENGTH: upper 4 bits count 16-bit words of FCS, when the "present" bit is set.
      fcsLen: (network & LT_FCS_PRESENT) !== 0 ? ((network >>> 28) & 0xf) * 2 : 0,
    });
    return null;
  }

  private emit(caplen: number, onRecord: (r: CaptureRecord) => void): void {
    const q = this.queue, r = this.record, le = this.littleEndian;
    if (r.bytes !== q.bytes) { r.bytes = q.bytes; r.view = q.view; }   // no write barrier per record
    const pad = Math.min(this.pad, caplen);
    r.at = q.at + this.recordHeader + pad;
    r.capLen = Math.min(caplen - pad, this.cutTo);
    r.origLen = Math.max(0, this.origLen - this.pad);
    setTimestamp(r, q.view.getUint32(q.at + TS_SEC, le), q.view.getUint32(q.at + TS_FRAC, le) * this.fracToNs);
    r.linkType = this.interfaces[0].linkType;
    r.fileOffset = q.offset + this.recordHeader + pad;
    r.frame = ++this.recordsRead;
    onRecord(r);
  }
}

/**
 * Sets the record's instant from the file's seconds and fraction (ns). An out-of-range fraction becomes
 * wiretap's nstime_t.nsecs (32 bits, signed: libpcap.c multiplies `ts_usec * 1000` in guint32), carried into
 * the seconds; the file's values stay in `rawTimestamp`.
 */
function setTimestamp(r: CaptureRecord, sec: number, fracNs: number): void {
  if (fracNs < NS_PER_SEC) { r.tsSec = sec; r.tsNsec = fracNs; r.rawTimestamp = undefined; return; }
  const nsecs = fracNs | 0;                  // ToInt32: the value modulo 2^32, read as signed, as wiretap stores it
  const carry = Math.floor(nsecs / NS_PER_SEC);
  r.tsSec = sec + carry;
  r.tsNsec = nsecs - carry * NS_PER_SEC;
  r.rawTimestamp = { tsSec: sec, tsNsec: fracNs };
}
