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
  /** Timestamp: whole seconds since 1970 and nanoseconds within the second (full precision kept). */
  tsSec: number;
  tsNsec: number;
  /** Interface id (pcapng; 0 for pcap) and its LINKTYPE_*. */
  iface: number;
  linkType: number;
  /** File offset of the packet bytes (not the record header), for reading them back later. */
  fileOffset: number;
  /** 1-based record number in file order (tshark frame.number). */
  frame: number;
}
