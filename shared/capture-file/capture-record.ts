/**
 * One packet record as a push reader hands it out. The reader reuses a single CaptureRecord object and
 * the buffer behind it: everything here is valid only inside the `onRecord` callback (copy what you keep).
 * `bytes`/`view` cover the reader's current window; the packet is `capLen` bytes starting at `at`.
 */
export interface CaptureRecord {
  /** The window holding the packet bytes; the packet is bytes[at .. at+capLen). */
  bytes: Uint8Array;
  /** DataView over the same memory as `bytes` (same byteOffset), so `view.getUint8(at)` is the first byte. */
  view: DataView;
  at: number;
  capLen: number;
  origLen: number;
  /**
   * Timestamp: whole seconds since 1970 and nanoseconds within the second (full precision kept). A damaged
   * pcap record's fraction is passed through unnormalised, as libpcap/tcpdump and wiretap do: a µs field of
   * 1000000 gives tsNsec 1000000000 (tcpdump prints "….1000000"), so tsNsec may exceed 999999999 (and 2^32).
   */
  tsSec: number;
  tsNsec: number;
  /**
   * False when the record carries no timestamp (pcapng Simple Packet Block): tsSec/tsNsec are then 0 and
   * tshark shows an empty frame.time_epoch. Optional so hand-built records in tests may omit it (= true).
   */
  hasTimestamp?: boolean;
  /**
   * Interface: index into the reader's `interfaces` list (0 for pcap; the pcapng interface id in a
   * single-section file), and that interface's LINKTYPE_*.
   */
  iface: number;
  linkType: number;
  /** File offset of the packet bytes (not the record header), for reading them back later. */
  fileOffset: number;
  /**
   * 1-based record number in file order (tshark frame.number). pcapng Custom Blocks take a number too, as
   * tshark 4.0 shows them as frames, but are not handed out: frame numbers then have gaps.
   */
  frame: number;
}
