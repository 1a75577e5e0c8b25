/**
 * Push reader for classic pcap files (libpcap's savefile format, https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-03.html).
 * Both byte orders, microsecond (0xa1b2c3d4) and nanosecond (0xa1b23c4d) magic, any snaplen.
 *
 * Acceptance follows Wireshark (wiretap/libpcap.c), so what tshark opens we open: major version ≥ 2 (libpcap
 * also refuses minor > 4; tshark does not), reserved link-type bits must be 0. A record's caplen may exceed
 * the file's snaplen (tshark keeps all of it; libpcap's sf-pcap.c would cut it to the snaplen), but not
 * max_snaplen_for_dlt(): 262144 bytes for most link types — both libpcap and wiretap call more a corrupt file.
 * A damaged fraction (µs field ≥ 10^6, ns field ≥ 10^9) is read as wiretap reads it and carried into the
 * seconds; the record keeps the file's values in `rawTimestamp` (capture-record.ts).
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

  push(chunk: Uint8Array, onRecord: (r: CaptureRecord) => void): CaptureProblem | null {
    if (this.problem) return this.problem;
    const q = this.queue;
    q.push(chunk);
    if (this.interfaces.length === 0) {
      if (!q.want(FILE_HEADER)) return null;
      this.problem = this.readFileHeader();
      if (this.problem) return this.problem;
      q.consume(FILE_HEADER);
    }
    while (q.want(RECORD_HEADER)) {
      const caplen = q.view.getUint32(q.at + INCL_LEN, this.littleEndian);
      if (caplen > this.maxCaplen) {
        this.problem = captureProblem('caplen-too-large', q.offset,
          `The pcap record at byte ${q.offset} claims ${caplen} captured bytes, more than the ${this.maxCaplen} allowed for this link type; the file is damaged from here on.`);
        return this.problem;
      }
      if (!q.want(RECORD_HEADER + caplen)) break;
      this.emit(caplen, onRecord);
      q.consume(RECORD_HEADER + caplen);
    }
    q.stash();
    return null;
  }

  /** Reports input that ended inside the file header or a record. */
  end(): CaptureProblem | null {
    if (this.problem) return this.problem;
    const left = this.queue.buffered;
    if (left === 0) return null;
    const at = this.queue.offset;
    const what = this.interfaces.length === 0
      ? `the 24-byte pcap file header (only ${left} bytes)`
      : left < RECORD_HEADER
        ? `a 16-byte record header (only ${left} bytes)`
        : `a record (${left} bytes of it present)`;
    this.problem = captureProblem('truncated', at,
      `The file ends at byte ${at + left} in the middle of ${what} starting at byte ${at}; the ${this.recordsRead} records before it are kept.`);
    return this.problem;
  }

  private readFileHeader(): CaptureProblem | null {
    const { view, at } = this.queue;
    const magicLe = view.getUint32(at, true);
    this.littleEndian = magicLe === PCAP_MAGIC_US || magicLe === PCAP_MAGIC_NS;
    const magic = view.getUint32(at, this.littleEndian);
    if (magic === PCAP_MAGIC_MODIFIED || magic === PCAP_MAGIC_NAVTEL || swap32(magic) === PCAP_MAGIC_MODIFIED) {
      return captureProblem('unsupported-magic', 0,
        `This is a modified pcap variant (magic 0x${magic.toString(16)} at byte 0), which SynAck does not read; convert it with "editcap -F pcap".`);
    }
    if (magic !== PCAP_MAGIC_US && magic !== PCAP_MAGIC_NS) {
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
    const linkType = network & 0xffff;
    this.metadata.pcapHeader = { magic, versionMajor: major, versionMinor: minor, snaplen: view.getUint32(at + SNAPLEN, le), littleEndian: le };
    this.fracToNs = magic === PCAP_MAGIC_NS ? 1 : 1000;
    this.record.tsPrec = magic === PCAP_MAGIC_NS ? 9 : 6;
    this.maxCaplen = maxCaplenFor(linkType);
    this.interfaces.push({
      id: 0, section: 0, idInSection: 0, linkType, snaplen: view.getUint32(at + SNAPLEN, le),
      tsresol: magic === PCAP_MAGIC_NS ? 9 : 6, tsoffset: 0, littleEndian: le,
      // LT_FCS_LENGTH: upper 4 bits count 16-bit words of FCS, when the "present" bit is set.
      fcsLen: (network & LT_FCS_PRESENT) !== 0 ? ((network >>> 28) & 0xf) * 2 : 0,
    });
    return null;
  }

  private emit(caplen: number, onRecord: (r: CaptureRecord) => void): void {
    const q = this.queue, r = this.record, le = this.littleEndian;
    if (r.bytes !== q.bytes) { r.bytes = q.bytes; r.view = q.view; }   // no write barrier per record
    r.at = q.at + RECORD_HEADER;
    r.capLen = caplen;
    r.origLen = q.view.getUint32(q.at + ORIG_LEN, le);
    setTimestamp(r, q.view.getUint32(q.at + TS_SEC, le), q.view.getUint32(q.at + TS_FRAC, le) * this.fracToNs);
    r.linkType = this.interfaces[0].linkType;
    r.fileOffset = q.offset + RECORD_HEADER;
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

function swap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}
