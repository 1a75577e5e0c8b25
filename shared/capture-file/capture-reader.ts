/**
 * The one entry point for reading a capture: sniffs the format from the first four bytes (like libpcap's
 * pcap_fopen_offline and zui's "sniff by magic, not name") and delegates to the pcap or pcapng push reader.
 * gzip input is not decompressed here (shared/ has no zlib): it yields a 'gzip' problem and the caller
 * (electron/capture/file-source) streams the bytes through a decompressor first.
 */
import type { CaptureInterface } from './capture-interface';
import { emptyCaptureMetadata, type CaptureMetadata } from './capture-metadata';
import { captureProblem, type CaptureProblem } from './capture-problem';
import type { CaptureRecord } from './capture-record';
import { PCAP_MAGIC_MODIFIED, PCAP_MAGIC_NAVTEL, PCAP_MAGIC_NS, PCAP_MAGIC_US, PcapReader } from './pcap-reader';
import { PCAPNG_SHB_TYPE, PcapngReader } from './pcapng-reader';

export type { CaptureInterface } from './capture-interface';
export type { CaptureProblem, CaptureProblemCode } from './capture-problem';
export type { CaptureRecord } from './capture-record';

export type CaptureFormat = 'pcap' | 'pcapng';

export interface CaptureReader {
  /** Feeds the next chunk; calls `onRecord` for each complete record. Stops at (and keeps returning) the first problem. */
  push(chunk: Uint8Array, onRecord: (r: CaptureRecord) => void): CaptureProblem | null;
  /**
   * Call after the last chunk: a problem when the input ended inside a header, record or block. A pcap file of
   * fewer than three records has them handed to the last push's callback here (its record layout is chosen from the
   * first three: pcap-reader.ts).
   */
  end(): CaptureProblem | null;
  /** Known once the first four bytes have been pushed. */
  readonly format: CaptureFormat | null;
  /** Interfaces described so far (pcap: one; pcapng: one per IDB, across sections). */
  readonly interfaces: readonly CaptureInterface[];
  /** Packet records handed to `onRecord` so far. */
  readonly recordsRead: number;
  /** What the file says about itself beside its packets (sections, statistics, …), as far as read. */
  readonly metadata: CaptureMetadata;
  /** Called with each packet comment and its frame number (pcapng); null (the default): comments are skipped. */
  onComment: ((frame: number, text: string) => void) | null;
}

const GZIP_MAGIC0 = 0x1f, GZIP_MAGIC1 = 0x8b;
const SNIFF_BYTES = 4;
const PCAP_MAGICS = [PCAP_MAGIC_US, PCAP_MAGIC_NS, PCAP_MAGIC_MODIFIED, PCAP_MAGIC_NAVTEL];

/**
 * How a pcap file's record headers are read: as wiretap (tshark) reads them, choosing among the patched libpcaps'
 * layouts, or as libpcap (tcpdump) does, 16 bytes under the standard magic and 24 under the modified one.
 */
export type PcapRecordLayouts = 'wiretap' | 'libpcap';

/** A reader that decides pcap or pcapng from the first bytes it is given. */
export function createCaptureReader(options: { pcapRecordLayouts?: PcapRecordLayouts } = {}): CaptureReader {
  return new SniffingReader(options.pcapRecordLayouts ?? 'wiretap');
}

/** Which format the first four bytes announce: a format, 'gzip', or null when unknown. */
export function sniffCaptureFormat(head: Uint8Array): CaptureFormat | 'gzip' | null {
  if (head.length >= 2 && head[0] === GZIP_MAGIC0 && head[1] === GZIP_MAGIC1) return 'gzip';
  if (head.length < SNIFF_BYTES) return null;
  const dv = new DataView(head.buffer, head.byteOffset, SNIFF_BYTES);
  const le = dv.getUint32(0, true), be = dv.getUint32(0, false);
  if (be === PCAPNG_SHB_TYPE) return 'pcapng'; // 0x0a0d0d0a reads the same in both orders
  if (PCAP_MAGICS.includes(le) || PCAP_MAGICS.includes(be)) return 'pcap';
  return null;
}

class SniffingReader implements CaptureReader {
  format: CaptureFormat | null = null;
  private inner: PcapReader | PcapngReader | null = null;
  private readonly head = new Uint8Array(SNIFF_BYTES);
  private headLen = 0;
  private problem: CaptureProblem | null = null;

  constructor(private readonly pcapRecordLayouts: PcapRecordLayouts) {}

  get interfaces(): readonly CaptureInterface[] {
    return this.inner ? this.inner.interfaces : [];
  }

  get recordsRead(): number {
    return this.inner ? this.inner.recordsRead : 0;
  }

  private readonly noMetadata = emptyCaptureMetadata();
  private commentSink: ((frame: number, text: string) => void) | null = null;

  get onComment(): ((frame: number, text: string) => void) | null { return this.commentSink; }

  /** Passed on to the format's reader, now or once the format is known. */
  set onComment(sink: ((frame: number, text: string) => void) | null) {
    this.commentSink = sink;
    if (this.inner) this.inner.onComment = sink;
  }

  get metadata(): CaptureMetadata {
    return this.inner ? this.inner.metadata : this.noMetadata;
  }

  push(chunk: Uint8Array, onRecord: (r: CaptureRecord) => void): CaptureProblem | null {
    if (this.problem) return this.problem;
    if (this.inner) return this.inner.push(chunk, onRecord);
    const take = Math.min(SNIFF_BYTES - this.headLen, chunk.length);
    this.head.set(chunk.subarray(0, take), this.headLen);
    this.headLen += take;
    const kind = sniffCaptureFormat(this.head.subarray(0, this.headLen));
    if (kind === null && this.headLen < SNIFF_BYTES) return null;
    const inner = this.choose(kind);
    if (!inner) return this.problem;
    const problem = inner.push(this.head.slice(0, this.headLen), onRecord);
    return problem ?? inner.push(chunk.subarray(take), onRecord);
  }

  end(): CaptureProblem | null {
    if (this.problem) return this.problem;
    if (this.inner) return this.inner.end();
    this.problem = captureProblem('truncated', 0, this.headLen === 0
      ? 'The file is empty: it ends at byte 0, before any capture file header.'
      : `The file ends at byte ${this.headLen}, too short to be a capture file.`);
    return this.problem;
  }

  private choose(kind: CaptureFormat | 'gzip' | null): PcapReader | PcapngReader | null {
    if (kind === 'pcap') this.inner = new PcapReader(this.pcapRecordLayouts);
    else if (kind === 'pcapng') this.inner = new PcapngReader();
    else if (kind === 'gzip') {
      this.problem = captureProblem('gzip', 0, 'The file is gzip-compressed (magic 1f 8b at byte 0); it must be decompressed before reading.');
    } else {
      const hex = [...this.head].map((b) => b.toString(16).padStart(2, '0')).join(' ');
      this.problem = captureProblem('bad-magic', 0,
        `The file is neither pcap nor pcapng: at byte 0 it has ${hex}, not a known magic number.`);
    }
    this.format = kind === 'pcap' || kind === 'pcapng' ? kind : null;
    if (this.inner) this.inner.onComment = this.commentSink;
    return this.inner;
  }
}
