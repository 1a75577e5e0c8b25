/**
 * A block of decoded records, the unit a decode thread hands to the thread that runs the TCP tracker
 * (electron/capture/decode-thread.ts → CapturePipeline.pushBlock). It carries what the pipeline's thread
 * needs and nothing else:
 * - the decoded columns of every record (decoded-columns.ts), in the batch's own types, so the tracker's
 *   thread copies them into a batch a block at a time instead of writing 16 numbers per packet;
 * - a small slot per record with the other DecodedPacket fields the tracker reads (CARRIED_PACKET_FIELDS);
 * - the bytes the tracker reads (the two addresses; all headers of the rare tunnelled or ICMP-quoted packet),
 *   never the payload;
 * - the id the producer's own flow table gave the record's address/port pair, so the tracker's thread finds
 *   the flow without hashing and comparing addresses (shared/tcp/pair-flows.ts).
 * Less to carry is less for the tracker's core to pull in from the decoding core's cache. All of it lives in
 * one ArrayBuffer (plus a separate byte area only when a record's headers outgrow the block's), which crosses
 * threads by transfer; the consumer fills one reused record/packet pair per slot without allocating.
 *
 * Offsets in a DecodedPacket are absolute positions in the view it was decoded from; in a block they are
 * rebased onto the block's byte area, where each record's copied bytes start at (rebased) `at`.
 */
import type { CaptureRecord } from '../capture-file/capture-record';
import type { DecodedPacket } from '../wire/decoded-packet';
import { COLUMNS } from './batch-layout';
import { DECODED_COLUMN_NAMES, fillDecodedColumns, type DecodedColumns } from './decoded-columns';

/**
 * The CaptureRecord and DecodedPacket fields BlockReader.read sets (rawTimestamp as far as the tracker reads it:
 * wiretap's 32-bit nanoseconds): what the TCP tracker, its flow table and
 * the outer-layer reader (shared/tcp, shared/wire/outer-ip.ts) read (the batch and the frame index get the
 * rest from the block's columns). Others keep stale values. A test scans those sources for `rec.<field>` and
 * `pkt.<field>` so a new read is not forgotten here.
 */
export const CARRIED_RECORD_FIELDS = ['frame', 'tsSec', 'tsNsec', 'origLen', 'hasTimestamp', 'view', 'at', 'rawTimestamp'] as const satisfies readonly (keyof CaptureRecord)[];

export const CARRIED_PACKET_FIELDS = [
  'l3', 'tcp', 'tcpPortsOnly', 'tcpSeqQuoted', 'tcpBogusHeader', 'shortSegmentFinished', 'tcpFixedHeader', 'udp', 'arp', 'inIcmpError', 'isFirstFragment', 'isLaterFragment', 'sackPermitted', 'accEcnOption', 'hasTimestamp', 'ftpData', 'ftpDataPort', 'ftpDataIpv4',
  'addrLen', 'srcPort', 'dstPort', 'seq', 'ack', 'tcpFlags', 'window', 'windowScale', 'mss', 'ipProto', 'layersSeen',
  'tunnelDepth', 'problem', 'srcAddrOffset', 'dstAddrOffset', 'outerIpOffset', 'capEnd', 'payloadCaptured', 'payloadLen',
  'sackCount', 'sackEdges',
] as const satisfies readonly (keyof DecodedPacket)[];

// Int32 slot layout.
const AT = 0, BITS = 1, PORTS = 2, WSCALE = 3, MSS = 4, LAYERS = 5, SRC_ADDR = 6, DST_ADDR = 7, OUTER_IP = 8,
  CAP_END = 9, PAYLOAD_CAPTURED = 10, PAIR = 11, SACK_COUNT = 12, SACK_AT = 13;
/** Int32 fields per slot; the last 8 hold up to 4 SACK blocks (read only when there are some). */
const SLOT_INTS = SACK_AT + 8;
/**
 * An FTP data announcement (DecodedPacket.ftpData, port, IPv4) takes the last 3 SACK ints: a control segment has
 * at most 2 SACK blocks then (with more, rare on a segment with data, the announcement is not carried).
 */
const FTP_AT = SACK_AT + 5, FTP_MAX_SACKS = 2;
/**
 * A damaged pcap fraction (CaptureRecord.rawTimestamp) as wiretap's 32-bit nanoseconds takes the SACK area's fifth
 * int (room with up to 2 SACK blocks); the file's seconds follow from tsSec. The tracker's time differences need it.
 */
const RAW_NSEC_AT = SACK_AT + 4;
// BITS.
const B_REC_TS = 1, B_TCP = 2, B_UDP = 4, B_ARP = 8, B_ICMP_ERROR = 16, B_FIRST_FRAG = 32, B_LATER_FRAG = 64,
  B_SACK_OK = 128, B_PKT_TS = 256, B_ADDR16 = 512, B_PAIR_DIR = 1024, B_TCP_PORTS = 2048, B_TCP_BOGUS = 4096, B_ACC_ECN = 8192, B_FTP = 16384, B_RAW_TS = 32768, B_SHORT_FINISHED = 65536, B_TCP_FIXED = 131072, B_TCP_SEQ_QUOTED = 262144;
/** Bytes copied after an IP packet's transport header for protocols without a payload offset (ICMP, GRE …). */
const OTHER_TRANSPORT_BYTES = 8;
/** Bytes copied of a frame without IP (nothing reads them; a little helps a debugger). */
const NON_IP_BYTES = 64;

export interface DecodedBlock {
  /** Records in the block. */
  count: number;
  /** Bytes of `bytes` in use. */
  bytesUsed: number;
  /** The decoded columns, `slots` rows each. */
  cols: DecodedColumns;
  /** SLOT_INTS per record. */
  ints: Int32Array;

  bytes: Uint8Array;
}

const TYPE_OF = new Map(COLUMNS.map((c) => [c.name, c.type]));

/** A block for `slots` records and `byteCapacity` bytes of headers, every array carved from one ArrayBuffer. */
export function allocateBlock(slots: number, byteCapacity: number): DecodedBlock {
  const parts: { name: string; type: typeof COLUMNS[number]['type'] | Int32ArrayConstructor | Uint8ArrayConstructor; length: number }[] = [
    ...DECODED_COLUMN_NAMES.map((name) => ({ name, type: TYPE_OF.get(name)!, length: slots })),
    { name: 'ints', type: Int32Array, length: slots * SLOT_INTS },
    { name: 'bytes', type: Uint8Array, length: byteCapacity },
  ];
  const offsets: number[] = [];
  let size = 0;
  for (const p of parts) { offsets.push(size); size += Math.ceil(p.length * p.type.BYTES_PER_ELEMENT / 8) * 8; }
  const buffer = new ArrayBuffer(size);
  const arrays = Object.fromEntries(parts.map((p, k) => [p.name, new p.type(buffer, offsets[k], p.length)]));
  const cols = Object.fromEntries(DECODED_COLUMN_NAMES.map((n) => [n, arrays[n]])) as unknown as DecodedColumns;
  return { count: 0, bytesUsed: 0, cols, ints: arrays.ints as Int32Array, bytes: arrays.bytes as Uint8Array };
}

/** The buffers to list as transferables when posting a block (one, or two when its byte area was grown). */
export function blockTransferList(b: DecodedBlock): ArrayBuffer[] {
  const main = b.ints.buffer as ArrayBuffer, bytes = b.bytes.buffer as ArrayBuffer;
  return bytes === main ? [main] : [main, bytes];
}

export function blockSlots(b: DecodedBlock): number { return b.ints.length / SLOT_INTS; }

/**
 * The bytes of the record the tracker may read, as [from, to) in its view. A packet with one IP layer: only
 * its two addresses (the flow table's key; IPv4 and IPv6 keep them side by side, 8 or 32 bytes). Anything else
 * — no IP, a tunnel, an ICMP error quoting a datagram — rarer, so all its headers, never the payload.
 */
/** One IP layer, not an ICMP error's quote: the tracker reads only the two addresses. */
const addressesOnly = (pkt: DecodedPacket): boolean => pkt.l3 !== 0 && pkt.tunnelDepth === 0 && !pkt.inIcmpError;

function copyFrom(rec: CaptureRecord, pkt: DecodedPacket): number {
  return addressesOnly(pkt) ? Math.min(pkt.srcAddrOffset, pkt.dstAddrOffset) : rec.at;
}

function copyTo(rec: CaptureRecord, pkt: DecodedPacket): number {
  const captured = pkt.capEnd;   // within the record's captured bytes (or a reassembled datagram's synthetic frame)
  if (addressesOnly(pkt)) return Math.min(captured, Math.max(pkt.srcAddrOffset, pkt.dstAddrOffset) + pkt.addrLen);
  let end: number;
  if (pkt.l3 === 0) end = rec.at + NON_IP_BYTES;
  else if (pkt.tcp || pkt.udp) end = Math.max(pkt.payloadOffset, pkt.l4Offset);
  else end = pkt.l4Offset + OTHER_TRANSPORT_BYTES;
  // The flow table reads the addresses, even when a broken header stopped the decoder before the transport.
  if (pkt.l3 !== 0) end = Math.max(end, pkt.srcAddrOffset + pkt.addrLen, pkt.dstAddrOffset + pkt.addrLen);
  return Math.min(end, captured);
}

/**
 * Appends a record to the block. Returns false (block unchanged) when it is full: no slot left, or its byte
 * area cannot hold this record's bytes (callers post the block and retry with an empty one; an empty block
 * whose area is too small gets a larger one of its own, which only a record with kilobytes of headers needs).
 * `pair`/`pairDir`: the producer's key for the record's address/port pair (shared/tcp/pair-flows.ts), -1 none.
 */
export function appendToBlock(b: DecodedBlock, rec: CaptureRecord, pkt: DecodedPacket, pair = -1, pairDir: 0 | 1 = 0): boolean {
  const from = copyFrom(rec, pkt);
  const n = Math.max(0, copyTo(rec, pkt) - from);
  if (b.count === blockSlots(b)) return false;
  if (b.bytesUsed + n > b.bytes.length) {
    if (b.count > 0) return false;
    b.bytes = new Uint8Array(n);
  }
  const at = b.bytesUsed, dst = b.bytes, src = rec.bytes;
  for (let k = 0; k < n; k++) dst[at + k] = src[from + k];   // 8 or 32 bytes mostly: a loop beats subarray().set()
  fillDecodedColumns(b.cols, b.count, rec, pkt);
  writeSlot(b, b.count, rec, pkt, at - from, pair, pairDir);
  b.bytesUsed = at + n;
  b.count++;
  return true;
}

/** An offset field rebased by `delta` (−1 means "absent" and stays). */
const rebase = (offset: number, delta: number): number => (offset < 0 ? offset : offset + delta);

function writeSlot(b: DecodedBlock, slot: number, rec: CaptureRecord, p: DecodedPacket, delta: number, pair: number, pairDir: 0 | 1): void {
  const i = b.ints, o = slot * SLOT_INTS;
  i[o + AT] = rec.at + delta;
  i[o + BITS] = (rec.hasTimestamp === false ? 0 : B_REC_TS) | (p.tcp ? B_TCP : 0) | (p.udp ? B_UDP : 0) | (p.arp ? B_ARP : 0)
    | (p.inIcmpError ? B_ICMP_ERROR : 0) | (p.isFirstFragment ? B_FIRST_FRAG : 0) | (p.isLaterFragment ? B_LATER_FRAG : 0)
    | (p.sackPermitted ? B_SACK_OK : 0) | (p.accEcnOption ? B_ACC_ECN : 0) | (p.hasTimestamp ? B_PKT_TS : 0) | (p.addrLen === 16 ? B_ADDR16 : 0)
    | (pairDir ? B_PAIR_DIR : 0) | (p.tcpPortsOnly ? B_TCP_PORTS : 0) | (p.tcpBogusHeader ? B_TCP_BOGUS : 0)
    | (p.shortSegmentFinished ? B_SHORT_FINISHED : 0) | (p.tcpFixedHeader ? B_TCP_FIXED : 0) | (p.tcpSeqQuoted ? B_TCP_SEQ_QUOTED : 0);
  i[o + PAIR] = pair;
  i[o + PORTS] = p.srcPort << 16 | p.dstPort;
  i[o + WSCALE] = p.windowScale; i[o + MSS] = p.mss;
  i[o + LAYERS] = p.layersSeen | p.tunnelDepth << 8 | (p.l3 === 0 ? p.ipProto : 0) << 16;
  i[o + SRC_ADDR] = rebase(p.srcAddrOffset, delta); i[o + DST_ADDR] = rebase(p.dstAddrOffset, delta);
  i[o + OUTER_IP] = rebase(p.outerIpOffset, delta); i[o + CAP_END] = rebase(p.capEnd, delta);
  i[o + PAYLOAD_CAPTURED] = p.payloadCaptured; i[o + SACK_COUNT] = p.sackCount;
  for (let k = 0; k < p.sackCount * 2; k++) i[o + SACK_AT + k] = p.sackEdges[k];
  if (rec.rawTimestamp && p.sackCount <= FTP_MAX_SACKS) { i[o + BITS] |= B_RAW_TS; i[o + RAW_NSEC_AT] = rec.rawTimestamp.tsNsec | 0; }
  if (p.ftpData !== 0 && p.sackCount <= FTP_MAX_SACKS) {
    i[o + BITS] |= B_FTP;
    i[o + FTP_AT] = p.ftpData; i[o + FTP_AT + 1] = p.ftpDataPort; i[o + FTP_AT + 2] = p.ftpDataIpv4;
  }
}

/**
 * Reads a block's slots into one reused record/packet pair. `load()` takes the block's arrays into this
 * object's own fields once per block: a block arrives by structured clone, and reading through its freshly
 * made objects per packet costs more than the copy it saves.
 */
export class BlockReader {
  private c: DecodedColumns = null as unknown as DecodedColumns;
  private frame: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private tsSec: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private tsNsec: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private origLen: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private l3: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private proto: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private problem: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private tcpFlags: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  private seq: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private ack: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private payloadLen: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private window: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  private ints: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  /** The damaged timestamp of the last record read that had one (reused). */
  private readonly rawTs = { tsSec: 0, tsNsec: 0 };
  /** The last `read` record's pair id (-1: none) and its direction in the pair, as the producer keyed it. */
  pair = -1;
  pairDir: 0 | 1 = 0;

  /** The block's decoded columns (valid until the next load). */
  get columns(): DecodedColumns { return this.c; }

  load(b: DecodedBlock): void {
    const c = this.c = b.cols;
    this.frame = c.frame; this.tsSec = c.tsSec; this.tsNsec = c.tsNsec; this.origLen = c.origLen; this.l3 = c.l3; this.proto = c.proto;
    this.problem = c.decodeProblem; this.tcpFlags = c.tcpFlags; this.seq = c.seqRaw; this.ack = c.ackRaw;
    this.payloadLen = c.payloadLen; this.window = c.window;
    this.ints = b.ints;
    this.view = new DataView(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength);
  }

  /**
   * Fills `rec` and `p` from slot `slot`: `rec.view` is the block's byte area, offsets point into it. Only
   * CARRIED_RECORD_FIELDS and CARRIED_PACKET_FIELDS are set. Without TCP the columns hold 0 for tcpFlags/seq/ack/window,
   * which is what such a packet's fields mean to the tracker (it reads them only with TCP).
   */
  read(slot: number, rec: CaptureRecord, p: DecodedPacket): void {
    const i = this.ints, o = slot * SLOT_INTS;
    const bits = i[o + BITS];
    if (rec.view !== this.view) rec.view = this.view;   // per block, not per packet (write barrier)
    rec.frame = this.frame[slot]; rec.tsSec = this.tsSec[slot]; rec.tsNsec = this.tsNsec[slot]; rec.origLen = this.origLen[slot];
    rec.hasTimestamp = (bits & B_REC_TS) !== 0; rec.at = i[o + AT];
    const l3 = this.l3[slot] as 0 | 4 | 6;
    p.l3 = l3; p.problem = this.problem[slot]; p.payloadLen = this.payloadLen[slot];
    p.tcpFlags = this.tcpFlags[slot]; p.seq = this.seq[slot]; p.ack = this.ack[slot]; p.window = this.window[slot];
    p.tcp = (bits & B_TCP) !== 0; p.tcpPortsOnly = (bits & B_TCP_PORTS) !== 0; p.tcpBogusHeader = (bits & B_TCP_BOGUS) !== 0;
    p.shortSegmentFinished = (bits & B_SHORT_FINISHED) !== 0; p.tcpFixedHeader = (bits & B_TCP_FIXED) !== 0; p.tcpSeqQuoted = (bits & B_TCP_SEQ_QUOTED) !== 0; p.udp = (bits & B_UDP) !== 0; p.arp = (bits & B_ARP) !== 0;
    p.inIcmpError = (bits & B_ICMP_ERROR) !== 0; p.isFirstFragment = (bits & B_FIRST_FRAG) !== 0;
    p.isLaterFragment = (bits & B_LATER_FRAG) !== 0; p.sackPermitted = (bits & B_SACK_OK) !== 0; p.accEcnOption = (bits & B_ACC_ECN) !== 0;
    p.hasTimestamp = (bits & B_PKT_TS) !== 0; p.addrLen = bits & B_ADDR16 ? 16 : 4;
    const ports = i[o + PORTS];
    p.srcPort = ports >>> 16; p.dstPort = ports & 0xffff;
    p.windowScale = i[o + WSCALE]; p.mss = i[o + MSS];
    const layers = i[o + LAYERS];
    p.layersSeen = layers & 0xff; p.tunnelDepth = layers >>> 8 & 0xff;
    p.ipProto = l3 ? this.proto[slot] : layers >>> 16;
    p.srcAddrOffset = i[o + SRC_ADDR]; p.dstAddrOffset = i[o + DST_ADDR];
    p.outerIpOffset = i[o + OUTER_IP]; p.capEnd = i[o + CAP_END];
    p.payloadCaptured = i[o + PAYLOAD_CAPTURED];
    const sacks = p.sackCount = i[o + SACK_COUNT];
    for (let k = 0; k < sacks * 2; k++) p.sackEdges[k] = i[o + SACK_AT + k];
    this.pair = i[o + PAIR]; this.pairDir = bits & B_PAIR_DIR ? 1 : 0;
    if (bits & B_RAW_TS) {
      const w = i[o + RAW_NSEC_AT];
      this.rawTs.tsSec = rec.tsSec - Math.floor(w / 1e9); this.rawTs.tsNsec = w >>> 0;
      rec.rawTimestamp = this.rawTs;
    } else if (rec.rawTimestamp !== undefined) rec.rawTimestamp = undefined;
    if (bits & B_FTP) { p.ftpData = i[o + FTP_AT]; p.ftpDataPort = i[o + FTP_AT + 1]; p.ftpDataIpv4 = i[o + FTP_AT + 2] >>> 0; }
    else { p.ftpData = 0; p.ftpDataPort = 0; p.ftpDataIpv4 = 0; }
  }
}
