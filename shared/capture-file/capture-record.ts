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
   * Timestamp: whole seconds since 1970 and nanoseconds within the second (0 ≤ tsNsec < 10^9), full precision.
   * A damaged pcap record whose fraction is 1 s or more (µs field ≥ 10^6, ns field ≥ 10^9) gets the instant
   * wiretap (tshark) reads: the fraction in ns kept in 32 bits and read as signed (libpcap.c computes
   * `ts_usec * 1000` in guint32 arithmetic into nstime_t.nsecs), then carried into the seconds. So
   * tcp.time_delta, iRTT and the packet list agree with tshark; `rawTimestamp` keeps what the file says.
   */
  tsSec: number;
  tsNsec: number;
  /**
   * Set only on a record whose fraction was out of range (see tsSec): the file's seconds and its fraction in
   * ns (µs × 1000 or ns, up to (2^32 − 1) × 1000), unnormalised, as tcpdump and tshark's frame.time_epoch
   * print them. Its presence flags the damaged timestamp. Undefined on every other record.
   */
  rawTimestamp?: RawTimestamp;
  /**
   * False when the record carries no timestamp (pcapng Simple Packet Block): tsSec/tsNsec are then 0 and
   * tshark shows an empty frame.time_epoch. Optional so hand-built records in tests may omit it (= true).
   */
  hasTimestamp?: boolean;
  /**
   * Fraction digits wiretap shows this record's time with (its WTAP_TSPREC: 0–3, 6 or 9; time-precision.ts): a pcap
   * file's from its magic, a pcapng packet's from its interface's if_tsresol. tshark's time columns print that many
   * (Wireshark's automatic precision). Absent (hand-built records): 6.
   */
  tsPrec?: number;
  /**
   * Set only on the synthetic frame of a reassembled IP datagram (PacketDecoder.frameRecord): the record as read,
   * whose bytes are the frame itself (`frame contains`, exports).
   */
  original?: CaptureRecord;
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

/** A record timestamp exactly as the file holds it (CaptureRecord.rawTimestamp). */
export interface RawTimestamp {
  readonly tsSec: number;
  readonly tsNsec: number;
}

/**
 * The record's instant as wiretap holds it (nstime_t), for the time differences tshark prints: the file's seconds and
 * its fraction as 32-bit signed nanoseconds, unnormalised when damaged (`rawTimestamp`), else tsSec/tsNsec.
 */
export const wiretapSec = (r: CaptureRecord): number => (r.rawTimestamp ? r.rawTimestamp.tsSec : r.tsSec);
export const wiretapNsec = (r: CaptureRecord): number => (r.rawTimestamp ? r.rawTimestamp.tsNsec | 0 : r.tsNsec);
