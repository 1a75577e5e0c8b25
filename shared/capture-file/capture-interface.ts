/**
 * One capture interface as a reader describes it: a pcap file has one, a pcapng file one per Interface
 * Description Block. `id` is the index in the reader's `interfaces` list and is what `CaptureRecord.iface`
 * holds; it equals the pcapng interface id for single-section files (nearly all). For a file with several
 * sections, `idInSection` is the id the file itself uses (and what tshark 4.0 shows as frame.interface_id).
 */
import type { InterfaceOptions } from './pcapng-options';

export interface CaptureInterface {
  /** Index in the reader's interface list (unique across sections). */
  readonly id: number;
  /** 0-based section (pcapng SHB) the interface belongs to; always 0 for pcap. */
  readonly section: number;
  /** The interface id inside its section (pcapng EPB interface_id). */
  readonly idInSection: number;
  /** LINKTYPE_* value (low 16 bits of the pcap link-type field). */
  readonly linkType: number;
  /** Snapshot length; 0 means "no limit" in pcapng. */
  readonly snaplen: number;
  /** pcapng if_name / if_description, when present. */
  readonly name?: string;
  readonly description?: string;
  /**
   * Timestamp resolution as the pcapng if_tsresol byte: bit 7 clear → 10^-n seconds, set → 2^-n seconds.
   * pcap files report 6 (µs magic) or 9 (ns magic).
   */
  readonly tsresol: number;
  /** pcapng if_tsoffset: seconds added to every timestamp of this interface (0 when absent). */
  readonly tsoffset: number;
  /** pcap: FCS length in bytes announced by the link-type field's upper bits (libpcap LT_FCS_LENGTH), else 0. */
  readonly fcsLen: number;
  /** Byte order of the file (pcap) or section (pcapng) that declared it: libpcap's filter reads DLT_NULL's family so. */
  readonly littleEndian: boolean;
  /** The other pcapng IDB options, for Capture File Properties (absent for pcap). */
  readonly details?: InterfaceDetails;
}

/** pcapng IDB options beyond those that change how packets are read. */
export type InterfaceDetails = Omit<InterfaceOptions, 'name' | 'description' | 'tsresol' | 'tsoffset'>;

/** What a frame's detail needs of its interface; plain data, so it crosses from a decode thread with its blocks. */
export interface InterfaceSummary {
  linkType: number;
  section: number;
  idInSection: number;
  name?: string;
  description?: string;
  littleEndian: boolean;
  /** From a pcapng file (its packets sit in blocks that may carry comments). */
  pcapng: boolean;
}

export function interfaceSummary(i: CaptureInterface, format: 'pcap' | 'pcapng' | null): InterfaceSummary {
  return { linkType: i.linkType, section: i.section, idInSection: i.idInSection, name: i.name, description: i.description, littleEndian: i.littleEndian, pcapng: format === 'pcapng' };
}
