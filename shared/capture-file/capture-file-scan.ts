/**
 * One pass over a capture file's records for Capture File Properties and `synack-capture info` — the figures
 * capinfos(1) gathers (capinfos.c process_cap_file): packets and bytes on the wire, the earliest and latest packet
 * time with the precision each was recorded in, whether the times only go forward, the captured lengths of cut
 * packets (the inferred snapshot length), packets per encapsulation and per interface, and the packet comments.
 * Nothing is decoded: `add` is a few comparisons per record. `properties()` joins it with the reader's metadata
 * into a plain object (it crosses IPC to the renderer).
 */
import type { CaptureInterface } from './capture-interface';
import type { CaptureMetadata, InterfaceStatistics, PcapHeader } from './capture-metadata';
import type { CaptureRecord } from './capture-record';
import type { InterfaceFilter } from './pcapng-options';
import { PCAP_MAGIC_MODIFIED, PCAP_MAGIC_NS } from './pcap-reader';
import { TSPREC_PER_PACKET, TSPREC_UNKNOWN, precisionOf, ticksPerSecond } from './time-precision';
import { encapsulationOf, type Encapsulation } from './wiretap-encapsulation';

/** Packet comments kept for the report (a file may comment every packet; the count is kept regardless). */
export const MAX_PACKET_COMMENTS = 10_000;
/** wiretap's WTAP_MAX_PACKET_SIZE_STANDARD: the capture length it gives a pcap file whose header says 0. */
const MAX_PACKET_SIZE_STANDARD = 262144;

export interface PacketTime { sec: number; nsec: number; precision: number }

export interface PacketComment {
  /** Frame number (as the packet list shows it) and ordinal among packets (capinfos's "Packet N"). */
  frame: number;
  packet: number;
  text: string;
}

export interface InterfaceProperties {
  name?: string;
  description?: string;
  encapsulation: Encapsulation;
  hardware?: string;
  speed?: number;
  /** Snapshot length as the interface has it (pcapng 0: no limit). */
  captureLength: number;
  fcsLen?: number;
  precision: number;
  ticksPerSecond: number;
  /** if_tsresol when the file gave it (pcap: for a nanosecond file, as wiretap's generated interface has it). */
  tsresol?: number;
  filter?: InterfaceFilter;
  os?: string;
  comments: string[];
  statistics: InterfaceStatistics;
  packets: number;
  /** pcapng section the interface belongs to. */
  section: number;
}

export interface CaptureFileProperties {
  format: 'pcap' | 'pcapng';
  /** wiretap's file type name and description ("pcap", "Wireshark/tcpdump/... - pcap"). */
  fileType: { name: string; description: string };
  /** The file is gzip-compressed (sizes and hashes are of the file as stored). */
  compressed: boolean;
  fileSize: number;
  sha256: string;
  sha1: string;
  /** The file's encapsulation, or null when its interfaces differ (per packet). */
  encapsulation: Encapsulation | null;
  /** Packets per encapsulation (listed when per packet), by wiretap number. */
  encapsulationCounts: { encapsulation: Encapsulation; packets: number }[];
  /** File timestamp precision (TSPREC_PER_PACKET when interfaces differ). */
  precision: number;
  /** Snapshot length from the file header; 0: not set (pcapng files have none). */
  snaplen: number;
  /** Smallest and largest captured length of a packet cut short (null: none was). */
  inferredSnaplen: { min: number; max: number } | null;
  packets: number;
  dataBytes: number;
  /** Every packet has a time (false when one comes from a pcapng Simple Packet Block); true for no packets. */
  timesKnown: boolean;
  /** Earliest and latest packet time; null without packets or when the times are not known. */
  first: PacketTime | null;
  last: PacketTime | null;
  order: 'in-order' | 'not-in-order' | 'unknown';
  sections: { hardware?: string; os?: string; application?: string; comments: string[] }[];
  interfaces: InterfaceProperties[];
  packetComments: PacketComment[];
  packetCommentCount: number;
  resolvedIpv4: number;
  resolvedIpv6: number;
  decryptionSecrets: number;
  /** Why reading stopped early, if it did (the figures cover the packets before). */
  problem: string | null;
}

export class CaptureFileScan {
  private packets = 0;
  private dataBytes = 0;
  private haveTimes = true;
  private inOrder = true;
  private first: PacketTime | null = null;
  private last: PacketTime | null = null;
  private prevSec = 0;
  private prevNsec = 0;
  private snapMin = Infinity;
  private snapMax = 0;
  /** Packets by interface id. */
  private readonly perInterface: number[] = [];
  private readonly comments: PacketComment[] = [];
  private commentCount = 0;

  /** Takes one record; `interfaces` is the reader's list (for the record's precision). */
  add(r: CaptureRecord, interfaces: readonly CaptureInterface[]): void {
    this.packets++;
    this.dataBytes += r.origLen;
    if (r.capLen < r.origLen) { this.snapMin = Math.min(this.snapMin, r.capLen); this.snapMax = Math.max(this.snapMax, r.capLen); }
    this.perInterface[r.iface] = (this.perInterface[r.iface] ?? 0) + 1;
    if (!r.hasTimestamp) { this.haveTimes = false; return; }
    // A damaged pcap fraction stays as wiretap keeps it (seconds, and 32-bit nanoseconds past 10^9): capinfos shows that.
    const raw = r.rawTimestamp;
    const sec = raw ? raw.tsSec : r.tsSec, nsec = raw ? raw.tsNsec | 0 : r.tsNsec;
    if (this.first === null || this.last === null) {
      const precision = interfacePrecision(interfaces[r.iface]);
      this.first = { sec, nsec, precision };
      this.last = { sec, nsec, precision };
    } else {
      if (before(sec, nsec, this.prevSec, this.prevNsec)) this.inOrder = false;
      if (before(sec, nsec, this.first.sec, this.first.nsec)) this.first = { sec, nsec, precision: interfacePrecision(interfaces[r.iface]) };
      if (before(this.last.sec, this.last.nsec, sec, nsec)) this.last = { sec, nsec, precision: interfacePrecision(interfaces[r.iface]) };
    }
    this.prevSec = sec; this.prevNsec = nsec;
  }

  /** A packet comment of the record just added. */
  comment(frame: number, text: string): void {
    this.commentCount++;
    if (this.comments.length < MAX_PACKET_COMMENTS) this.comments.push({ frame, packet: this.packets, text });
  }

  properties(file: {
    format: 'pcap' | 'pcapng'; interfaces: readonly CaptureInterface[]; metadata: CaptureMetadata;
    compressed: boolean; fileSize: number; sha256: string; sha1: string; problem: string | null;
  }): CaptureFileProperties {
    const { interfaces, metadata } = file;
    const header = metadata.pcapHeader;
    const ifaces = interfaces.map((i) => interfaceProperties(i, metadata.statistics[i.id], this.perInterface[i.id] ?? 0, file.format === 'pcap'));
    return {
      format: file.format,
      fileType: fileType(file.format, header),
      compressed: file.compressed, fileSize: file.fileSize, sha256: file.sha256, sha1: file.sha1,
      encapsulation: common(ifaces.map((i) => i.encapsulation), (a, b) => a.wtap === b.wtap) ?? (ifaces.length === 0 ? encapsulationOf(-1) : null),
      encapsulationCounts: encapsulationCounts(ifaces),
      precision: ifaces.length === 0 ? TSPREC_UNKNOWN : common(ifaces.map((i) => i.precision), (a, b) => a === b) ?? TSPREC_PER_PACKET,
      snaplen: file.format === 'pcap' ? header?.snaplen ?? 0 : 0,
      inferredSnaplen: this.snapMax > 0 ? { min: this.snapMin, max: this.snapMax } : null,
      packets: this.packets, dataBytes: this.dataBytes,
      timesKnown: this.haveTimes, first: this.haveTimes ? this.first : null, last: this.haveTimes ? this.last : null,
      order: !this.inOrder ? 'not-in-order' : this.haveTimes ? 'in-order' : 'unknown',
      sections: metadata.sections.map((s) => ({ hardware: s.hardware, os: s.os, application: s.application, comments: s.comments })),
      interfaces: ifaces,
      packetComments: this.comments, packetCommentCount: this.commentCount,
      resolvedIpv4: metadata.resolvedIpv4, resolvedIpv6: metadata.resolvedIpv6, decryptionSecrets: metadata.decryptionSecrets,
      problem: file.problem,
    };
  }
}

/**
 * Wireshark's nstime_cmp < 0: nanoseconds are subtracted in 32-bit ints, which wrap for a damaged pcap fraction
 * (2^31 ns "comes after" 10^9 ns), and capinfos's first/last/order follow that.
 */
const before = (aSec: number, aNsec: number, bSec: number, bNsec: number): boolean =>
  (aSec === bSec ? (aNsec - bNsec) | 0 : aSec - bSec) < 0;

function interfacePrecision(i: CaptureInterface | undefined): number {
  return i ? precisionOf(i.tsresol) : 6;
}

/** The value all of `xs` share; undefined when they differ or there are none (wiretap: per packet). */
function common<T>(xs: T[], same: (a: T, b: T) => boolean): T | undefined {
  return xs.length > 0 && xs.every((x) => same(x, xs[0])) ? xs[0] : undefined;
}

function interfaceProperties(i: CaptureInterface, stats: InterfaceStatistics | undefined, packets: number, pcap: boolean): InterfaceProperties {
  const d = i.details;
  // A pcap file's interface is wiretap's generated one: no limit becomes 262144, a non-µs clock gets if_tsresol.
  return {
    name: i.name, description: i.description, encapsulation: encapsulationOf(i.linkType), hardware: d?.hardware, speed: d?.speed,
    captureLength: pcap && i.snaplen === 0 ? MAX_PACKET_SIZE_STANDARD : i.snaplen, fcsLen: d?.fcsLen,
    precision: precisionOf(i.tsresol), ticksPerSecond: ticksPerSecond(i.tsresol),
    tsresol: (pcap ? i.tsresol !== 6 : d?.tsresolGiven) ? i.tsresol : undefined,
    filter: d?.filter, os: d?.os, comments: d?.comments ?? [],
    statistics: stats ?? { entries: 0, comments: [] }, packets, section: i.section,
  };
}

function encapsulationCounts(ifaces: InterfaceProperties[]): CaptureFileProperties['encapsulationCounts'] {
  const byWtap = new Map<number, { encapsulation: Encapsulation; packets: number }>();
  for (const i of ifaces) {
    // capinfos counts only known encapsulations (WTAP_ENCAP_UNKNOWN is 0 and skipped).
    if (i.packets === 0 || i.encapsulation.wtap <= 0) continue;
    const e = byWtap.get(i.encapsulation.wtap) ?? { encapsulation: i.encapsulation, packets: 0 };
    e.packets += i.packets;
    byWtap.set(i.encapsulation.wtap, e);
  }
  return [...byWtap.values()].sort((a, b) => a.encapsulation.wtap - b.encapsulation.wtap);
}

/** wiretap's name and description of the file's type (editcap -F lists them); pcap's by magic and record layout. */
function fileType(format: 'pcap' | 'pcapng', header: PcapHeader | null): CaptureFileProperties['fileType'] {
  if (format === 'pcapng') return { name: 'pcapng', description: 'Wireshark/... - pcapng' };
  if (header?.aix) return { name: 'aixpcap', description: 'AIX tcpdump - pcap' };
  if (header?.magic === PCAP_MAGIC_NS) return { name: 'nsecpcap', description: 'Wireshark/tcpdump/... - nanosecond pcap' };
  if (header?.magic === PCAP_MAGIC_MODIFIED) {
    return header.recordHeaderBytes === 28 ? { name: 'suse6_3pcap', description: 'SuSE 6.3 tcpdump - pcap' } : { name: 'modpcap', description: 'Modified tcpdump - pcap' };
  }
  if (header?.recordHeaderBytes === 24) return { name: 'rh6_1pcap', description: 'RedHat 6.1 tcpdump - pcap' };
  if (header?.recordHeaderBytes === 20) return { name: 'nokiapcap', description: 'Nokia tcpdump - pcap' };
  return { name: 'pcap', description: 'Wireshark/tcpdump/... - pcap' };
}
