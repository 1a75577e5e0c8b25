/**
 * A capture-file problem as a value: what went wrong, at which byte of the file, in one human sentence.
 * Readers stop at the first problem; every record handed out before it stays valid ("everything before
 * it is kept"), so a caller shows the packets it has and the sentence.
 */

/** Every reason a reader can stop. */
export type CaptureProblemCode =
  /** The input is gzip-compressed: decompress it and feed the plain bytes (the Node file source does). */
  | 'gzip'
  /** The first bytes are not a pcap or pcapng magic number. */
  | 'bad-magic'
  /** A pcap magic number that libpcap and Wireshark do not read (e.g. Kuznetzov's modified pcap). */
  | 'unsupported-magic'
  /** A pcap major version below 2 or a pcapng section version other than 1.0 / 1.2. */
  | 'unsupported-version'
  /** pcap link-type field with reserved bits set (Wireshark refuses these). */
  | 'bad-link-type'
  /** The input ended inside a file header, record header, record or block. */
  | 'truncated'
  /** A record claims more captured bytes than any reader accepts (262144 for most link types). */
  | 'caplen-too-large'
  /** A pcapng block length under the 12-byte minimum, or under the minimum for its block type. */
  | 'block-too-short'
  /** A pcapng block length that is not a multiple of 4. */
  | 'block-length-unaligned'
  /** A pcapng block whose trailing length differs from its leading length. */
  | 'block-trailer-mismatch'
  /** A pcapng block longer than 16 MiB. */
  | 'block-too-large'
  /** A pcapng block before the first Section Header Block. */
  | 'no-section-header'
  /** A pcapng packet refers to an interface no IDB of its section described. */
  | 'unknown-interface'
  /** A pcapng option (or a packet's data) runs past the end of its block. */
  | 'option-overrun'
  /** More pcapng interfaces than a record's 16-bit interface column can name. */
  | 'too-many-interfaces'
  /** The gzip stream around the capture is corrupt or cut short (reported by the Node file source). */
  | 'bad-gzip'
  /** The file could not be read (reported by the Node file source; the message carries the OS error). */
  | 'io-error'
  /** A pcapng if_tsresol value this reader cannot represent. */
  | 'bad-timestamp-resolution';

export interface CaptureProblem {
  readonly code: CaptureProblemCode;
  /** Byte offset in the (decompressed) file of the header, record or block at fault. */
  readonly offset: number;
  /** One sentence for a person: what is wrong and where. */
  readonly message: string;
}

export function captureProblem(code: CaptureProblemCode, offset: number, message: string): CaptureProblem {
  return { code, offset, message };
}

/** Link types whose records may be longer than 262144 bytes: libpcap pcap-common.c max_snaplen_for_dlt(). */
const LARGE_SNAPLEN: ReadonlyMap<number, number> = new Map([
  [231, 128 * 1024 * 1024], // LINKTYPE_DBUS: a D-Bus message may be up to 128 MiB
  [249, 1024 * 1024], // LINKTYPE_USBPCAP (Wireshark bug 15985)
  [279, 8 * 1024 * 1024], // LINKTYPE_EBHSCR
]);

/** libpcap's MAXIMUM_SNAPLEN (pcap-int.h); Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD is the same. */
export const MAX_CAPLEN = 262144;

/** The largest captured length a record of this link type may claim (libpcap's max_snaplen_for_dlt). */
export function maxCaplenFor(linkType: number): number {
  return LARGE_SNAPLEN.get(linkType) ?? MAX_CAPLEN;
}
