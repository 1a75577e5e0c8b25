/**
 * What a capture file says about itself beside its packets — what Wireshark's Capture File Properties and
 * capinfos(1) show: each pcapng section's hardware, operating system, application and comments; each
 * interface's statistics (Interface Statistics Blocks); how many names the Name Resolution Blocks resolve and how
 * many Decryption Secrets Blocks there are; a pcap file's header. The readers fill it as they pass those blocks
 * (rare: a few per file), never per packet.
 */
import { OPT_COMMENT, optionText, walkOptions, type SectionOptions } from './pcapng-options';

export interface CaptureSection extends SectionOptions {
  /** pcapng version as "major.minor". */
  version: string;
  littleEndian: boolean;
}

/** The last Interface Statistics Block of an interface, and how many there were (capinfos's "stat entries"). */
export interface InterfaceStatistics {
  entries: number;
  /** isb_ifrecv, isb_ifdrop, isb_filteraccept, isb_osdrop, isb_usrdeliv of the last block that had them. */
  received?: number;
  dropped?: number;
  filterAccepted?: number;
  osDropped?: number;
  delivered?: number;
  comments: string[];
}

/** A pcap file header as read; the variant is in the magic and the record header layout chosen for it. */
export interface PcapHeader {
  magic: number;
  versionMajor: number;
  versionMinor: number;
  snaplen: number;
  littleEndian: boolean;
  /** Bytes of each record header: 16, or a patched libpcap's 20, 24 or 28 (pcap-reader.ts); 0 until chosen. */
  recordHeaderBytes: number;
  /** Read as AIX's tcpdump wrote it (wiretap's guess from version 2.2 and the link type: pcap-reader.ts). */
  aix: boolean;
}

export interface CaptureMetadata {
  sections: CaptureSection[];
  /** By reader interface id (CaptureInterface.id). */
  statistics: InterfaceStatistics[];
  /** Addresses named by Name Resolution Blocks, one per name as wiretap reports them. */
  resolvedIpv4: number;
  resolvedIpv6: number;
  /** Decryption Secrets Blocks. */
  decryptionSecrets: number;
  pcapHeader: PcapHeader | null;
}

export function emptyCaptureMetadata(): CaptureMetadata {
  return { sections: [], statistics: [], resolvedIpv4: 0, resolvedIpv6: 0, decryptionSecrets: 0, pcapHeader: null };
}

const ISB_IFRECV = 4, ISB_IFDROP = 5, ISB_FILTERACCEPT = 6, ISB_OSDROP = 7, ISB_USRDELIV = 8;

/** Adds an Interface Statistics Block's counters (options in view[start .. end)) to `stats`. */
export function addStatistics(stats: InterfaceStatistics, view: DataView, start: number, end: number, le: boolean): void {
  stats.entries++;
  walkOptions(view, start, end, le, (code, at, len) => {
    if (code === OPT_COMMENT) { stats.comments.push(optionText(view, at, len)); return; }
    if (len < 8) return;
    const v = Number(view.getBigUint64(at, le));
    if (code === ISB_IFRECV) stats.received = v;
    else if (code === ISB_IFDROP) stats.dropped = v;
    else if (code === ISB_FILTERACCEPT) stats.filterAccepted = v;
    else if (code === ISB_OSDROP) stats.osDropped = v;
    else if (code === ISB_USRDELIV) stats.delivered = v;
  });
}

const NRB_END = 0, NRB_IPV4 = 1, NRB_IPV6 = 2;

/**
 * Counts the names a Name Resolution Block's records (view[start .. end)) give IPv4 and IPv6 addresses: an
 * address record holds the address, then one or more NUL-terminated names, each reported on its own
 * (wiretap's pcapng_read_name_resolution_block calls its new-address callback per name).
 */
export function countResolvedNames(meta: CaptureMetadata, view: DataView, start: number, end: number, le: boolean): void {
  let at = start;
  while (at + 4 <= end) {
    const type = view.getUint16(at, le), len = view.getUint16(at + 2, le);
    if (type === NRB_END || at + 4 + len > end) return;
    const addrLen = type === NRB_IPV4 ? 4 : type === NRB_IPV6 ? 16 : 0;
    if (addrLen > 0 && len >= addrLen) {
      const names = namesIn(view, at + 4 + addrLen, at + 4 + len);
      if (type === NRB_IPV4) meta.resolvedIpv4 += names; else meta.resolvedIpv6 += names;
    }
    at += 4 + ((len + 3) & ~3);
  }
}

/** NUL-terminated strings in view[from .. to). */
function namesIn(view: DataView, from: number, to: number): number {
  let n = 0, start = from;
  for (let i = from; i < to; i++) {
    if (view.getUint8(i) !== 0) continue;
    if (i > start) n++;
    start = i + 1;
  }
  return n;
}
